import { z } from 'zod';
import { isIsoDate } from '../platform/graphql/scalars';
import { currencySchema } from '../platform/money/currency';
import { foldForSearch, optionalText } from '../platform/text/normalize';
import type { Deal } from './deal.entity';
import { percentSchema } from './pipeline.inputs';

export const MAX_LINES = 200;
export const MAX_CONTACTS = 50;

const id = (what: string) => z.uuid({ message: `must be ${what} id` });

/** A manual amount: >= 0, up to 14 integer digits; its decimals are checked against the deal's currency later. */
export const amountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,3})?$/, 'must be a non-negative amount, e.g. "1500.00"');
const quantitySchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be a decimal with at most 12 digits before and 6 after the point, e.g. "1.5"')
  .refine((value) => !value.startsWith('-'), 'must not be negative')
  .refine((value) => /[1-9]/.test(value), 'must be greater than 0');
const unitPriceSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,14}(\.\d{1,4})?$/, 'must be a decimal with at most 4 decimals, e.g. "19.99"')
  .refine((value) => !value.startsWith('-'), 'must not be negative');
/** Percentages of a line (discount, tax): 0 to 100; a negative one says so. */
const linePercentSchema = z
  .string()
  .trim()
  .refine((value) => !value.startsWith('-'), 'must not be negative')
  .pipe(percentSchema);
const dateSchema = z.string().refine(isIsoDate, 'must be a date, YYYY-MM-DD');
const titleSchema = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const lineName = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const unitOfMeasure = z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters');

export const dealLineSchema = z.object({
  productId: id('a product').nullable().optional(),
  name: lineName.nullable().optional(),
  description: optionalText(5000),
  unitOfMeasure: unitOfMeasure.nullable().optional(),
  quantity: quantitySchema,
  unitPrice: unitPriceSchema.nullable().optional(),
  discountPercent: linePercentSchema.nullable().optional(),
  taxRate: linePercentSchema.nullable().optional(),
});
export type DealLineSpec = z.output<typeof dealLineSchema>;

const linesSchema = z.array(dealLineSchema).max(MAX_LINES, `must have at most ${MAX_LINES} lines`);
const contactIdsSchema = z.array(id('a contact')).max(MAX_CONTACTS, `must have at most ${MAX_CONTACTS} contacts`);

export const createDealSchema = z.object({
  title: titleSchema,
  accountId: id('an account'),
  contactIds: contactIdsSchema.nullable().optional(),
  pipelineId: id('a pipeline').nullable().optional(),
  stageId: id('a stage').nullable().optional(),
  ownerId: id('a member').nullable().optional(),
  currency: currencySchema,
  amount: amountSchema.nullable().optional(),
  expectedCloseDate: dateSchema.nullable().optional(),
  externalId: optionalText(200),
  lines: linesSchema.nullable().optional(),
});
export type CreateDealData = z.output<typeof createDealSchema>;

export const updateDealSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  title: titleSchema.optional(),
  accountId: id('an account').optional(),
  contactIds: contactIdsSchema.optional(),
  ownerId: id('a member').nullable().optional(),
  currency: currencySchema.optional(),
  amount: amountSchema.nullable().optional(),
  expectedCloseDate: dateSchema.nullable().optional(),
  externalId: optionalText(200),
});

export const upsertDealRowSchema = z.object({
  externalId: z.string().trim().min(1, 'is required to upsert').max(200, 'must be at most 200 characters'),
  title: titleSchema,
  accountId: id('an account').nullable().optional(),
  accountExternalId: z.string().trim().min(1).max(200).nullable().optional(),
  pipelineId: id('a pipeline').nullable().optional(),
  stageId: id('a stage').nullable().optional(),
  ownerId: id('a member').nullable().optional(),
  currency: currencySchema,
  amount: amountSchema.nullable().optional(),
  expectedCloseDate: dateSchema.nullable().optional(),
});
export type UpsertDealRowData = z.output<typeof upsertDealRowSchema>;

export const setDealLinesSchema = z.object({ dealId: z.string(), expectedVersion: z.number().int().nullable().optional(), lines: linesSchema });
export const addDealLineSchema = z.object({ dealId: z.string(), expectedVersion: z.number().int().nullable().optional(), line: dealLineSchema });
export const updateDealLineSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  name: lineName.optional(),
  description: optionalText(5000),
  unitOfMeasure: unitOfMeasure.optional(),
  quantity: quantitySchema.optional(),
  unitPrice: unitPriceSchema.optional(),
  discountPercent: linePercentSchema.optional(),
  taxRate: linePercentSchema.optional(),
});

export const moveDealSchema = z.object({
  id: z.string(),
  stageId: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  lostReasonId: z.string().nullable().optional(),
  lostNote: optionalText(5000),
});
export const winDealSchema = z.object({ id: z.string(), expectedVersion: z.number().int().nullable().optional() });
export const loseDealSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  reasonId: z.string(),
  note: optionalText(5000),
});
export const reopenDealSchema = z.object({ id: z.string(), expectedVersion: z.number().int().nullable().optional(), stageId: z.string().nullable().optional() });

/** The deal fields an update compares by value (what the timeline records as changes). */
export const DEAL_TRACKED_FIELDS = [
  'title',
  'accountId',
  'contactIds',
  'ownerMembershipId',
  'currency',
  'manualAmount',
  'amount',
  'expectedCloseDate',
  'externalId',
] as const satisfies readonly (keyof Deal)[];

/** What search matches: the folded title and externalId. */
export const dealSearchText = (deal: Pick<Deal, 'title' | 'externalId'>): string =>
  foldForSearch([deal.title, deal.externalId].filter(Boolean).join(' '));
