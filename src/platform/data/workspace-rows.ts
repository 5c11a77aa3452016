import type { EntityManager, EntityTarget, FindManyOptions, FindOneOptions, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';

/** A tenant entity: every row carries the workspace it belongs to. */
export interface WorkspaceRow {
  workspaceId: string;
}

type Where<E> = FindOptionsWhere<E>;

/**
 * Rows of tenant entities kept to one workspace, for rows with no portfolio rule of their own: child rows of a
 * record the caller has already located or locked through its scoped service (an account's owners, its
 * characteristic values), and workspace-wide lists. The workspace is added to every `where`; the caller cannot
 * leave it out. Records with a scope rule go through ScopedRecordService instead.
 */
export class WorkspaceRows {
  constructor(
    private readonly manager: EntityManager,
    readonly workspaceId: string,
  ) {}

  /** `where` may be a list of alternatives (OR), each kept to the workspace. */
  find<E extends WorkspaceRow>(entity: EntityTarget<E>, options: FindManyOptions<E> = {}): Promise<E[]> {
    const where = Array.isArray(options.where) ? options.where.map((one) => this.within(one)) : this.within(options.where);
    return this.manager.find(entity, { ...options, where });
  }

  findOne<E extends WorkspaceRow>(entity: EntityTarget<E>, options: FindOneOptions<E> & { where: Where<E> }): Promise<E | null> {
    return this.manager.findOne(entity, { ...options, where: this.within(options.where) });
  }

  async findOneOrFail<E extends WorkspaceRow>(entity: EntityTarget<E>, options: FindOneOptions<E> & { where: Where<E> }): Promise<E> {
    return this.manager.findOneOrFail(entity, { ...options, where: this.within(options.where) });
  }

  count<E extends WorkspaceRow>(entity: EntityTarget<E>, where: Where<E>): Promise<number> {
    return this.manager.count(entity, { where: this.within(where) });
  }

  /** A query over the workspace's rows (alias `alias`), to refine. */
  query<E extends WorkspaceRow>(entity: EntityTarget<E>, alias: string): SelectQueryBuilder<E> {
    return this.manager
      .getRepository(entity)
      .createQueryBuilder(alias)
      .where(`${alias}.workspace_id = :rowsWorkspaceId`, { rowsWorkspaceId: this.workspaceId });
  }

  private within<E extends WorkspaceRow>(where: Where<E> | undefined): Where<E> {
    return { ...(where ?? {}), workspaceId: this.workspaceId } as Where<E>;
  }
}

/** The rows of `workspaceId` (a principal will do) through `manager` (a transaction's, or the data source's). */
export const inWorkspace = (manager: EntityManager, tenant: { workspaceId: string }): WorkspaceRows =>
  new WorkspaceRows(manager, tenant.workspaceId);
