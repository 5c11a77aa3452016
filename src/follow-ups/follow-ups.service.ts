import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { scopeRules, type ScopePredicate } from '../platform/auth/record-scope';
import type { Projection } from '../platform/data/lean-rows';
import { activityTopic, announceActivity } from '../platform/events/activity.topic';
import type { EventBus } from '../platform/events/event-bus';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { inWorkspace } from '../platform/data/workspace-rows';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import { paginate } from '../platform/pagination/keyset';
import { reanchorAttached, type LocatedRecord, type RecordKindRegistry } from '../platform/records/record-kinds';
import { diffFields } from '../platform/timeline/diff';
import type { FieldChange } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import { FollowUpStatus, followUpsGuard, type FollowUpOutcome } from './follow-up-enums';
import type { FollowUpStatesService, FollowUpTypesService } from './follow-up-settings.service';
import { FollowUp, FollowUpPostponement } from './follow-up.entity';
import { followUpFilter, followUpOrdering, type FollowUpFilter, type FollowUpOrder } from './follow-up.filter';
import {
  cancelFollowUpSchema,
  closeFollowUpSchema,
  continueFollowUpSchema,
  newFollowUpSchema,
  postponeFollowUpSchema,
  TARGET_TYPES,
  updateFollowUpSchema,
  type NewFollowUpData,
} from './follow-up.inputs';

/**
 * The members whose IDLE count hangs on these records having an OPEN follow-up (an account's owners, a deal's
 * owner), read in the command's transaction by the domain that owns each record; records of other kinds have none.
 * Wired in services.ts (follow-up-target-owners.ts).
 */
export type TargetOwners = (manager: EntityManager, principal: Principal, targets: readonly Pick<LocatedRecord, 'recordType' | 'recordId'>[]) => Promise<string[]>;

/** Who else a follow-up command announces besides the assignee. */
interface Announce {
  /** The assignee before a reassignment. */
  previousAssigneeId?: string | null;
  /** An OPEN follow-up appeared on or left its target: the target's owners' IDLE count may move. */
  targetOwners?: boolean;
}

export interface FollowUpListArgs extends ConnectionArgs {
  filter?: FollowUpFilter | null;
  orderBy?: FollowUpOrder[] | null;
}

const HOUR_MS = 3_600_000;
const TRACKED = ['subject', 'typeId', 'stateId', 'assigneeMembershipId', 'dueAt', 'durationMinutes'] as const satisfies readonly (keyof FollowUp)[];

/**
 * Follow-ups: visible when their target record is, and always to their assignee (scopeRules.followUp, alias
 * `fu`). The target is found through the record registry, so its own visibility applies; the follow-up keeps the
 * target's anchor (account, or owner without one) and follows it when the target moves. Every command writes the
 * follow-up and a timeline entry on its target (so the account's timeline shows it) in one transaction.
 */
export class FollowUpsService extends ScopedRecordService<FollowUp> {
  constructor(
    db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    private readonly types: FollowUpTypesService,
    private readonly states: FollowUpStatesService,
    private readonly events?: EventBus,
  ) {
    super(db, { entity: FollowUp, alias: 'fu', scope: scopeRules.followUp, label: 'Follow-up' });
    records.onAnchorsChanged((manager, principal, moved) => this.reanchor(manager, principal, moved));
  }

  private targetOwners: TargetOwners | null = null;

  /** Set once at wiring: how the owners of a follow-up's target are found (their IDLE counts). */
  useTargetOwners(lookup: TargetOwners): void {
    this.targetOwners = lookup;
  }

