import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { DecimalScalar } from '../platform/graphql/scalars';
import { currencySchema, moneyAmountSchema } from '../platform/money/currency';
import { settingNameSchema } from '../platform/settings/settings-list';
import { optionalText } from '../platform/text/normalize';

// ---- product categories ----

@InputType({ description: 'A new product category.' })
export class CreateProductCategoryInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => ID, { nullable: true, description: 'The parent category, of this workspace; default: none (top level).' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a product category; fields left out are kept.' })
export class UpdateProductCategoryInput {
  @Field(() => ID, { description: 'The category (archived ones too).' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case; 1 to 200 characters).' }) name?: string | null;
  @Field(() => ID, { nullable: true, description: 'A new parent (null: top level); must not be the category or one of its descendants.' })
  parentId?: string | null;
}

const categoryId = z.uuid({ message: 'must be a product category id' });

export const createProductCategorySchema = z.object({ name: settingNameSchema, parentId: categoryId.nullable().optional() });
export const updateProductCategorySchema = z.object({
  id: z.string(),
  name: settingNameSchema.nullable().optional(),
  parentId: categoryId.nullable().optional(),
});

// ---- products ----

const unitPrice = moneyAmountSchema;
/** A percentage from 0 to 100 with at most 3 decimals, kept as written. */
const taxRate = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, 'must be a percentage with at most 3 decimals, e.g. "21.000"')
  .refine((value) => Number(value) <= 100, 'must be at most 100');
const currency = currencySchema;

export const productFieldsSchema = z.object({
  sku: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  name: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  description: optionalText(20000),
  unitPrice,
  currency,
  taxRate,
  unitOfMeasure: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'),
  categoryId: categoryId.nullable().optional(),
  active: z.boolean().nullable().optional(),
  externalId: optionalText(200),
});

export const createProductSchema = productFieldsSchema;
export const updateProductSchema = productFieldsSchema.partial().extend({
  id: z.uuid({ message: 'must be a product id' }),
  expectedVersion: z.number().int().nullable().optional(),
});
export const upsertProductRowSchema = productFieldsSchema.extend({
  externalId: z.string().trim().min(1, 'is required to upsert').max(200),
});

// Descriptions shared by the create, update and upsert inputs (same rules: productFieldsSchema).
const SKU = 'Stock keeping unit, 1 to 100 characters; unique in the workspace (taken: CONFLICT, SKU_TAKEN).';
const NAME = 'Display name; 1 to 300 characters.';
const DESCRIPTION = 'Free description; at most 20,000 characters.';
const UNIT_PRICE = 'Price of one unit before tax, in `currency`: >= 0, at most 14 digits and 4 decimals, kept as written (e.g. "19.99").';
const CURRENCY = 'ISO-4217 currency code (e.g. "EUR"; any case, stored upper case).';
const TAX_RATE = 'Tax rate in percent, 0 to 100, at most 3 decimals, kept as written (e.g. "21.000").';
const UNIT_OF_MEASURE = 'Unit of measure (e.g. "unit", "kg", "hour"); 1 to 50 characters.';
const CATEGORY = 'A non-archived product category of this workspace (else BAD_USER_INPUT)';
const EXTERNAL_ID = 'The integrator\'s id, at most 200 characters; unique per workspace (taken: BAD_USER_INPUT, EXTERNAL_ID_TAKEN).';
const EXPECTED_VERSION = 'Fails with CONFLICT (VERSION_MISMATCH) when the product changed since this version.';

@InputType({ description: 'A new product.' })
export class CreateProductInput {
  @Field({ description: SKU }) sku: string;
  @Field({ description: NAME }) name: string;
  @Field(() => String, { nullable: true, description: DESCRIPTION }) description?: string | null;
  @Field(() => DecimalScalar, { description: UNIT_PRICE }) unitPrice: string;
  @Field({ description: CURRENCY }) currency: string;
  @Field(() => DecimalScalar, { description: TAX_RATE }) taxRate: string;
  @Field({ description: UNIT_OF_MEASURE }) unitOfMeasure: string;
  @Field(() => ID, { nullable: true, description: `${CATEGORY}; default: none.` }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the product may be offered; default: true.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
}

@InputType({ description: 'Changes to a product; fields left out are kept, null clears the optional ones.' })
export class UpdateProductInput {
  @Field(() => ID, { description: 'The product to change.' }) id: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: SKU }) sku?: string;
  @Field(() => String, { nullable: true, description: NAME }) name?: string;
  @Field(() => String, { nullable: true, description: DESCRIPTION }) description?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: UNIT_PRICE }) unitPrice?: string;
  @Field(() => String, { nullable: true, description: CURRENCY }) currency?: string;
  @Field(() => DecimalScalar, { nullable: true, description: TAX_RATE }) taxRate?: string;
  @Field(() => String, { nullable: true, description: UNIT_OF_MEASURE }) unitOfMeasure?: string;
  @Field(() => ID, { nullable: true, description: `${CATEGORY} when it changes; null: none.` }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the product may be offered.' }) active?: boolean;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
}

@InputType({ description: 'A product, optionally with the version the caller read.' })
export class ProductVersionInput {
  @Field(() => ID, { description: 'The product.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the product changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'One product of upsertProducts, keyed by externalId.' })
export class UpsertProductRow {
  @Field({ description: 'The key of the upsert: the integrator\'s id, 1 to 200 characters, once per request.' }) externalId: string;
  @Field({ description: 'Stock keeping unit, 1 to 100 characters; unique in the workspace and once per request (else an ERROR row).' })
  sku: string;
  @Field({ description: NAME }) name: string;
  @Field(() => String, { nullable: true, description: DESCRIPTION }) description?: string | null;
  @Field(() => DecimalScalar, { description: UNIT_PRICE }) unitPrice: string;
  @Field({ description: CURRENCY }) currency: string;
  @Field(() => DecimalScalar, { description: TAX_RATE }) taxRate: string;
  @Field({ description: UNIT_OF_MEASURE }) unitOfMeasure: string;
  @Field(() => ID, { nullable: true, description: 'A non-archived product category of this workspace (else an ERROR row); null: none.' })
  categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the product may be offered; default for new products: true.' }) active?: boolean | null;
}

@InputType({ description: 'Rows of upsertProducts.' })
export class UpsertProductsInput {
  @Field(() => [UpsertProductRow], { description: 'Up to 1,000 rows (more: BAD_USER_INPUT for the whole request).' }) rows: UpsertProductRow[];
}
