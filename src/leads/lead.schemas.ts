import { z } from 'zod';
import { phoneListFor } from '../accounts/account.schemas';
import { currencySchema, moneyAmountSchema } from '../platform/money/currency';
import { emailList, normalisePhone, optionalText, websiteSchema } from '../platform/text/normalize';
import { LeadCloseResult, LeadStatus } from './lead.entity';

const id = (what: string) => z.uuid({ message: `must be ${what} id` });

/** A phone read with the workspace's default country, stored as E.164; empty becomes null. */
const phoneFor = (defaultCountry: string | null) =>
  z
    .string()
    .max(40)
    .transform((raw, ctx) => {
      if (raw.trim() === '') return null;
      const phone = normalisePhone(raw, defaultCountry);
      if (phone.ok) return phone.value;
      ctx.addIssue({ code: 'custom', message: phone.message });
      return z.NEVER;
    })
    .nullable()
    .optional();

export const sourceDetailsSchemaFor = (defaultCountry: string | null) =>
  z.object({
    formId: optionalText(200),
    utm: z
      .object({ source: optionalText(500), medium: optionalText(500), campaign: optionalText(500), term: optionalText(500), content: optionalText(500) })
      .nullable()
      .optional(),
    messageId: optionalText(998),
    callerNumber: phoneFor(defaultCountry),
    referrer: optionalText(2000),
  });

/** Shape and format checks of lead fields (all problems reported together); cross-field rules are the service's. */
export const leadFieldsSchemaFor = (defaultCountry: string | null) =>
  z.object({
    title: optionalText(300),
    companyName: optionalText(300),
    personName: optionalText(300),
    emails: emailList.optional(),
    phones: phoneListFor(defaultCountry).optional(),
    website: websiteSchema,
    sourceId: id('a lead source').optional(),
    sourceDetails: sourceDetailsSchemaFor(defaultCountry).nullable().optional(),
    expectedValue: moneyAmountSchema.nullable().optional(),
    currency: currencySchema.nullable().optional(),
    notes: optionalText(20000),
    externalId: optionalText(200),
  });

export const createLeadSchemaFor = (defaultCountry: string | null) =>
  leadFieldsSchemaFor(defaultCountry).extend({
    assigneeId: id('a member').nullable().optional(),
    teamId: id('a team').nullable().optional(),
  });

export const updateLeadSchemaFor = (defaultCountry: string | null) =>
  leadFieldsSchemaFor(defaultCountry).extend({
    id: id('a lead'),
    expectedVersion: z.number().int().nullable().optional(),
    status: z
      .enum([LeadStatus.NEW, LeadStatus.IN_PROGRESS], { message: 'must be NEW or IN_PROGRESS (closeLead closes, convertLead converts)' })
      .optional(),
  });

export const assignLeadSchema = z.object({
  leadId: id('a lead'),
  assigneeId: id('a member').nullable(),
  teamId: id('a team').nullable().optional(),
  expectedVersion: z.number().int().nullable().optional(),
});

export const closeLeadSchema = z.object({
  leadId: id('a lead'),
  result: z.enum(LeadCloseResult),
  reasonId: id('a lead close reason').nullable().optional(),
  note: optionalText(2000),
  expectedVersion: z.number().int().nullable().optional(),
});

export const upsertLeadRowSchemaFor = (defaultCountry: string | null) =>
  createLeadSchemaFor(defaultCountry).extend({
    externalId: z.string().trim().min(1, 'is required to upsert').max(200),
  });
