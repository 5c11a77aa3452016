import type { DataSource, EntityManager } from 'typeorm';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { scopeRules } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { ConflictError } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import { paginate } from '../platform/pagination/keyset';
import { scopedRecordKind, type RecordKindRegistry } from '../platform/records/record-kinds';
import { isUniqueViolation } from '../platform/db/unique-violation';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import { createProductSchema, updateProductSchema } from './catalog.inputs';
import { catalogGuard, type ProductCategoriesService } from './product-categories.service';
import { PRODUCT_TRACKED_FIELDS, productColumnsOf } from './product-fields';
import { productFilter, productOrdering, type ProductFilter, type ProductOrder } from './product.filter';
import { Product } from './product.entity';

export interface ProductListArgs extends ConnectionArgs {
  filter?: ProductFilter | null;
  orderBy?: ProductOrder[] | null;
}

const NO_ACTOR = { memberId: null, apiKeyId: null };

/**
 * The catalog's products: workspace-wide (scopeRules.workspace, no portfolio), alias `p`. Reads, locks and
 * `expectedVersion` come from ScopedRecordService; writes need catalog:write and MANAGER (checked here too).
 */
export class ProductsService extends ScopedRecordService<Product> {
  constructor(
    db: DataSource,
    records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly categories: ProductCategoriesService,
  ) {
    super(db, { entity: Product, alias: 'p', scope: scopeRules.workspace, label: 'Product' });
    records.register(scopedRecordKind(RecordType.PRODUCT, this, () => ({ accountId: null, ownerMembershipId: null })));
  }

  list(principal: Principal, args: ProductListArgs): Promise<ConnectionShape<Product>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('pf');
    const condition = productFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    query.andWhere('p.archived_at IS NULL');
    return paginate(query, productOrdering.sortKeys(args.orderBy), args);
  }

  async create(principal: Principal, input: unknown): Promise<Product> {
    this.assertMayWrite(principal);
    const columns = productColumnsOf(parseInput(createProductSchema, input));
    return this.db.transaction(async (manager) => {
      if (columns.categoryId) await this.categories.usable(manager, principal, columns.categoryId, 'input.categoryId');
      await this.assertUniqueFree(manager, principal, columns, null);
      const actor = actorRefOf(principal);
      const product = this.newRow(manager, principal, { active: true, ...columns, createdBy: actor, updatedBy: actor, archivedBy: NO_ACTOR });
      const saved = await this.save(manager, product);
      await this.timeline.record(manager, principal, [
        { kind: 'PRODUCT_CREATED', recordType: RecordType.PRODUCT, recordId: saved.id, accountId: null, data: { name: saved.name, sku: saved.sku } },
      ]);
      return saved;
    });
  }

  async update(principal: Principal, input: unknown): Promise<Product> {
    this.assertMayWrite(principal);
    const { id, expectedVersion, ...fields } = parseInput(updateProductSchema, input);
    const columns = productColumnsOf(fields);
    return this.db.transaction(async (manager) => {
      const product = await this.lockVisible(manager, principal, id, expectedVersion);
      if (columns.categoryId && columns.categoryId !== product.categoryId) {
        await this.categories.usable(manager, principal, columns.categoryId, 'input.categoryId');
      }
      await this.assertUniqueFree(manager, principal, columns, product.id);
      const before = { ...product };
      Object.assign(product, columns, { updatedBy: actorRefOf(principal) });
      const changes = diffFields(before, product, PRODUCT_TRACKED_FIELDS);
      if (!changes.length) return product;
      const saved = await this.save(manager, product);
      await this.timeline.record(manager, principal, [
        { kind: 'PRODUCT_UPDATED', recordType: RecordType.PRODUCT, recordId: saved.id, accountId: null, changes },
      ]);
      return saved;
    });
  }

  /** Archives a product (idempotent): it leaves the products list and stays readable by id. */
  archive(principal: Principal, id: string, expectedVersion?: number | null): Promise<Product> {
    this.assertMayWrite(principal);
    return this.db.transaction(async (manager) => {
      const product = await this.lockVisible(manager, principal, id, expectedVersion);
      if (product.archivedAt) return product;
      product.archivedAt = new Date();
      product.archivedBy = actorRefOf(principal);
      product.updatedBy = actorRefOf(principal);
      const saved = await manager.save(product);
      await this.timeline.record(manager, principal, [
        { kind: 'PRODUCT_ARCHIVED', recordType: RecordType.PRODUCT, recordId: id, accountId: null },
      ]);
      return saved;
    });
  }

  /** sku → id of the product holding it, among `skus` (the whole workspace: products have no portfolio). */
  async holdersOfSkus(manager: EntityManager, principal: Principal, skus: readonly string[]): Promise<Map<string, string>> {
    if (!skus.length) return new Map();
    const rows = await this.visible(principal, manager)
      .select(['p.id AS id', 'p.sku AS sku'])
      .andWhere('p.sku IN (:...skus)', { skus: [...new Set(skus)] })
      .getRawMany<{ id: string; sku: string }>();
    return new Map(rows.map((row) => [row.sku, row.id]));
  }

  /** Writes need the catalog's write rule (the @Guard says so too; the service does not rely on it alone). */
  assertMayWrite(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [catalogGuard.write]);
  }

  private async save(manager: EntityManager, product: Product): Promise<Product> {
    try {
      return await manager.save(product);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another product of this workspace took this sku or externalId meanwhile', { reason: ErrorReason.CONCURRENT_WRITE });
      throw error;
    }
  }

  private async assertUniqueFree(
    manager: EntityManager,
    principal: Principal,
    columns: { sku?: string; externalId?: string | null },
    selfId: string | null,
  ): Promise<void> {
    if (columns.sku) {
      const clash = await this.idInWorkspace(manager, principal, { sku: columns.sku });
      if (clash && clash !== selfId) {
        throw new ConflictError(`A product with sku "${columns.sku}" already exists in this workspace`, { reason: ErrorReason.SKU_TAKEN });
      }
    }
    await this.assertExternalIdFree(manager, principal, columns.externalId ?? null, selfId);
  }
}
