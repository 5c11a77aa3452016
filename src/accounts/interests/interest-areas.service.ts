import type { TimelineService } from '../../platform/timeline/timeline.service';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { parseInput } from '../../platform/validation/parse-input';
import { SettingsList } from '../settings-list';
import { InterestArea } from './interest-area.entity';
import { createInterestAreaSchema, updateInterestAreaSchema } from './interest.inputs';

/** Settings: interest areas used to segment accounts (edited by ADMIN and OWNER). */
export class InterestAreasService {
  readonly rows: SettingsList<InterestArea>;

  constructor(
    private readonly db: DataSource,
    timeline: TimelineService,
  ) {
    this.rows = new SettingsList(db, InterestArea, 'Interest area', timeline);
  }

  list(principal: Principal, includeArchived: boolean): Promise<InterestArea[]> {
    return this.rows.list(principal, includeArchived);
  }

  create(principal: Principal, input: unknown): Promise<InterestArea> {
    const data = parseInput(createInterestAreaSchema, input);
    return this.db.transaction(async (manager) => {
      await this.rows.assertNameFree(manager, principal.workspaceId, data.name, null);
      return this.rows.save(manager, principal, this.rows.create(manager, { workspaceId: principal.workspaceId, name: data.name, archivedAt: null }));
    });
  }

  update(principal: Principal, input: unknown): Promise<InterestArea> {
    const data = parseInput(updateInterestAreaSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.rows.lock(manager, principal, data.id);
      if (data.name != null && data.name !== row.name) {
        await this.rows.assertNameFree(manager, principal.workspaceId, data.name, row.id);
        row.name = data.name;
      }
      return this.rows.save(manager, principal, row);
    });
  }

  archive(principal: Principal, id: string): Promise<InterestArea> {
    return this.rows.archive(principal, id);
  }
}
