import { z } from 'zod';
import { AccountType } from './account-type';
import { emailList, normalisePhone, normaliseTaxId, optionalText, websiteSchema } from '../platform/text/normalize';
import { addressSchema } from './address';

const id = (what: string) => z.uuid({ message: `must be ${what} id` });

/** Phones in any common format, stored as E.164 (local numbers read with the workspace's default country). */
export const phoneListFor = (defaultCountry: string | null) =>
  z
    .array(
      z.string().max(40).transform((raw, ctx) => {
        const phone = normalisePhone(raw, defaultCountry);
        if (phone.ok) return phone.value;
        ctx.addIssue({ code: 'custom', message: phone.message });
        return z.NEVER;
      }),
    )
    .max(20, 'at most 20 phones')
    .transform((phones) => [...new Set(phones)]);

export const taxIdSchema = z
  .string()
  .max(40, 'must be at most 40 characters')
  .transform((raw, ctx) => {
    if (raw.trim() === '') return null;
    const taxId = normaliseTaxId(raw);
    if (taxId.ok) return taxId.value;
    ctx.addIssue({ code: 'custom', message: taxId.message });
    return z.NEVER;
  })
  .nullable()
  .optional();

/** Shape and format checks of account fields (all problems are reported together). */
export const accountFieldsSchemaFor = (defaultCountry: string | null) => z.object({
  name: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  legalName: optionalText(300),
  taxId: taxIdSchema,
  type: z.enum(AccountType),
  emails: emailList.optional(),
  phones: phoneListFor(defaultCountry).optional(),
  website: websiteSchema,
  industry: optionalText(200),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  notes: optionalText(20000),
  externalId: optionalText(200),
});

export const characteristicValueSchema = z.object({
  definitionId: id('a characteristic definition'),
  text: z.string().max(2000).nullable().optional(),
  number: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
  boolean: z.boolean().nullable().optional(),
  option: z.string().max(200).nullable().optional(),
});

export const createAccountSchemaFor = (defaultCountry: string | null) => accountFieldsSchemaFor(defaultCountry).extend({
  primaryOwnerId: id('a member').nullable().optional(),
  secondaryOwnerIds: z.array(id('a member')).max(50).optional(),
  characteristics: z.array(characteristicValueSchema).max(200).optional(),
});

export const updateAccountSchemaFor = (defaultCountry: string | null) => accountFieldsSchemaFor(defaultCountry).partial().extend({
  id: id('an account'),
  expectedVersion: z.number().int().nullable().optional(),
});

export const setAccountOwnersSchema = z.object({
  accountId: id('an account'),
  primaryOwnerId: id('a member'),
  secondaryOwnerIds: z.array(id('a member')).max(50).optional(),
  expectedVersion: z.number().int().nullable().optional(),
});

export const upsertAccountRowSchemaFor = (defaultCountry: string | null) => accountFieldsSchemaFor(defaultCountry).extend({
  externalId: z.string().trim().min(1, 'is required to upsert').max(200),
  primaryOwnerId: id('a member').nullable().optional(),
});
