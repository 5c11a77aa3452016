import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { CreateProductInput, ProductVersionInput, UpdateProductInput, UpsertProductsInput } from './catalog.inputs';
import { ProductConnection } from './catalog.types';
import { ProductCategory } from './product-category.entity';
import { catalogGuard, productCategories } from './product-categories.service';
import { ProductFilter, ProductOrder } from './product.filter';
import { Product } from './product.entity';

const WRITE = 'Requires MANAGER or above, or an API key with catalog:write (else FORBIDDEN).';

/** Product categories (the settings list's fields). */
@Resolver(() => ProductCategory)
export class ProductCategoriesResolver extends settingsListResolver(productCategories, (services) => services.productCategories) {}

@Resolver(() => Product)
export class ProductsResolver {
  @Guard(catalogGuard.read)
  @Query(() => Product, {
    description:
      'A product of the workspace (archived ones included). Any member, or an API key with catalog:read (else ' +
      'FORBIDDEN). Errors: NOT_FOUND when it is not a product of the caller\'s workspace.',
  })
  product(@Arg('id', () => ID, { description: 'The product id.' }) id: string, @Ctx() context: RequestContext): Promise<Product> {
    return context.services.products.get(principalOf(context), id);
  }

  @Guard(catalogGuard.read)
  @Query(() => ProductConnection, {
    description:
      'Non-archived products of the workspace, by name unless orderBy says otherwise. Any member, or an API key with ' +
      'catalog:read (else FORBIDDEN). Errors: BAD_USER_INPUT (an id in the filter that is not a uuid, page size, ' +
      'INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  products(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ProductFilter, { nullable: true, description: 'Conditions; default: every non-archived product.' }) filter: ProductFilter | null,
    @Arg('orderBy', () => [ProductOrder], { nullable: true, description: 'Default: NAME ascending; the id breaks ties.' }) orderBy: ProductOrder[] | null,
    @Ctx() context: RequestContext,
  ): Promise<ProductConnection> {
    return context.services.products.list(principalOf(context), { ...page, filter, orderBy });
  }

  @Guard(catalogGuard.write)
  @Mutation(() => Product, {
    description:
      `${WRITE} Creates a product (PRODUCT_CREATED on its timeline). Errors: BAD_USER_INPUT (invalid fields, a category ` +
      'not usable here; EXTERNAL_ID_TAKEN); CONFLICT (SKU_TAKEN for a used sku; CONCURRENT_WRITE when another request ' +
      'took the sku or externalId meanwhile).',
  })
  createProduct(@Arg('input', { description: 'The new product.' }) input: CreateProductInput, @Ctx() context: RequestContext): Promise<Product> {
    return context.services.products.create(principalOf(context), input);
  }

  @Guard(catalogGuard.write)
  @Mutation(() => Product, {
    description:
      `${WRITE} Changes the given fields; nothing changed writes nothing. Errors: NOT_FOUND outside the workspace; ` +
      'BAD_USER_INPUT as createProduct; CONFLICT (VERSION_MISMATCH, SKU_TAKEN, CONCURRENT_WRITE).',
  })
  updateProduct(@Arg('input', { description: 'The product and its changes.' }) input: UpdateProductInput, @Ctx() context: RequestContext): Promise<Product> {
    return context.services.products.update(principalOf(context), input);
  }

  @Guard(catalogGuard.write)
  @Mutation(() => Product, {
    description:
      `${WRITE} Archives a product: it leaves the products list but stays readable by id; archiving twice is not an ` +
      'error. Errors: NOT_FOUND outside the workspace; CONFLICT (VERSION_MISMATCH).',
  })
  archiveProduct(@Arg('input', { description: 'The product to archive.' }) input: ProductVersionInput, @Ctx() context: RequestContext): Promise<Product> {
    return context.services.products.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard(catalogGuard.write)
  @Mutation(() => [UpsertRowResult], {
    description:
      `${WRITE} Creates or updates up to 1,000 products by externalId; one result per row, in input order; a bad row ` +
      '(invalid fields, unusable category, a sku taken or given twice) is an ERROR result and the others go on. Errors: ' +
      'BAD_USER_INPUT over 1,000 rows.',
  })
  upsertProducts(@Arg('input', { description: 'The rows.' }) input: UpsertProductsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.productUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => ProductCategory, { nullable: true, description: 'The category (archived ones included), or null.' })
  category(@Root() product: Product, @Ctx() context: RequestContext): Promise<ProductCategory | null> | null {
    return product.categoryId ? context.loaders.catalog.category.load(product.categoryId) : null;
  }

  @FieldResolver(() => TimelineConnection, {
    description: 'History of the product (created, changed, archived, comments, documents), newest first.',
    complexity: connectionComplexity,
  })
  timeline(@Root() product: Product, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.catalog.timeline.load({ parentId: product.id, args });
  }

  @FieldResolver(() => Actor, { description: 'Who created the product.' })
  createdBy(@Root() product: Product): Actor {
    return actorOf(product.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed the product last.' })
  updatedBy(@Root() product: Product): Actor {
    return actorOf(product.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who archived the product; null while active.' })
  archivedBy(@Root() product: Product): Actor | null {
    return product.archivedAt ? actorOf(product.archivedBy) : null;
  }
}
