import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../platform/graphql/scalars';

@InputType({ description: 'A value for one characteristic: fill the field matching its data type (all empty clears it).' })
export class CharacteristicValueInput {
  @Field(() => ID) definitionId: string;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) number?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) date?: string | null;
  @Field(() => Boolean, { nullable: true }) boolean?: boolean | null;
  @Field(() => String, { nullable: true, description: 'One of the definition\'s options.' }) option?: string | null;
}
