import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../graphql/scalars';

const IS_NULL = 'true: the value is not set; false: it is set.';

@InputType({ description: 'Text comparisons; the given operators combine with AND; contains / startsWith / endsWith ignore case.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to this text (case-sensitive).' }) eq?: string | null;
  @Field(() => String, { nullable: true, description: 'Not equal to this text (case-sensitive); an unset value matches.' }) ne?: string | null;
  @Field(() => [String], { nullable: true, description: 'Equal to one of these texts (an empty list matches nothing).' }) in?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Equal to none of these texts.' }) notIn?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Contains this text, ignoring case.' }) contains?: string | null;
  @Field(() => String, { nullable: true, description: 'Starts with this text, ignoring case.' }) startsWith?: string | null;
  @Field(() => String, { nullable: true, description: 'Ends with this text, ignoring case.' }) endsWith?: string | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}

@InputType({ description: 'Id comparisons; the given operators combine with AND; every id must be a uuid (else BAD_USER_INPUT at its path).' })
export class IdFilter {
  @Field(() => ID, { nullable: true, description: 'Equal to this id.' }) eq?: string | null;
  @Field(() => ID, { nullable: true, description: 'Not equal to this id; an unset value matches.' }) ne?: string | null;
  @Field(() => [ID], { nullable: true, description: 'One of these ids (an empty list matches nothing).' }) in?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'None of these ids.' }) notIn?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}

@InputType({ description: 'Instant comparisons (DateTime, ISO-8601; compared as instants, whatever the offset written); operators combine with AND.' })
export class DateTimeFilter {
  @Field(() => Date, { nullable: true, description: 'At exactly this instant (millisecond precision).' }) eq?: Date | null;
  @Field(() => Date, { nullable: true, description: 'After this instant.' }) gt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'At or after this instant.' }) gte?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this instant.' }) lt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'At or before this instant.' }) lte?: Date | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}

@InputType({ description: 'Calendar-date comparisons (Date, YYYY-MM-DD); operators combine with AND.' })
export class DateFilter {
  @Field(() => LocalDateScalar, { nullable: true, description: 'On this date.' }) eq?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'After this date.' }) gt?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'On or after this date.' }) gte?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Before this date.' }) lt?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'On or before this date.' }) lte?: string | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}

@InputType({ description: 'Exact number comparisons (Decimal strings, e.g. "19.99"; "21" equals "21.000"); operators combine with AND.' })
export class DecimalFilter {
  @Field(() => DecimalScalar, { nullable: true, description: 'Equal to this number.' }) eq?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Not equal to this number; an unset value matches.' }) ne?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Greater than this number.' }) gt?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Greater than or equal to this number.' }) gte?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Less than this number.' }) lt?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Less than or equal to this number.' }) lte?: string | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}

@InputType({ description: 'Boolean comparisons; operators combine with AND.' })
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true, description: 'Equal to this value.' }) eq?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: IS_NULL }) isNull?: boolean | null;
}
