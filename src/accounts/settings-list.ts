import { Field, ID, InputType } from 'type-graphql';
import { QueryFailedError, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../platform/auth/principal';
import { ConflictError, NotFoundError } from '../platform/errors/errors';
import { isUuid } from '../platform/validation/ids';
import { diffFields } from '../platform/timeline/diff';
import { RecordType, type FieldChange } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';

/** The user-editable fields of a settings entry (not ids, workspace or timestamps). */
const settingFieldsOf = <T extends SettingRow>(row: T): (keyof T & string)[] =>
  Object.keys(row).filter((key) => !['id', 'workspaceId', 'createdAt', 'updatedAt', 'archivedAt'].includes(key)) as (keyof T & string)[];

/** The columns every configurable list of the accounts domain shares (relationship types, characteristics, interest areas). */
export interface SettingRow extends ObjectLiteral {
  id: string;
  workspaceId: string;
  name: string;
  archivedAt: Date | null;
}

@InputType({ description: 'Identifies one entry of a settings list.' })
export class SettingIdInput {
  @Field(() => ID) id: string;
}

export const settingNameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** Whether a database error is a unique-constraint violation (a concurrent duplicate). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';

/**
 * Shared machinery of one settings list: every read and write is bounded by the caller's workspace, names are
 * unique per workspace (ignoring case), and archiving keeps the row (existing values stay readable).
 */
export class SettingsList<T extends SettingRow> {
  constructor(
    private readonly db: DataSource,
    private readonly entity: EntityTarget<T>,
    private readonly what: string,
    private readonly timeline: TimelineService,
  ) {}

  list(principal: Principal, includeArchived: boolean): Promise<T[]> {
    const query = this.db
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId', { workspaceId: principal.workspaceId });
    if (!includeArchived) query.andWhere('s.archived_at IS NULL');
    return query.orderBy('lower(s.name)', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  /** Entries by id within one workspace, archived ones included (for loaders). */
  byIds(workspaceId: string, ids: readonly string[]): Promise<T[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return Promise.resolve([]);
    return this.db
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId', { workspaceId })
      .andWhere('s.id IN (:...valid)', { valid })
      .getMany();
  }

  /** An entry of the caller's workspace, locked for a change; NOT_FOUND otherwise. */
  async lock(manager: EntityManager, principal: Principal, id: string): Promise<T> {
    const row = isUuid(id)
      ? await manager
          .getRepository(this.entity)
          .createQueryBuilder('s')
          .where('s.workspace_id = :workspaceId AND s.id = :id', { workspaceId: principal.workspaceId, id })
          .setLock('pessimistic_write')
          .getOne()
      : null;
    if (!row) throw new NotFoundError(this.what);
    return row;
  }

  /** An entry of the caller's workspace read in a transaction (null when unknown); archived ones included. */
  async find(manager: EntityManager, workspaceId: string, id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    return manager
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND s.id = :id', { workspaceId, id })
      .getOne();
  }

  async assertNameFree(manager: EntityManager, workspaceId: string, name: string, selfId: string | null): Promise<void> {
    const clash = await manager
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND lower(s.name) = lower(:name)', { workspaceId, name })
      .getOne();
    if (clash && clash.id !== selfId) {
      throw new ConflictError(`A ${this.what.toLowerCase()} named "${clash.name}" already exists${clash.archivedAt ? ' (archived)' : ''}`);
    }
  }

  /**
   * Saves a new or changed entry and records it in the workspace's settings history (same transaction);
   * a concurrent duplicate name becomes CONFLICT.
   */
  async save(manager: EntityManager, principal: Principal, row: T): Promise<T> {
    const before = row.id ? await manager.findOne(this.entity, { where: { id: row.id, workspaceId: principal.workspaceId } as never }) : null;
    let saved: T;
    try {
      saved = await manager.save(this.entity, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A ${this.what.toLowerCase()} with this name already exists`);
      throw error;
    }
    const changes = before ? diffFields(before, saved, settingFieldsOf(saved)) : null;
    if (!before || changes?.length) await this.record(manager, principal, saved, before ? 'SETTING_UPDATED' : 'SETTING_CREATED', changes);
    return saved;
  }

  private async record(manager: EntityManager, principal: Principal, row: T, kind: string, changes: FieldChange[] | null): Promise<void> {
    await this.timeline.record(manager, principal, [
      {
        kind,
        recordType: RecordType.SETTING,
        recordId: row.id,
        accountId: null,
        changes,
        data: { list: this.what, name: row.name },
      },
    ]);
  }

  create(manager: EntityManager, fields: Partial<T>): T {
    return manager.create(this.entity, fields as T);
  }

  /** Archives an entry (idempotent): it leaves the default list and can't be used for new values. */
  archive(principal: Principal, id: string): Promise<T> {
    return this.db.transaction(async (manager) => {
      const row = await this.lock(manager, principal, id);
      if (row.archivedAt) return row;
      row.archivedAt = new Date() as T['archivedAt'];
      const saved = await manager.save(this.entity, row);
      await this.record(manager, principal, saved, 'SETTING_ARCHIVED', null);
      return saved;
    });
  }
}
