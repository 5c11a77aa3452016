import { Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { countryCodeSchema, optionalText } from '../platform/text/normalize';

/** A structured postal address (billing or shipping), stored as JSON on its record. */
@ObjectType({ description: 'A structured postal address; every part is optional.' })
export class Address {
  @Field(() => String, { nullable: true, description: 'Street and number.' }) line1?: string | null;
  @Field(() => String, { nullable: true, description: 'Floor, suite, building...' }) line2?: string | null;
  @Field(() => String, { nullable: true, description: 'City or town.' }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'Region, state or province.' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal (ZIP) code, as written.' }) postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, upper case (e.g. ES).' }) country?: string | null;
}

@InputType({ description: 'A postal address; parts are trimmed, empty ones become null. It replaces the whole address; null clears it.' })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'Street and number; at most 300 characters.' }) line1?: string | null;
  @Field(() => String, { nullable: true, description: 'Floor, suite, building...; at most 300 characters.' }) line2?: string | null;
  @Field(() => String, { nullable: true, description: 'City or town; at most 200 characters.' }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'Region, state or province; at most 200 characters.' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal (ZIP) code; at most 30 characters.' }) postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, any case (e.g. "es").' }) country?: string | null;
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
