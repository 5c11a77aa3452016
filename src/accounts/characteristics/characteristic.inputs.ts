import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../platform/graphql/scalars';

@InputType({ description: 'A value for one characteristic: fill the field matching its data type (all empty clears it).' })
export class CharacteristicValueInput {
  @Field(() => ID, { description: 'A non-archived characteristic definition of the workspace.' }) definitionId: string;
  @Field(() => String, { nullable: true, description: 'The value of a TEXT characteristic; at most 2,000 characters.' }) text?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The value of a NUMBER characteristic, an exact decimal string (e.g. "12.5").' })
  number?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The value of a DATE characteristic (YYYY-MM-DD).' }) date?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The value of a BOOLEAN characteristic.' }) boolean?: boolean | null;
  @Field(() => String, { nullable: true, description: 'The value of an OPTION characteristic: one of the definition\'s options, exactly.' })
  option?: string | null;
}
