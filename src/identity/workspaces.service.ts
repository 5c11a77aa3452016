import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError, NotFoundError } from '../platform/errors/errors';
import { announceActivity } from '../platform/events/activity.topic';
import type { EventBus } from '../platform/events/event-bus';
import { parseInput } from '../platform/validation/parse-input';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { ApiKey } from './api-key.entity';
import { Membership } from './membership.entity';
import { MembershipStatus } from './roles';
import { updateWorkspaceSettingsSchema } from './workspace-settings.inputs';
import { Workspace } from './workspace.entity';

export class WorkspacesService {
  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly events?: EventBus,
  ) {}

  /** The caller's workspace; with a manager, read on the caller's transaction (no second connection). */
  async current(principal: Principal, manager: EntityManager = this.db.manager): Promise<Workspace> {
    const workspace = await manager.getRepository(Workspace).findOne({ where: { id: principal.workspaceId } });
    if (!workspace) throw new NotFoundError('Workspace');
    return workspace;
  }

  byIds(ids: readonly string[]): Promise<Workspace[]> {
    return this.db.getRepository(Workspace).find({ where: { id: In([...ids]) } });
  }

  async apiKeyOf(principal: Principal): Promise<ApiKey | null> {
    if (principal.kind !== 'apiKey' || !principal.apiKeyId) return null;
    return this.db.getRepository(ApiKey).findOne({ where: { id: principal.apiKeyId, workspaceId: principal.workspaceId } });
  }

  /**
   * The workspace's zone is "today" for its active members without a zone of their own: their DUE_TODAY counts
   * move (activityCountersChanged), announced in the command's transaction. Counters asked in an explicit zone
   * do not move, and recount to the same.
   */
  private async announceZoneFollowers(manager: EntityManager, workspaceId: string): Promise<void> {
    if (!this.events) return;
    const followers = await manager.find(Membership, { where: { workspaceId, status: MembershipStatus.ACTIVE, timeZone: IsNull() }, select: { id: true } });
    await announceActivity(this.events, manager, { workspaceId, memberIds: followers.map((member) => member.id) });
  }

  /** updateWorkspaceSettings: name, time zone, default country, label of the OTHER account type (ADMIN+). */
  async updateSettings(principal: Principal, input: unknown): Promise<Workspace> {
    const data = parseInput(updateWorkspaceSettingsSchema, input);
    return this.db.transaction(async (manager) => {
      const workspace = await manager.findOne(Workspace, { where: { id: principal.workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!workspace) throw new NotFoundError('Workspace');
      const before = { ...workspace };
      if (data.name != null) workspace.name = data.name;
      if (data.timeZone != null) workspace.timeZone = data.timeZone;
      if (data.defaultCountry !== undefined) workspace.defaultCountry = data.defaultCountry;
      if (data.otherAccountTypeLabel != null) workspace.otherAccountTypeLabel = data.otherAccountTypeLabel;
      if (data.defaultPostponeHours != null) workspace.defaultPostponeHours = data.defaultPostponeHours;
      if (data.workingHoursStart != null) workspace.workingHoursStart = data.workingHoursStart;
      if (data.workingHoursEnd != null) workspace.workingHoursEnd = data.workingHoursEnd;
      if (data.workingDays != null) workspace.workingDays = data.workingDays;
      // "HH:MM" strings compare as times.
      if (workspace.workingHoursStart >= workspace.workingHoursEnd) {
        throw BadUserInputError.field(data.workingHoursEnd != null ? 'input.workingHoursEnd' : 'input.workingHoursStart', 'the working day must end after it starts');
      }
      const changes = diffFields(before, workspace, [
        'name',
        'timeZone',
        'defaultCountry',
        'otherAccountTypeLabel',
        'defaultPostponeHours',
        'workingHoursStart',
        'workingHoursEnd',
        'workingDays',
      ]);
      if (!changes.length) return workspace;
      const saved = await manager.save(workspace);
      await this.timeline.record(manager, principal, [
        { kind: 'WORKSPACE_UPDATED', recordType: RecordType.WORKSPACE, recordId: workspace.id, accountId: null, changes },
      ]);
      if (saved.timeZone !== before.timeZone) await this.announceZoneFollowers(manager, principal.workspaceId);
      return saved;
    });
  }
}
