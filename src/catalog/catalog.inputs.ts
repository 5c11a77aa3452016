import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { DecimalScalar } from '../platform/graphql/scalars';
import { settingNameSchema } from '../platform/settings/settings-list';
import { currencyCodeSchema, moneyAmountSchema, optionalText } from '../platform/text/normalize';

// ---- product categories ----

@InputType({ description: 'A new product category.' })
export class CreateProductCategoryInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => ID, { nullable: true, description: 'The parent category, of this workspace; default: none (top level).' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a product category; fields left out are kept.' })
export class UpdateProductCategoryInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case).' }) name?: string | null;
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
const currency = currencyCodeSchema;

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

@InputType({ description: 'A new product.' })
export class CreateProductInput {
  @Field({ description: 'Unique in the workspace; at most 100 characters.' }) sku: string;
  @Field({ description: 'At most 300 characters.' }) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DecimalScalar, { description: 'Price of one unit before tax: >= 0, at most 4 decimals (e.g. "19.99").' }) unitPrice: string;
  @Field({ description: 'ISO-4217 code (e.g. "EUR"; any case).' }) currency: string;
  @Field(() => DecimalScalar, { description: 'Percent, 0 to 100, at most 3 decimals (e.g. "21.000").' }) taxRate: string;
  @Field({ description: 'Unit of measure (e.g. "unit", "kg", "hour"); at most 50 characters.' }) unitOfMeasure: string;
  @Field(() => ID, { nullable: true, description: 'A non-archived product category of this workspace; default: none.' }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default: true.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace.' }) externalId?: string | null;
}

@InputType({ description: 'Changes to a product; fields left out are kept, null clears the optional ones.' })
export class UpdateProductInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the product changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) sku?: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) unitPrice?: string;
  @Field(() => String, { nullable: true }) currency?: string;
  @Field(() => DecimalScalar, { nullable: true }) taxRate?: string;
  @Field(() => String, { nullable: true }) unitOfMeasure?: string;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType({ description: 'A product, optionally with the version the caller read.' })
export class ProductVersionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the product changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'One product of upsertProducts, keyed by externalId.' })
export class UpsertProductRow {
  @Field({ description: 'The key of the upsert.' }) externalId: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DecimalScalar, { description: 'As in createProduct.' }) unitPrice: string;
  @Field({ description: 'ISO-4217 code.' }) currency: string;
  @Field(() => DecimalScalar, { description: 'Percent, 0 to 100.' }) taxRate: string;
  @Field() unitOfMeasure: string;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default for new products: true.' }) active?: boolean | null;
}

@InputType({ description: 'Rows of upsertProducts.' })
export class UpsertProductsInput {
  @Field(() => [UpsertProductRow], { description: 'Up to 1,000 rows.' }) rows: UpsertProductRow[];
}
