import type { TimelineService } from '../platform/timeline/timeline.service';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../platform/validation/ids';
import { SettingsList } from '../accounts/settings-list';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError, ForbiddenError } from '../platform/errors/errors';
import { parseInput } from '../platform/validation/parse-input';
import { createDocumentTypeSchema, updateDocumentTypeSchema } from './document-type.inputs';
import { DocumentType } from './document-type.entity';

/**
 * Document types: a settings list of the workspace. Everyone reads it; only ADMIN and OWNER (or an API key with
 * accounts:write) change it. Archiving keeps the row, so documents of an archived type still show it.
 */
export class DocumentTypesService {
  private readonly list: SettingsList<DocumentType>;

  constructor(
    private readonly db: DataSource,
    timeline: TimelineService,
  ) {
    this.list = new SettingsList(db, DocumentType, 'Document type', timeline);
  }

  all(principal: Principal, includeArchived: boolean): Promise<DocumentType[]> {
    return this.list.list(principal, includeArchived);
  }

  /** Types of one workspace by id, archived ones included (for loaders). */
  byIds(workspaceId: string, ids: readonly string[]): Promise<DocumentType[]> {
    return this.list.byIds(workspaceId, ids);
  }

  create(principal: Principal, input: unknown): Promise<DocumentType> {
    assertMayEditSettings(principal);
    const data = parseInput(createDocumentTypeSchema, input);
    return this.db.transaction(async (manager) => {
      await this.list.assertNameFree(manager, principal.workspaceId, data.name, null);
      return this.list.save(manager, principal, this.list.create(manager, { workspaceId: principal.workspaceId, name: data.name, archivedAt: null }));
    });
  }

  update(principal: Principal, input: unknown): Promise<DocumentType> {
    assertMayEditSettings(principal);
    const data = parseInput(updateDocumentTypeSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.list.lock(manager, principal, data.id);
      if (row.name === data.name) return row;
      await this.list.assertNameFree(manager, principal.workspaceId, data.name, row.id);
      row.name = data.name;
      return this.list.save(manager, principal, row);
    });
  }

  archive(principal: Principal, id: string): Promise<DocumentType> {
    assertMayEditSettings(principal);
    return this.list.archive(principal, id);
  }

  /**
   * The type a new document may use, read in the caller's transaction with a share lock, so that a concurrent
   * archive waits for the attach to commit. Unknown, foreign or archived: BAD_USER_INPUT naming `path`.
   */
  async usable(manager: EntityManager, principal: Principal, id: string, path: string): Promise<DocumentType> {
    const row = isUuid(id)
      ? await manager
          .getRepository(DocumentType)
          .createQueryBuilder('dt')
          .where('dt.workspace_id = :workspaceId AND dt.id = :id', { workspaceId: principal.workspaceId, id })
          .setLock('pessimistic_read')
          .getOne()
      : null;
    if (!row) throw BadUserInputError.field(path, 'is not a document type of this workspace');
    if (row.archivedAt) throw BadUserInputError.field(path, 'is an archived document type; choose another');
    return row;
  }
}

/** Settings lists are edited by ADMIN and OWNER (the @Guard says so too; the service does not rely on it alone). */
function assertMayEditSettings(principal: Principal): void {
  if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.ADMIN)) {
    throw new ForbiddenError(`This operation needs the ${Role.ADMIN} role or higher`);
  }
}
