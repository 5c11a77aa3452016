import type { z } from 'zod';
import { presentFields } from '../platform/validation/present-fields';
import type { productFieldsSchema } from './catalog.inputs';
import type { Product } from './product.entity';

/** The product columns an input may set (and what the timeline compares by value). */
export const PRODUCT_TRACKED_FIELDS = [
  'sku',
  'name',
  'description',
  'unitPrice',
  'currency',
  'taxRate',
  'unitOfMeasure',
  'categoryId',
  'active',
  'externalId',
] as const satisfies readonly (keyof Product)[];

type ProductFields = Partial<z.output<typeof productFieldsSchema>>;

/** The columns present in validated input (absent keys are left untouched by updates; active: null keeps it). */
export function productColumnsOf(fields: ProductFields): Partial<Pick<Product, (typeof PRODUCT_TRACKED_FIELDS)[number]>> {
  const { active, ...rest } = presentFields(fields, PRODUCT_TRACKED_FIELDS);
  return active == null ? rest : { ...rest, active };
}
