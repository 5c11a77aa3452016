import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { TimelineService } from '../platform/timeline/timeline.service';
import type { ProductCategory } from './product-category.entity';
import type { ProductCategoriesService } from './product-categories.service';
import type { Product } from './product.entity';
import type { ProductsService } from './products.service';

/** Per-request loaders of the catalog, bounded to the caller's workspace. */
export function createCatalogLoaders(currentPrincipal: () => Principal | null, products: ProductsService, categories: ProductCategoriesService, timeline: TimelineService) {
  const principal = principalReader(currentPrincipal, 'catalog');
  return {
    product: new DataLoader<string, Product | null>(async (ids) => byKey(ids, await products.byIds(principal(), ids), (row) => row.id)),
    /** Categories by id, archived ones included (a product keeps its archived category). */
    category: new DataLoader<string, ProductCategory | null>(async (ids) =>
      byKey(ids, await categories.byIds(principal().workspaceId, ids), (row) => row.id),
    ),
    /** `Product.timeline` pages (one statement per batch of products). */
    timeline: createFirstNLoader(timeline.recordsSource(principal, false)),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
