import type { TimelineService } from '../../platform/timeline/timeline.service';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { parseInput } from '../../platform/validation/parse-input';
import { SettingsList } from '../settings-list';
import { createRelationshipTypeSchema, updateRelationshipTypeSchema } from './relationship.inputs';
import { RelationshipType } from './relationship-type.entity';

/** Settings: the kinds of account-to-account links of a workspace (edited by ADMIN and OWNER). */
export class RelationshipTypesService {
  readonly rows: SettingsList<RelationshipType>;

  constructor(
    private readonly db: DataSource,
    timeline: TimelineService,
  ) {
    this.rows = new SettingsList(db, RelationshipType, 'Relationship type', timeline);
  }

  list(principal: Principal, includeArchived: boolean): Promise<RelationshipType[]> {
    return this.rows.list(principal, includeArchived);
  }

  byIds(workspaceId: string, ids: readonly string[]): Promise<RelationshipType[]> {
    return this.rows.byIds(workspaceId, ids);
  }

  create(principal: Principal, input: unknown): Promise<RelationshipType> {
    const data = parseInput(createRelationshipTypeSchema, input);
    return this.db.transaction(async (manager) => {
      await this.rows.assertNameFree(manager, principal.workspaceId, data.name, null);
      const row = this.rows.create(manager, {
        workspaceId: principal.workspaceId,
        name: data.name,
        inverseName: data.inverseName ?? null,
        archivedAt: null,
      });
      return this.rows.save(manager, principal, row);
    });
  }

  update(principal: Principal, input: unknown): Promise<RelationshipType> {
    const data = parseInput(updateRelationshipTypeSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.rows.lock(manager, principal, data.id);
      if (data.name != null && data.name !== row.name) {
        await this.rows.assertNameFree(manager, principal.workspaceId, data.name, row.id);
        row.name = data.name;
      }
      if (data.inverseName !== undefined) row.inverseName = data.inverseName;
      return this.rows.save(manager, principal, row);
    });
  }

  archive(principal: Principal, id: string): Promise<RelationshipType> {
    return this.rows.archive(principal, id);
  }
}
