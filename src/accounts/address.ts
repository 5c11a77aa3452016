import { Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { countryCodeSchema, optionalText } from '../platform/text/normalize';

/** A structured postal address (billing or shipping), stored as JSON on its record. */
@ObjectType()
export class Address {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }) country?: string | null;
}

@InputType()
export class AddressInput {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

export const addressSchema = z
  .object({
    line1: optionalText(300),
    line2: optionalText(300),
    city: optionalText(200),
    region: optionalText(200),
    postalCode: optionalText(30),
    country: countryCodeSchema,
  })
  .strict()
  .nullable()
  .optional();