  list(principal: Principal, args: FollowUpListArgs, projection?: Projection): Promise<ConnectionShape<FollowUp>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('fuf');
    const condition = followUpFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    return paginate(query, followUpOrdering.sortKeys(args.orderBy), args, { projection });
  }

  /**
   * "This record has no OPEN follow-up", as a predicate on another domain's id column (IDLE counters). Any OPEN
   * follow-up counts, visible to the caller or not: idleness is the record's, and it leaks no follow-up.
   * Served by follow_ups_workspace_open_record_idx.
   */
  noOpenFollowUpOn(principal: Principal, idColumn: string): ScopePredicate {
    return {
      sql: `NOT EXISTS (SELECT 1 FROM follow_ups idle_fu WHERE idle_fu.workspace_id = :idleWorkspaceId AND idle_fu.record_id = ${idColumn} AND idle_fu.status = 'OPEN')`,
      params: { idleWorkspaceId: principal.workspaceId },
    };
  }

  /** For the `chain` loader: the visible follow-ups of these chains, oldest first. */
  chainsOf(principal: Principal, rootIds: readonly string[]): Promise<FollowUp[]> {
    if (!rootIds.length) return Promise.resolve([]);
    return this.visible(principal)
      .andWhere('fu.chain_root_id IN (:...rootIds)', { rootIds: [...rootIds] })
      .orderBy('fu.chain_root_id')
      .addOrderBy('fu.created_at', 'ASC')
      .addOrderBy('fu.id', 'ASC')
      .getMany();
  }

  /** Postponements of these follow-ups (already located by the caller), oldest first. */
  postponementsOf(principal: Principal, followUpIds: readonly string[]): Promise<FollowUpPostponement[]> {
    if (!followUpIds.length) return Promise.resolve([]);
    return inWorkspace(this.db.manager, principal).find(FollowUpPostponement, {
      where: { followUpId: In([...followUpIds]) },
      order: { followUpId: 'ASC', postponedAt: 'ASC', id: 'ASC' },
    });
  }

  create(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const data = parseInput(newFollowUpSchema, input);
    return this.db.transaction((manager) => this.open(manager, principal, data, null, 'input'));
  }

  async update(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const { id, expectedVersion, ...data } = parseInput(updateFollowUpSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, principal, id, expectedVersion);
      const before = { ...row };
      const problems: FieldProblem[] = [];
      if (data.typeId !== undefined && data.typeId !== row.typeId) row.typeId = (await this.types.usable(manager, principal, data.typeId, 'input.typeId')).id;
      if (data.stateId !== undefined && data.stateId !== row.stateId) {
        row.stateId = data.stateId ? (await this.states.usable(manager, principal, data.stateId, 'input.stateId')).id : null;
      }
      if (data.assigneeId !== undefined) {
        problems.push(...(await this.assigneeProblems(manager, principal, data.assigneeId, 'input.assigneeId')));
        row.assigneeMembershipId = data.assigneeId;
      }
      if (problems.length) throw new BadUserInputError(problems);
      if (data.subject !== undefined) row.subject = data.subject;
      if (data.dueAt !== undefined) row.dueAt = data.dueAt;
      if (data.durationMinutes !== undefined) row.durationMinutes = data.durationMinutes;
      const changes = diffFields(before, row, TRACKED);
      if (!changes.length) return row;
      return this.commit(manager, principal, row, 'FOLLOW_UP_UPDATED', {}, changes, { previousAssigneeId: before.assigneeMembershipId });
    });
  }

  /** Moves dueAt by `hours` elapsed hours (default: the workspace's parameter) and records the postponement. */
  async postpone(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const data = parseInput(postponeFollowUpSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, principal, data.id, data.expectedVersion);
      const hours = data.hours ?? (await this.workspaces.current(principal)).defaultPostponeHours;
      const from = row.dueAt;
      row.dueAt = new Date(from.getTime() + hours * HOUR_MS);
      await manager.insert(FollowUpPostponement, {
        workspaceId: principal.workspaceId,
        followUpId: row.id,
        fromDueAt: from,
        toDueAt: row.dueAt,
        hours,
        reason: data.reason,
        actor: actorRefOf(principal),
      });
      return this.commit(manager, principal, row, 'FOLLOW_UP_POSTPONED', { hours, reason: data.reason, from: from.toISOString(), to: row.dueAt.toISOString() }, [
        { field: 'dueAt', before: from.toISOString(), after: row.dueAt.toISOString() },
      ]);
    });
  }

  close(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const data = parseInput(closeFollowUpSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, principal, data.id, data.expectedVersion);
      return this.finish(manager, principal, row, data.outcome, data.note ?? null);
    });
  }

  cancel(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const data = parseInput(cancelFollowUpSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, principal, data.id, data.expectedVersion);
      row.status = FollowUpStatus.CANCELLED;
      row.outcomeNote = data.reason;
      row.closedAt = new Date();
      return this.commit(manager, principal, row, 'FOLLOW_UP_CANCELLED', { reason: data.reason }, null, { targetOwners: true });
    });
  }

  /** Closes the follow-up and opens the next of its chain, in one transaction: both or neither. */
  continue(principal: Principal, input: unknown): Promise<FollowUp> {
    this.assertMayWrite(principal);
    const data = parseInput(continueFollowUpSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, principal, data.id, data.expectedVersion);
      const next = data.next.targetId ? data.next : { ...data.next, targetType: row.recordType as NewFollowUpData['targetType'], targetId: row.recordId };
      // On the same target an OPEN follow-up replaces another: its idleness does not change, no owner to announce.
      const retargeted = next.targetId !== row.recordId;
      await this.finish(manager, principal, row, data.outcome, data.note ?? null, retargeted);
      return this.open(manager, principal, next, row, 'input.next', retargeted);
    });
  }

  /**
   * For an entry written on a follow-up (an observation, an activity): locks the visible follow-up (any status;
   * NOT_FOUND outside reach, CONFLICT on a stale expectedVersion), lets `write` add the entry, bumps the
   * follow-up's version and writes `kind` (with what `write` returns) on its target's timeline, all in the
   * caller's transaction.
   */
  async touch(
    manager: EntityManager,
    principal: Principal,
    id: string,
    expectedVersion: number | null | undefined,
    kind: string,
    write: (row: FollowUp) => Promise<Record<string, unknown>>,
  ): Promise<FollowUp> {
    const row = await this.lockVisible(manager, principal, id, expectedVersion);
    const data = await write(row);
    // The version column is bumped by the update itself (TypeORM adds version + 1).
    await this.updateRows(manager, principal, { id: row.id }, { updatedAt: new Date() });
    const saved = await this.get(principal, row.id, manager);
    await this.record(manager, principal, saved, kind, data, null);
    return saved;
  }

  /**
   * The clock tick: announces, in one transaction, the assignees of OPEN follow-ups that fell due in (from, to]
   * (now overdue) and the given members (their "today" rolled over), one event per workspace. Across workspaces
   * (a system task, no principal): the partial index on OPEN due times keeps it to the minute's follow-ups.
   */
  async announceTimePassing(from: Date, to: Date, rolledOver: ReadonlyMap<string, readonly string[]>): Promise<number> {
    const overdue: { workspace_id: string; ids: string[] }[] = await this.db.query(
      `SELECT fu.workspace_id, array_agg(DISTINCT fu.assignee_membership_id::text) AS ids FROM follow_ups fu
        WHERE fu.status = $3 AND fu.due_at > $1 AND fu.due_at <= $2 AND fu.assignee_membership_id IS NOT NULL
        GROUP BY fu.workspace_id`,
      [from, to, FollowUpStatus.OPEN],
    );
    const byWorkspace = new Map<string, Set<string>>();
    for (const [workspaceId, ids] of [...overdue.map((row) => [row.workspace_id, row.ids] as const), ...rolledOver]) {
      const members = byWorkspace.get(workspaceId) ?? new Set<string>();
      for (const id of ids) members.add(id);
      byWorkspace.set(workspaceId, members);
    }
    if (!byWorkspace.size || !this.events) return 0;
    const events = this.events;
    await this.db.transaction(async (manager) => {
      for (const [workspaceId, members] of byWorkspace) {
        await events.publish(manager, activityTopic, { workspaceId, memberIds: [...members], followUpIds: [], leadIds: [], clock: true });
      }
    });
    return [...byWorkspace.values()].reduce((sum, members) => sum + members.size, 0);
  }

  /** Follow-ups of records that moved follow their new account / owner (one statement for any number). */
  reanchor(manager: EntityManager, principal: Principal, anchors: LocatedRecord[]): Promise<void> {
    return reanchorAttached(manager, 'follow_ups', principal.workspaceId, anchors);
  }

  /** Opens a follow-up on a visible target (continuing `parent` when given), with its timeline entry. */
  private async open(
    manager: EntityManager,
    principal: Principal,
    data: NewFollowUpData,
    parent: FollowUp | null,
    path: string,
    announceTargetOwners = true,
  ): Promise<FollowUp> {
    if (!data.targetId || !data.targetType) {
      const missing = !data.targetType ? 'targetType' : 'targetId';
      throw BadUserInputError.field(`${path}.${missing}`, 'is required');
    }
    // The target first: one outside reach is NOT_FOUND whatever else is wrong with the input.
    const target = await this.locateTarget(manager, principal, data.targetType, data.targetId);
    const type = await this.types.usable(manager, principal, data.typeId, `${path}.typeId`);
    const state = data.stateId ? await this.states.usable(manager, principal, data.stateId, `${path}.stateId`) : null;
    const assigneeId = data.assigneeId !== undefined ? data.assigneeId : principal.kind === 'member' ? principal.membershipId : null;
    const problems = await this.assigneeProblems(manager, principal, assigneeId, `${path}.assigneeId`);
    if (problems.length) throw new BadUserInputError(problems);
    const id = randomUUID();
    await this.insertRows(manager, principal, [
      {
        id,
        subject: data.subject,
        typeId: type.id,
        stateId: state?.id ?? null,
        recordType: target.recordType,
        recordId: target.recordId,
        accountId: target.accountId,
        ownerMembershipId: target.ownerMembershipId,
        assigneeMembershipId: assigneeId,
        dueAt: data.dueAt,
        durationMinutes: data.durationMinutes ?? type.defaultDurationMinutes,
        status: FollowUpStatus.OPEN,
        outcome: null,
        outcomeNote: null,
        closedAt: null,
        parentId: parent?.id ?? null,
        chainRootId: parent?.chainRootId ?? id,
        createdBy: actorRefOf(principal),
      },
    ]);
    const created = await this.get(principal, id, manager);
    await this.record(manager, principal, created, 'FOLLOW_UP_CREATED', { type: type.name, dueAt: created.dueAt.toISOString(), parentId: created.parentId }, null, {
      targetOwners: announceTargetOwners,
    });
    return created;
  }

  private finish(manager: EntityManager, principal: Principal, row: FollowUp, outcome: FollowUpOutcome, note: string | null, announceTargetOwners = true): Promise<FollowUp> {
    row.status = FollowUpStatus.DONE;
    row.outcome = outcome;
    row.outcomeNote = note;
    row.closedAt = new Date();
    return this.commit(manager, principal, row, 'FOLLOW_UP_CLOSED', { outcome, note }, null, { targetOwners: announceTargetOwners });
  }

  /** The visible record of `type` with this id, held FOR SHARE (with its account) until the transaction ends. */
  private async locateTarget(manager: EntityManager, principal: Principal, type: (typeof TARGET_TYPES)[number], id: string): Promise<LocatedRecord> {
    const target = await this.records.lock(manager, principal, id);
    if (target.recordType !== type) throw new NotFoundError('Record');
    return target;
  }

  /** The visible OPEN follow-up, locked for a change (expectedVersion checked); a closed one is BAD_USER_INPUT. */
  private async lockOpen(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null): Promise<FollowUp> {
    const row = await this.lockVisible(manager, principal, id, expectedVersion);
    if (row.status !== FollowUpStatus.OPEN) throw BadUserInputError.field('input.id', `is ${row.status}: only an OPEN follow-up can change`);
    return row;
  }

  private async commit(
    manager: EntityManager,
    principal: Principal,
    row: FollowUp,
    kind: string,
    data: Record<string, unknown>,
    changes: FieldChange[] | null,
    announce: Announce = {},
  ): Promise<FollowUp> {
    const saved = await manager.save(row);
    await this.record(manager, principal, saved, kind, data, changes, announce);
    return saved;
  }

  /** The follow-up's entry on its target's timeline (and so on its account's). */
  private async record(
    manager: EntityManager,
    principal: Principal,
    row: FollowUp,
    kind: string,
    data: Record<string, unknown>,
    changes: FieldChange[] | null,
    announce: Announce = {},
  ) {
    await this.timeline.record(manager, principal, [
      { kind, recordType: row.recordType, recordId: row.recordId, accountId: row.accountId, changes, data: { followUpId: row.id, subject: row.subject, ...data } },
    ]);
    // Live counters and agendas of the assignee, of the previous one when it was reassigned, and of the target's
    // owners when its idleness may have changed (one statement, only then).
    const owners = announce.targetOwners && this.events && this.targetOwners ? await this.targetOwners(manager, principal, [row]) : [];
    const memberIds = [row.assigneeMembershipId, announce.previousAssigneeId, ...owners];
    await announceActivity(this.events, manager, { workspaceId: principal.workspaceId, memberIds, followUpIds: [row.id] });
  }

  private assigneeProblems(manager: EntityManager, principal: Principal, assigneeId: string | null, path: string): Promise<FieldProblem[]> {
    return this.members.inactiveMemberProblems(principal.workspaceId, [{ path, id: assigneeId }], manager);
  }

  /** Follow-up commands need followups:write (the @Guard says so too; the service does not rely on it alone). */
  private assertMayWrite(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [followUpsGuard.write]);
  }
}
