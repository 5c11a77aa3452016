import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../graphql/scalars';

@InputType({ description: 'Text comparisons; contains / startsWith / endsWith ignore case.' })
export class StringFilter {
  @Field(() => String, { nullable: true }) eq?: string | null;
  @Field(() => String, { nullable: true }) ne?: string | null;
  @Field(() => [String], { nullable: true }) in?: string[] | null;
  @Field(() => [String], { nullable: true }) notIn?: string[] | null;
  @Field(() => String, { nullable: true }) contains?: string | null;
  @Field(() => String, { nullable: true }) startsWith?: string | null;
  @Field(() => String, { nullable: true }) endsWith?: string | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType()
export class IdFilter {
  @Field(() => ID, { nullable: true }) eq?: string | null;
  @Field(() => ID, { nullable: true }) ne?: string | null;
  @Field(() => [ID], { nullable: true }) in?: string[] | null;
  @Field(() => [ID], { nullable: true }) notIn?: string[] | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType()
export class DateTimeFilter {
  @Field(() => Date, { nullable: true }) eq?: Date | null;
  @Field(() => Date, { nullable: true }) gt?: Date | null;
  @Field(() => Date, { nullable: true }) gte?: Date | null;
  @Field(() => Date, { nullable: true }) lt?: Date | null;
  @Field(() => Date, { nullable: true }) lte?: Date | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType()
export class DateFilter {
  @Field(() => LocalDateScalar, { nullable: true }) eq?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) gt?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) gte?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) lt?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) lte?: string | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType()
export class DecimalFilter {
  @Field(() => DecimalScalar, { nullable: true }) eq?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) ne?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) gt?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) gte?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) lt?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) lte?: string | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType()
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true }) eq?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}
