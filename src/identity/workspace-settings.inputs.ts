import { isSupportedCountry } from 'libphonenumber-js';
import { Field, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { nameSchema, timeZoneSchema } from './identity.schemas';

@InputType({ description: 'Workspace parameters; omitted fields keep their value.' })
export class UpdateWorkspaceSettingsInput {
  @Field(() => String, { nullable: true, description: 'A new display name, 1 to 200 characters.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Madrid.' }) timeZone?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 country for phone numbers written without a country code; null clears it.',
  })
  defaultCountry?: string | null;
  @Field(() => String, { nullable: true, description: 'Label of the OTHER account type (the workspace\'s fourth type), 1 to 60 characters.' })
  otherAccountTypeLabel?: string | null;
  @Field(() => Int, { nullable: true, description: 'Default hours of postponeFollowUp, 1 to 8760 (a year).' })
  defaultPostponeHours?: number | null;
  @Field(() => String, { nullable: true, description: 'Start of the working day, "HH:MM" (24 h) local time; must stay before the end.' })
  workingHoursStart?: string | null;
  @Field(() => String, { nullable: true, description: 'End of the working day, "HH:MM" (24 h) local time; must stay after the start.' })
  workingHoursEnd?: string | null;
  @Field(() => [Int], { nullable: true, description: 'Working days, ISO weekdays 1 (Monday) to 7 (Sunday), at least one, no repeats.' })
  workingDays?: number[] | null;
}

const localTimeSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a local time "HH:MM" (00:00 to 23:59)');

export const updateWorkspaceSettingsSchema = z.object({
  name: nameSchema.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), 'must be an ISO 3166-1 alpha-2 country code')
    .nullable()
    .optional(),
  otherAccountTypeLabel: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters').nullable().optional(),
  defaultPostponeHours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1').max(8760, 'must be at most 8760 (a year)').nullable().optional(),
  workingHoursStart: localTimeSchema.nullable().optional(),
  workingHoursEnd: localTimeSchema.nullable().optional(),
  workingDays: z
    .array(z.number().int('must be whole numbers').min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'))
    .min(1, 'must name at least one day')
    .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
    .transform((days) => [...days].sort((a, b) => a - b))
    .nullable()
    .optional(),
});
