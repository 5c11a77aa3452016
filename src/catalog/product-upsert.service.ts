import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Principal } from '../platform/auth/principal';
import type { UpsertDeclaration } from '../platform/bulk/upsert-declaration';
import { UpsertEngine } from '../platform/bulk/upsert-engine';
import type { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { upsertProductRowSchema } from './catalog.inputs';
import type { ProductCategoriesService } from './product-categories.service';
import { PRODUCT_TRACKED_FIELDS, productColumnsOf } from './product-fields';
import { Product } from './product.entity';
import type { ProductsService } from './products.service';

type ProductRow = z.output<typeof upsertProductRowSchema>;

/** What the rows refer to, loaded once per batch: usable categories, and who holds each sku named. */
interface ProductRefs {
  usableCategories: Set<string>;
  skuHolders: Map<string, string>;
  skusTwice: Set<string>;
}

/** Bulk upsert of products by externalId, on the shared engine (platform/bulk/upsert-engine.ts). */
export class ProductUpsertService {
  private readonly engine: UpsertEngine<Product, ProductRow, ProductRefs>;

  constructor(
    db: DataSource,
    private readonly products: ProductsService,
    categories: ProductCategoriesService,
    timeline: TimelineService,
  ) {
    const declaration: UpsertDeclaration<Product, ProductRow, ProductRefs> = {
      entity: Product,
      recordType: RecordType.PRODUCT,
      rowSchema: () => upsertProductRowSchema,
      // Two statements per batch: the named categories, and the products holding the named skus.
      references: async ({ manager, principal }, rows) => {
        const ids = rows.flatMap((row) => (row.data.categoryId ? [row.data.categoryId] : []));
        const found = await categories.byIds(principal.workspaceId, ids);
        const skus = rows.map((row) => row.data.sku);
        const seen = new Set<string>();
        return {
          usableCategories: new Set(found.filter((category) => !category.archivedAt).map((category) => category.id)),
          skuHolders: await products.holdersOfSkus(manager, principal, skus),
          skusTwice: new Set(skus.filter((sku) => seen.has(sku) || !seen.add(sku))),
        };
      },
      toRecord: ({ data }, { existing, refs }) => {
        if (data.categoryId && data.categoryId !== existing?.categoryId && !refs.usableCategories.has(data.categoryId)) {
          return { problems: [{ path: 'categoryId', message: 'is not a usable product category of this workspace' }] };
        }
        const holder = refs.skuHolders.get(data.sku);
        if (refs.skusTwice.has(data.sku)) return { problems: [{ path: 'sku', message: 'appears twice in this request' }] };
        if (holder && holder !== existing?.id) return { problems: [{ path: 'sku', message: 'is already used by another product of this workspace' }] };
        const columns = productColumnsOf(data);
        return { values: existing ? columns : { active: true, ...columns } };
      },
      tracked: { fields: PRODUCT_TRACKED_FIELDS },
      visibleIds: ({ manager, principal }, ids) => products.visibleIds(principal, ids, manager),
      timeline: {
        created: (product) => ({ kind: 'PRODUCT_CREATED', accountId: null, data: { name: product.name, sku: product.sku, via: 'upsert' } }),
        updated: (_before, _after, changes) => ({ kind: 'PRODUCT_UPDATED', accountId: null, changes }),
      },
    };
    this.engine = new UpsertEngine(db, timeline, declaration);
  }

  upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    this.products.assertMayWrite(principal);
    return this.engine.upsert(principal, rows);
  }
}
