import { Field, ID, InputType } from 'type-graphql';
import { type DataSource, type DeepPartial, type EntityManager, type ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import { allowedPrincipal, type GuardRule } from '../auth/guard';
import type { Principal } from '../auth/principal';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import { isUniqueViolation } from '../db/unique-violation';
import { ErrorReason } from '../errors/error-reason';
import { isUuid } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import { diffFields } from '../timeline/diff';
import { RecordType, type FieldChange } from '../timeline/timeline-entry.entity';
import type { TimelineService } from '../timeline/timeline.service';

/** The columns every settings list shares (see SettingEntry). */
export interface SettingRow extends ObjectLiteral {
  id: string;
  workspaceId: string;
  name: string;
  archivedAt: Date | null;
}

/** The user-editable fields of a settings entry besides its name (not ids, workspace or timestamps). */
type ExtraFields<T> = Omit<T, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt' | 'archivedAt' | 'name'>;
type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** What a create input parses to: a name and the list's own fields (left out: null). */
export type NewSetting<T> = { name: string } & Nullable<ExtraFields<T>>;
/** What an update input parses to: the id, and the fields to change (name absent or null: kept; other fields absent: kept, null: cleared). */
export type SettingChanges<T> = { id: string; name?: string | null } & Nullable<ExtraFields<T>>;

/**
 * A settings list, declared once: its entity (also its GraphQL object type), the list query's name, who reads
 * and who edits it, and its create/update inputs. The resolver (settingsListResolver) and the service
 * (settingsListService) are built from it.
 */
export interface SettingsListDefinition<T extends SettingRow> {
  entity: new () => T;
  /** The list query, e.g. `interestAreas`; the mutations are create/update/archive + the entity's name. */
  plural: string;
  /** How errors and the settings history name one entry; default from the entity's name ("Interest area"). */
  label?: string;
  /** read: the list query; write: the mutations (the service checks it too, not relying on the resolver alone). */
  guard: { read: GuardRule; write: GuardRule };
  create: { input: Function; schema: z.ZodType<NewSetting<T>> };
  update: { input: Function; schema: z.ZodType<SettingChanges<T>> };
  /**
   * Rules of the list's own, checked in the write's transaction on the entry as it would be saved (new: no id),
   * e.g. a category's parent; throw (BAD_USER_INPUT naming the input path) to refuse.
   */
  check?: (manager: EntityManager, principal: Principal, entry: T) => Promise<void>;
  /**
   * What the list query and the mutations do, in a sentence each; the generated descriptions add who may call
   * them (from `guard`: "Requires <role> or above, or an API key with <scope> (else FORBIDDEN).") and the errors
   * the shared list raises (NOT_FOUND, BAD_USER_INPUT, CONFLICT NAME_TAKEN). create/update default to generic ones.
   */
  descriptions: { list: string; create?: string; update?: string; archive: string };
  /**
   * Entries every new workspace starts with (written by `seedDefaults`, registered with WorkspaceSeeds), e.g. the
   * lead sources. They are ordinary entries afterwards: renamed, archived. Not recorded in the settings history.
   */
  defaults?: readonly ({ name: string } & Partial<ExtraFields<T>>)[];
}

export const defineSettingsList = <T extends SettingRow>(definition: SettingsListDefinition<T>): SettingsListDefinition<T> => definition;

/** "InterestArea" → "Interest area". */
export const labelOf = <T extends SettingRow>(definition: SettingsListDefinition<T>): string =>
  definition.label ?? definition.entity.name.replace(/(?<=[a-z0-9])([A-Z])/g, (letter: string) => ` ${letter.toLowerCase()}`);

@InputType({ description: 'Identifies one entry of a settings list.' })
export class SettingIdInput {
  @Field(() => ID, { description: 'The entry\'s id.' }) id: string;
}

export const settingNameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');


/**
 * The machinery of one settings list: every read and write is bounded by the caller's workspace, names are
 * unique per workspace (ignoring case), every change is recorded in the settings history (same transaction),
 * and archiving keeps the row (existing values stay readable).
 */
export class SettingsList<T extends SettingRow> {
  /** How errors and the settings history name one entry ("Interest area"). */
  readonly label: string;
  private readonly entity: new () => T;

  constructor(
    protected readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly definition: SettingsListDefinition<T>,
  ) {
    this.entity = definition.entity;
    this.label = labelOf(definition);
  }

  list(principal: Principal, includeArchived: boolean): Promise<T[]> {
    const query = this.db
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId', { workspaceId: principal.workspaceId });
    if (!includeArchived) query.andWhere('s.archived_at IS NULL');
    return query.orderBy('lower(s.name)', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  /** Entries by id within one workspace, archived ones included (for loaders; inside a transaction, pass its manager). */
  byIds(workspaceId: string, ids: readonly string[], manager: EntityManager = this.db.manager): Promise<T[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return Promise.resolve([]);
    return manager
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId', { workspaceId })
      .andWhere('s.id IN (:...valid)', { valid })
      .getMany();
  }

  /** A new entry: a free name plus the list's own fields (those left out are null). */
  create(principal: Principal, input: unknown): Promise<T> {
    this.assertMayEdit(principal);
    const { name, ...fields } = parseInput(this.definition.create.schema, input);
    return this.db.transaction(async (manager) => {
      await this.assertNameFree(manager, principal.workspaceId, name, null);
      const extra = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value ?? null]));
      const entry = this.build(manager, { ...extra, workspaceId: principal.workspaceId, name, archivedAt: null } as DeepPartial<T>);
      await this.definition.check?.(manager, principal, entry);
      return this.save(manager, principal, entry);
    });
  }

  /** Renames (the new name must be free) and changes the given fields; archived entries too. */
  update(principal: Principal, input: unknown): Promise<T> {
    this.assertMayEdit(principal);
    const { id, name, ...fields } = parseInput(this.definition.update.schema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lock(manager, principal, id);
      if (name != null && name !== row.name) {
        await this.assertNameFree(manager, principal.workspaceId, name, row.id);
        row.name = name as T['name'];
      }
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) (row as ObjectLiteral)[key] = value;
      await this.definition.check?.(manager, principal, row);
      return this.save(manager, principal, row);
    });
  }

  /** Writes the definition's default entries into a new workspace (a name already there is left alone); one statement. */
  async seedDefaults(manager: EntityManager, workspaceId: string): Promise<void> {
    const defaults = this.definition.defaults ?? [];
    if (!defaults.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values(defaults.map((entry) => ({ ...entry, workspaceId, archivedAt: null }) as never))
      .orIgnore()
      .execute();
  }

  /** Archives an entry (idempotent): it leaves the default list and can't be used for new values. */
  archive(principal: Principal, id: string): Promise<T> {
    this.assertMayEdit(principal);
    return this.db.transaction(async (manager) => {
      const row = await this.lock(manager, principal, id);
      if (row.archivedAt) return row;
      row.archivedAt = new Date() as T['archivedAt'];
      const saved = await manager.save(this.entity, row);
      await this.record(manager, principal, saved, 'SETTING_ARCHIVED', null);
      return saved;
    });
  }

  /**
   * The entry a new value may use, read in the caller's transaction with a share lock, so that a concurrent
   * archive waits for the caller to commit. Unknown, foreign or archived: BAD_USER_INPUT naming `path`.
   */
  async usable(manager: EntityManager, principal: Principal, id: string, path: string): Promise<T> {
    const row = isUuid(id)
      ? await manager
          .getRepository(this.entity)
          .createQueryBuilder('s')
          .where('s.workspace_id = :workspaceId AND s.id = :id', { workspaceId: principal.workspaceId, id })
          .setLock('pessimistic_read')
          .getOne()
      : null;
    const what = this.label.toLowerCase();
    if (!row) throw BadUserInputError.field(path, `is not a ${what} of this workspace`);
    if (row.archivedAt) throw BadUserInputError.field(path, `is an archived ${what}; choose another`);
    return row;
  }

  /** An entry of the caller's workspace, locked for a change; NOT_FOUND otherwise. */
  protected async lock(manager: EntityManager, principal: Principal, id: string): Promise<T> {
    const row = isUuid(id)
      ? await manager
          .getRepository(this.entity)
          .createQueryBuilder('s')
          .where('s.workspace_id = :workspaceId AND s.id = :id', { workspaceId: principal.workspaceId, id })
          .setLock('pessimistic_write')
          .getOne()
      : null;
    if (!row) throw new NotFoundError(this.label);
    return row;
  }

  protected async assertNameFree(manager: EntityManager, workspaceId: string, name: string, selfId: string | null): Promise<void> {
    const clash = await manager
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND lower(s.name) = lower(:name)', { workspaceId, name })
      .getOne();
    if (clash && clash.id !== selfId) {
      throw new ConflictError(`A ${this.label.toLowerCase()} named "${clash.name}" already exists${clash.archivedAt ? ' (archived)' : ''}`, {
        reason: ErrorReason.NAME_TAKEN,
      });
    }
  }

  /** Edits need the list's write rule (the @Guard says so too; the service does not rely on it alone). */
  protected assertMayEdit(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [this.definition.guard.write]);
  }

  protected build(manager: EntityManager, fields: DeepPartial<T>): T {
    return manager.create(this.entity, fields);
  }

  /**
   * Saves a new or changed entry and records it in the workspace's settings history (same transaction);
   * a concurrent duplicate name becomes CONFLICT.
   */
  protected async save(manager: EntityManager, principal: Principal, row: T): Promise<T> {
    const before = row.id ? await manager.findOne(this.entity, { where: { id: row.id, workspaceId: principal.workspaceId } as never }) : null;
    let saved: T;
    try {
      saved = await manager.save(this.entity, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A ${this.label.toLowerCase()} with this name already exists`, { reason: ErrorReason.NAME_TAKEN });
      throw error;
    }
    const changes = before ? diffFields(before, saved, settingFieldsOf(saved)) : null;
    if (!before || changes?.length) await this.record(manager, principal, saved, before ? 'SETTING_UPDATED' : 'SETTING_CREATED', changes);
    return saved;
  }

  private async record(manager: EntityManager, principal: Principal, row: T, kind: string, changes: FieldChange[] | null): Promise<void> {
    await this.timeline.record(manager, principal, [
      { kind, recordType: RecordType.SETTING, recordId: row.id, accountId: null, changes, data: { list: this.label, name: row.name } },
    ]);
  }
}

/** The service class of a settings list: `class InterestAreasService extends settingsListService(interestAreas) {}`. */
export function settingsListService<T extends SettingRow>(definition: SettingsListDefinition<T>) {
  return class extends SettingsList<T> {
    constructor(db: DataSource, timeline: TimelineService) {
      super(db, timeline, definition);
    }
  };
}

/** The user-editable fields of a settings entry (not ids, workspace or timestamps). */
const settingFieldsOf = <T extends SettingRow>(row: T): (keyof T & string)[] =>
  Object.keys(row).filter((key) => !['id', 'workspaceId', 'createdAt', 'updatedAt', 'archivedAt'].includes(key)) as (keyof T & string)[];
