import type { DataSource, DeepPartial, EntityManager, EntityTarget, FindOptionsSelect, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Principal } from '../auth/principal';
import type { ScopeRule } from '../auth/record-scope';
import { ErrorReason } from '../errors/error-reason';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import { isUuid } from '../validation/ids';
import { readLean, type Projection } from './lean-rows';

/** A row of a tenant entity: its own id and the workspace it belongs to. */
export interface TenantRow {
  id: string;
  workspaceId: string;
}

/** What a scoped service reads: the entity, the alias its queries use, and its rule from record-scope.ts. */
export interface ScopedEntity<E extends TenantRow> {
  entity: EntityTarget<E>;
  /** The table alias of every query (`a` for accounts): filters and orderings refer to it. */
  alias: string;
  scope: ScopeRule;
  /** How NOT_FOUND and CONFLICT name it ("Account"). */
  label: string;
}

/**
 * The base of every service of a tenant record kind: each read, lock and write goes through the principal's
 * workspace and the kind's scope rule, so a domain cannot forget them. A row outside reach (another workspace,
 * outside the portfolio, or no such id) is NOT_FOUND, never FORBIDDEN. Reading a tenant entity directly
 * (getRepository, manager.find…) outside src/platform/data fails lint.
 */
export abstract class ScopedRecordService<E extends TenantRow> {
  protected constructor(
    protected readonly db: DataSource,
    private readonly scoped: ScopedEntity<E>,
  ) {}

  /** The table holding this kind (for the record registry). */
  get tableName(): string {
    return this.db.getMetadata(this.scoped.entity).tableName;
  }

  /** Rows this principal may see, as a query to refine (alias from the ScopedEntity). */
  visible(principal: Principal, manager: EntityManager = this.db.manager): SelectQueryBuilder<E> {
    const { alias, scope } = this.scoped;
    const predicate = scope(principal, alias);
    return manager.getRepository(this.scoped.entity).createQueryBuilder(alias).where(predicate.sql, predicate.params);
  }

  /** The visible row with this id, or null (also for an id that is not a uuid). */
  find(principal: Principal, id: string, manager?: EntityManager): Promise<E | null> {
    return isUuid(id) ? this.visibleWithId(principal, id, manager).getOne() : Promise.resolve(null);
  }

  /**
   * The visible row with this id as a lean record of the projection's columns (data/lean-rows.ts), for reads
   * that only feed GraphQL (`account(id)`); NOT_FOUND when outside reach.
   */
  async read(principal: Principal, id: string, projection: Projection): Promise<E> {
    const row = isUuid(id) ? (await readLean(this.visibleWithId(principal, id).limit(1), projection))[0] : undefined;
    if (!row) throw new NotFoundError(this.scoped.label);
    return row;
  }

  async get(principal: Principal, id: string, manager?: EntityManager): Promise<E> {
    const row = await this.find(principal, id, manager);
    if (!row) throw new NotFoundError(this.scoped.label);
    return row;
  }

  /** For loaders: the visible rows among `ids` (invisible ones are simply absent). */
  byIds(principal: Principal, ids: readonly string[], manager?: EntityManager): Promise<E[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return Promise.resolve([]);
    return this.visible(principal, manager).andWhere(`${this.scoped.alias}.id IN (:...scopedIds)`, { scopedIds: valid }).getMany();
  }

