import { Field, ID, InputType } from 'type-graphql';
import { defineFilterable } from '../platform/filtering/define-filterable';
import { boolean, custom, decimal, text, timestamp, uuid } from '../platform/filtering/filter-fields';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import type { Product } from './product.entity';

@InputType({ description: 'Products of a category or of any of its descendants.' })
export class ProductCategoryCondition {
  @Field(() => ID, { description: 'The category whose subtree (itself included) matches.' }) withDescendants: string;
}

/** The category and its descendants in one statement (a recursive CTE bounded by the product's workspace). */
function inCategoryTree(sql: SqlFilter, value: ProductCategoryCondition, path: string): string {
  SqlFilter.requireId(`${path}.withDescendants`, value.withDescendants);
  return `p.category_id IN (
    WITH RECURSIVE tree(id) AS (
      SELECT c.id FROM product_categories c WHERE c.workspace_id = p.workspace_id AND c.id = ${sql.param(value.withDescendants)}
      UNION SELECT child.id FROM product_categories child JOIN tree ON child.parent_id = tree.id WHERE child.workspace_id = p.workspace_id
    ) SELECT id FROM tree)`;
}

/** The free-text condition: `contains` over name, sku and description (ignoring case). */
function textAnywhere(sql: SqlFilter, value: string): string | null {
  if (!value.trim()) return null;
  return SqlFilter.or(['p.name', 'p.sku', 'p.description'].map((expr) => sql.string(expr, { contains: value.trim() })));
}

/** Product conditions against the product alias `p`. */
export const productFilter = defineFilterable({
  name: 'ProductFilter',
  description: 'Typed product conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('p.id', { description: 'The product\'s id.' }),
    text: custom(() => String, textAnywhere, { description: 'Contained in the name, sku or description, ignoring case.' }),
    sku: text('p.sku', { description: 'The sku (eq is case-sensitive).' }),
    name: text('p.name', { description: 'The name.' }),
    externalId: text('p.external_id', { description: 'The integrator\'s id.' }),
    categoryId: custom(() => ProductCategoryCondition, inCategoryTree, { description: 'In this category or any of its descendants.' }),
    unitPrice: decimal('p.unit_price', { description: 'Price range (gte / lte ...), compared as exact decimals.' }),
    currency: text('p.currency', { description: 'The ISO-4217 currency code (stored upper case, e.g. eq: "EUR").' }),
    active: boolean('p.active', { description: 'Whether the product may be offered.' }),
    createdAt: timestamp('p.created_at', { description: 'When the product was created.' }),
    updatedAt: timestamp('p.updated_at', { description: 'When the product last changed.' }),
  },
});
export const ProductFilter = productFilter.Input;
export type ProductFilter = InstanceType<typeof ProductFilter>;

/** Product orderings (by name unless told otherwise), ending with the id. */
export const productOrdering = defineOrdering({
  name: 'ProductOrder',
  alias: 'p',
  keys: {
    NAME: { sql: 'p.name', type: 'text', value: (p: Product) => p.name, description: 'By name.' },
    SKU: { sql: 'p.sku', type: 'text', value: (p: Product) => p.sku, description: 'By sku.' },
    UNIT_PRICE: {
      sql: 'p.unit_price',
      type: 'decimal',
      value: (p: Product) => p.unitPrice,
      description: 'By unit price, as a number (whatever the currency).',
    },
    CREATED_AT: { sql: 'p.created_at', type: 'timestamp', value: (p: Product) => p.createdAt, description: 'By creation time.' },
    UPDATED_AT: { sql: 'p.updated_at', type: 'timestamp', value: (p: Product) => p.updatedAt, description: 'By last change.' },
  },
  defaults: [{ field: 'NAME', direction: OrderDirection.ASC }],
});
export const ProductOrder = productOrdering.Input;
export type ProductOrder = InstanceType<typeof ProductOrder>;