  /** Ids among `ids` that this principal may see (other domains use this to check a reference). */
  async visibleIds(principal: Principal, ids: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return new Set();
    const { alias } = this.scoped;
    const rows = await this.visible(principal, manager)
      .select(`${alias}.id`, 'id')
      .andWhere(`${alias}.id IN (:...scopedIds)`, { scopedIds: valid })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Inside a transaction: locks a visible row FOR UPDATE for a change, checking the caller's expected version
   * (CONFLICT with `currentVersion` when it changed since they read it).
   */
  async lockVisible(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null): Promise<E> {
    const row = await this.locked(manager, principal, id, 'pessimistic_write');
    if (!row) throw new NotFoundError(this.scoped.label);
    const version = (row as { version?: unknown }).version;
    if (expectedVersion != null && typeof version === 'number' && expectedVersion !== version) {
      throw new ConflictError(`This ${this.scoped.label.toLowerCase()} changed since you read it`, { reason: ErrorReason.VERSION_MISMATCH, currentVersion: version });
    }
    return row;
  }

  /** Inside a transaction: the visible row held FOR SHARE until it ends (a concurrent change waits), or null. */
  lockShared(manager: EntityManager, principal: Principal, id: string): Promise<E | null> {
    return this.locked(manager, principal, id, 'pessimistic_read');
  }

  /** A new, unsaved row of the principal's workspace. */
  protected newRow(manager: EntityManager, principal: Principal, values: DeepPartial<E>): E {
    return manager.create(this.scoped.entity, { ...values, workspaceId: principal.workspaceId } as DeepPartial<E>);
  }

  /** Inserts rows into the principal's workspace (one statement). */
  protected async insertRows(manager: EntityManager, principal: Principal, rows: QueryDeepPartialEntity<E>[]): Promise<void> {
    if (!rows.length) return;
    await manager.insert(
      this.scoped.entity,
      rows.map((row) => ({ ...row, workspaceId: principal.workspaceId }) as QueryDeepPartialEntity<E>),
    );
  }

  /** Updates the rows of the principal's workspace matching `where` (never another workspace's). */
  protected async updateRows(
    manager: EntityManager,
    principal: Principal,
    where: FindOptionsWhere<E>,
    values: QueryDeepPartialEntity<E>,
  ): Promise<void> {
    await manager.update(this.scoped.entity, { ...where, workspaceId: principal.workspaceId } as FindOptionsWhere<E>, values);
  }

  /**
   * The id of a row of the whole workspace, portfolio aside, matching `where`: for uniqueness checks (an
   * externalId taken by a record outside the caller's reach is still taken). Returns only the id.
   */
  protected async idInWorkspace(manager: EntityManager, principal: Principal, where: FindOptionsWhere<E>): Promise<string | null> {
    const row = await manager
      .getRepository(this.scoped.entity)
      .findOne({ where: { ...where, workspaceId: principal.workspaceId } as FindOptionsWhere<E>, select: { id: true } as FindOptionsSelect<E> });
    return row?.id ?? null;
  }

  /**
   * BAD_USER_INPUT (EXTERNAL_ID_TAKEN at `<root>.externalId`) when another row of the workspace, in reach or not,
   * has this externalId: the integrator's key is unique per workspace. `root` is where the input sits
   * (`input`, or `input.account.new` inside a lead conversion).
   */
  protected async assertExternalIdFree(
    manager: EntityManager,
    principal: Principal,
    externalId: string | null,
    selfId: string | null,
    root = 'input',
  ): Promise<void> {
    if (!externalId) return;
    const clash = await this.idInWorkspace(manager, principal, { externalId } as unknown as FindOptionsWhere<E>);
    if (clash && clash !== selfId) {
      const label = this.scoped.label.toLowerCase();
      throw BadUserInputError.field(`${root}.externalId`, `is already used by another ${label} of this workspace`, ErrorReason.EXTERNAL_ID_TAKEN);
    }
  }

  /** The visible row with this (valid uuid) id, as a query. */
  private visibleWithId(principal: Principal, id: string, manager?: EntityManager): SelectQueryBuilder<E> {
    return this.visible(principal, manager).andWhere(`${this.scoped.alias}.id = :scopedId`, { scopedId: id });
  }

  private locked(
    manager: EntityManager,
    principal: Principal,
    id: string,
    mode: 'pessimistic_write' | 'pessimistic_read',
  ): Promise<E | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.visibleWithId(principal, id, manager).setLock(mode, undefined, [this.scoped.alias]).getOne();
  }
}
