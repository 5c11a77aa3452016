import type { DataSource, EntityManager } from 'typeorm';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { scopeRules } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { BadUserInputError, ConflictError, ForbiddenError, type FieldProblem } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import type { FirstNSource } from '../platform/pagination/first-n';
import { paginate } from '../platform/pagination/keyset';
import { scopedRecordKind, type RecordKindRegistry } from '../platform/records/record-kinds';
import { diffFields } from '../platform/timeline/diff';
import { RecordType, type FieldChange } from '../platform/timeline/timeline-entry.entity';
import type { EventBus } from '../platform/events/event-bus';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { announceActivity } from '../platform/events/activity.topic';
import { parseInput } from '../platform/validation/parse-input';
import { derivedTitle, LEAD_TRACKED_FIELDS, leadColumnsOf, leadProblems, leadSearchText } from './lead-fields';
import type { LeadSource, LeadSourceCode } from './lead-settings.entity';
import type { LeadCloseReasonsService, LeadSourcesService } from './lead-settings.service';
import { Lead, LeadStatus } from './lead.entity';
import { leadFilter, leadOrdering, type LeadFilter, type LeadOrder } from './lead.filter';
import { assignLeadSchema, closeLeadSchema, createLeadSchemaFor, updateLeadSchemaFor } from './lead.schemas';

export interface AssignedLeadsArgs extends ConnectionArgs {
  filter?: LeadFilter | null;
  /** The filter as JSON: what tells batches with different filters apart (first-N keys on top-level arguments). */
  filterKey?: string;
}

export interface LeadListArgs extends ConnectionArgs {
  filter?: LeadFilter | null;
  orderBy?: LeadOrder[] | null;
}

const NO_ACTOR = { memberId: null, apiKeyId: null };
const OPEN = new Set([LeadStatus.NEW, LeadStatus.IN_PROGRESS]);
const prefixed = (problems: FieldProblem[], root = 'input'): FieldProblem[] => problems.map((p) => ({ ...p, path: `${root}.${p.path}` }));

export interface Routed {
  assigneeId: string;
  teamId: string | null;
  /** The assignment rule that chose the assignee. */
  ruleId: string;
}

/**
 * Who new leads without an assignee go to (the workspace's assignment rules), in the creating transaction: one
 * answer per lead, in order, null where no rule applies; a fixed number of statements for any number of leads.
 */
export interface LeadRouter {
  /** `ruleId`: apply this rule (a web form's) instead of the first matching one; archived or unknown: the usual rules. */
  route(manager: EntityManager, principal: Principal, leads: readonly Pick<Lead, 'sourceId' | 'teamId'>[], ruleId?: string | null): Promise<(Routed | null)[]>;
}

/** How a capture channel creates a lead: its seeded source and the assignment rule it names, if any. */
export interface LeadChannel {
  sourceCode?: LeadSourceCode;
  ruleId?: string | null;
}

/**
 * Leads: reads, locks and `expectedVersion` come from ScopedRecordService with the lead rule of record-scope.ts
 * (assignee, routing team, MANAGER+ for unassigned ones), alias `l`. Every command is one transaction with its
 * timeline entries.
 */
export class LeadsService extends ScopedRecordService<Lead> {
  private router: LeadRouter | null = null;

  constructor(
    db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    readonly sources: LeadSourcesService,
    private readonly closeReasons: LeadCloseReasonsService,
    private readonly events?: EventBus,
  ) {
    super(db, { entity: Lead, alias: 'l', scope: scopeRules.lead, label: 'Lead' });
    records.register(scopedRecordKind(RecordType.LEAD, this, (lead) => ({ accountId: null, ownerMembershipId: lead.assigneeMembershipId })));
  }

  /** The assignment rules (routing), given once the routing service exists. */
  useRouter(router: LeadRouter): void {
    this.router = router;
  }

  list(principal: Principal, args: LeadListArgs): Promise<ConnectionShape<Lead>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('lf');
    const condition = leadFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    return paginate(query, leadOrdering.sortKeys(args.orderBy), args);
  }

  /** NEW leads assigned to `memberId` that the caller may see (activity counters' NEW_LEADS); one count on (workspace, assignee). */
  countNewAssignedTo(principal: Principal, memberId: string): Promise<number> {
    return this.visible(principal)
      .andWhere('l.assignee_membership_id = :newLeadsOf AND l.status = :newStatus', { newLeadsOf: memberId, newStatus: LeadStatus.NEW })
      .getCount();
  }

  /**
   * The lead a capture channel recognises by an email (lower case) or a phone (E.164), among the leads the caller
   * may see: open ones first, then the most recently updated; converted leads are left out (their person is a
   * contact now). Null when none.
   */
  async knownParty(manager: EntityManager, principal: Principal, key: { email?: string; phone?: string }): Promise<Lead | null> {
    const query = this.visible(principal, manager).andWhere('l.status <> :converted', { converted: LeadStatus.CONVERTED });
    if (key.email) query.andWhere('l.emails @> ARRAY[CAST(:partyEmail AS text)]', { partyEmail: key.email });
    else if (key.phone) query.andWhere('l.phones @> ARRAY[CAST(:partyPhone AS text)]', { partyPhone: key.phone });
    else return null;
    return query
      .orderBy(`CASE WHEN l.status IN ('NEW', 'IN_PROGRESS') THEN 0 ELSE 1 END`)
      .addOrderBy('l.updated_at', 'DESC')
      .addOrderBy('l.id')
      .getOne();
  }

  /** For the first-N loader of `Member.assignedLeads`: visible leads of many assignees, newest first, filtered. */
  assigneesSource(principal: () => Principal): FirstNSource<Lead, AssignedLeadsArgs> {
    return {
      entity: Lead,
      sortKeys: leadOrdering.sortKeys(null),
      parentSql: 'l.assignee_membership_id',
      rows: (memberIds, args) => {
        const query = this.visible(principal()).andWhere('l.assignee_membership_id IN (:...memberIds)', { memberIds });
        const sql = new SqlFilter('alf');
        const condition = leadFilter.compile(sql, args.filter);
        if (condition) query.andWhere(condition, sql.params);
        return query;
      },
    };
  }

  /** A new lead (routing applied). `channel`: see createWithin. */
  async create(principal: Principal, input: unknown, channel: LeadChannel = {}): Promise<Lead> {
    return this.db.transaction((manager) => this.createWithin(manager, principal, input, channel));
  }

  /**
   * Creates a lead inside the caller's transaction (capture channels: inbound email and calls write the lead, its
   * documents and entries as one command), routing applied. `input` is validated here (paths under `input`);
   * `channel.sourceCode` names the seeded source (e.g. EMAIL, CALL) used when the input names none;
   * `channel.ruleId` the assignment rule a capture channel names (a web form's), applied instead of the first
   * matching one when the lead has no assignee.
   */
  async createWithin(manager: EntityManager, principal: Principal, input: unknown, channel: LeadChannel = {}): Promise<Lead> {
    const workspace = await this.workspaces.current(principal, manager);
    const { assigneeId, teamId, ...fields } = parseInput(createLeadSchemaFor(workspace.defaultCountry), input);
    if (assigneeId) this.assertMayAssignTo(principal, assigneeId, 'input.assigneeId');
    const columns = leadColumnsOf(fields);
    const source = await this.sourceFor(manager, principal, columns.sourceId ?? null, 'input.sourceId', channel.sourceCode);
    const problems = [
      ...(await this.assignmentProblems(manager, principal, assigneeId ?? null, teamId ?? null, 'input')),
      ...prefixed(leadProblems({ emails: [], phones: [], companyName: null, personName: null, expectedValue: null, currency: null, ...columns }, !!columns.title)),
    ];
    if (problems.length) throw new BadUserInputError(problems);
    await this.assertExternalIdFree(manager, principal, columns.externalId ?? null, null);
    const actor = actorRefOf(principal);
    const lead = this.newRow(manager, principal, {
      emails: [],
      phones: [],
      ...columns,
      sourceId: source.id,
      status: LeadStatus.NEW,
      teamId: teamId ?? null,
      createdBy: actor,
      updatedBy: actor,
      archivedBy: NO_ACTOR,
    });
    lead.title = columns.title ?? (derivedTitle(lead) as string);
    lead.assigneeMembershipId = assigneeId ?? null;
    lead.assignedAt = assigneeId ? new Date() : null;
    const [routed] = await this.assignNew(manager, principal, [lead], channel.ruleId);
    lead.searchText = leadSearchText(lead);
    const saved = await manager.save(lead);
    await this.timeline.record(manager, principal, [
      {
        kind: 'LEAD_CREATED',
        recordType: RecordType.LEAD,
        recordId: saved.id,
        accountId: null,
        data: { title: saved.title, sourceId: saved.sourceId, assigneeId: saved.assigneeMembershipId, teamId: saved.teamId, ruleId: routed?.ruleId ?? null },
      },
    ]);
    // Routed leads were announced by assignNew; an explicit assignee is announced here.
    if (assigneeId) await this.announce(manager, principal, [saved], []);
    return saved;
  }

  async update(principal: Principal, input: unknown): Promise<Lead> {
    const workspace = await this.workspaces.current(principal);
    const { id, expectedVersion, status, ...fields } = parseInput(updateLeadSchemaFor(workspace.defaultCountry), input);
    const columns = leadColumnsOf(fields);
    return this.db.transaction(async (manager) => {
      const lead = await this.lockOpen(manager, principal, id, expectedVersion);
      if (columns.sourceId && columns.sourceId !== lead.sourceId) await this.sources.usable(manager, principal, columns.sourceId, 'input.sourceId');
      if (columns.externalId !== undefined) await this.assertExternalIdFree(manager, principal, columns.externalId, lead.id);
      const before = { ...lead };
      Object.assign(lead, columns, status ? { status } : {}, { updatedBy: actorRefOf(principal) });
      const titleGiven = columns.title !== null; // null: derived again from the other fields
      const problems = leadProblems(lead, titleGiven);
      if (problems.length) throw new BadUserInputError(prefixed(problems));
      if (!titleGiven) lead.title = derivedTitle(lead) as string;
      lead.searchText = leadSearchText(lead);
      const changes = diffFields(before, lead, LEAD_TRACKED_FIELDS);
      if (!changes.length) return before;
      const saved = await manager.save(lead);
      await this.timeline.record(manager, principal, [{ kind: 'LEAD_UPDATED', recordType: RecordType.LEAD, recordId: saved.id, accountId: null, changes }]);
      return saved;
    });
  }

  /**
   * Gives an open lead to a member, or (MANAGER+) back to its team's pool. A MEMBER may only claim a lead they
   * see that is unassigned (or already theirs) for themselves.
   */
  async assign(principal: Principal, input: unknown): Promise<Lead> {
    const data = parseInput(assignLeadSchema, input);
    const member = principal.kind === 'member' ? principal : null;
    const manages = !member || hasRoleAtLeast(member.role, Role.MANAGER);
    return this.db.transaction(async (manager) => {
      const lead = await this.lockOpen(manager, principal, data.leadId, data.expectedVersion);
      if (!manages) {
        const claimsUnassigned = data.assigneeId === member?.membershipId && data.teamId === undefined;
        if (!claimsUnassigned || (lead.assigneeMembershipId && lead.assigneeMembershipId !== member?.membershipId)) {
          throw new ForbiddenError('Only managers and above reassign leads; a member may claim an unassigned lead for themselves', ErrorReason.ROLE_REQUIRED);
        }
      }
      const teamId = data.teamId === undefined ? lead.teamId : data.teamId;
      const problems = await this.assignmentProblems(manager, principal, data.assigneeId, data.teamId ?? null, 'input');
      if (problems.length) throw new BadUserInputError(problems);
      const changes: FieldChange[] = [];
      if (lead.assigneeMembershipId !== data.assigneeId) changes.push({ field: 'assigneeId', before: lead.assigneeMembershipId, after: data.assigneeId });
      if (lead.teamId !== teamId) changes.push({ field: 'teamId', before: lead.teamId, after: teamId });
      if (!changes.length) return lead;
      const previousAssignee = lead.assigneeMembershipId;
      Object.assign(lead, { assigneeMembershipId: data.assigneeId, assignedAt: data.assigneeId ? new Date() : null, teamId, updatedBy: actorRefOf(principal) });
      const saved = await manager.save(lead);
      await this.timeline.record(manager, principal, [{ kind: 'LEAD_ASSIGNED', recordType: RecordType.LEAD, recordId: saved.id, accountId: null, changes }]);
      // Its documents follow (their visibility is the lead's).
      await this.records.anchorsChanged(manager, principal, RecordType.LEAD, [saved]);
      await this.announce(manager, principal, [saved], [previousAssignee]);
      return saved;
    });
  }

  /** Closes an open lead with a result (and optionally a reason of the workspace's list and a note). */
  async close(principal: Principal, input: unknown): Promise<Lead> {
    const data = parseInput(closeLeadSchema, input);
    return this.db.transaction(async (manager) => {
      const lead = await this.lockOpen(manager, principal, data.leadId, data.expectedVersion);
      const reason = data.reasonId ? await this.closeReasons.usable(manager, principal, data.reasonId, 'input.reasonId') : null;
      Object.assign(lead, {
        status: LeadStatus.CLOSED,
        closeResult: data.result,
        closeReasonId: reason?.id ?? null,
        closeNote: data.note ?? null,
        closedAt: new Date(),
        updatedBy: actorRefOf(principal),
      });
      const saved = await manager.save(lead);
      await this.timeline.record(manager, principal, [
        {
          kind: 'LEAD_CLOSED',
          recordType: RecordType.LEAD,
          recordId: saved.id,
          accountId: null,
          data: { result: data.result, reasonId: saved.closeReasonId, reason: reason?.name ?? null, note: saved.closeNote },
        },
      ]);
      await this.announce(manager, principal, [saved], []);
      return saved;
    });
  }

  /**
   * Tells live counters (NEW_LEADS) of the leads' assignees, and of their previous ones, that their leads changed;
   * in the command's transaction, so a rolled-back assignment announces nothing.
   */
  async announce(
    manager: EntityManager,
    principal: Principal,
    leads: readonly Pick<Lead, 'assigneeMembershipId'>[],
    previousAssigneeIds: readonly (string | null)[],
  ): Promise<void> {
    const memberIds = [...leads.map((lead) => lead.assigneeMembershipId), ...previousAssigneeIds].filter((id): id is string => !!id);
    const leadIds = leads.map((lead) => (lead as Partial<Lead>).id).filter((id): id is string => !!id);
    // No member, no counter to move: the leads alone are not announced.
    if (memberIds.length) await announceActivity(this.events, manager, { workspaceId: principal.workspaceId, memberIds, leadIds });
  }

  /**
   * The assignee of new leads that have none: the assignment rules', else the member creating them (an API key's
   * leads stay unassigned, for the routing team or the managers to take). Sets assignee, team and time on the
   * given leads (those with an assignee are left alone); returns the leads it assigned.
   */
  async assignNew<L extends Pick<Lead, 'sourceId' | 'teamId' | 'assigneeMembershipId' | 'assignedAt'>>(
    manager: EntityManager,
    principal: Principal,
    leads: L[],
    ruleId?: string | null,
  ): Promise<(L & { ruleId: string | null })[]> {
    const unassigned = leads.filter((lead) => !lead.assigneeMembershipId);
    if (!unassigned.length) return [];
    const routed = this.router ? await this.router.route(manager, principal, unassigned, ruleId) : unassigned.map(() => null);
    const now = new Date();
    const assigned: (L & { ruleId: string | null })[] = [];
    unassigned.forEach((lead, i) => {
      const chosen = routed[i]?.assigneeId ?? (principal.kind === 'member' ? principal.membershipId : null);
      if (!chosen) return;
      lead.assigneeMembershipId = chosen;
      lead.assignedAt = now;
      lead.teamId = lead.teamId ?? routed[i]?.teamId ?? null;
      assigned.push(Object.assign(lead, { ruleId: routed[i]?.ruleId ?? null }));
    });
    await this.announce(manager, principal, assigned, []);
    return assigned;
  }

  /** The source a new lead gets: the one named (usable), else the channel's seeded source (the channel's code, else MANUAL, or API for keys). */
  async sourceFor(manager: EntityManager, principal: Principal, sourceId: string | null, path: string, channelCode?: LeadSourceCode): Promise<LeadSource> {
    if (sourceId) return this.sources.usable(manager, principal, sourceId, path);
    const code = channelCode ?? (principal.kind === 'apiKey' ? 'API' : 'MANUAL');
    const source = await this.sources.byCode(manager, principal, code);
    if (!source) throw BadUserInputError.field(path, `is required: the workspace's ${code} source is archived`);
    return source;
  }

  /** A MEMBER may give a lead only to themselves; MANAGER and above (and API keys) to anyone. */
  assertMayAssignTo(principal: Principal, assigneeId: string, _path: string): void {
    if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.MANAGER) && assigneeId !== principal.membershipId) {
      throw new ForbiddenError('Only managers and above assign leads to others', ErrorReason.ROLE_REQUIRED);
    }
  }

  /** The assignee must be an active member, the team one of the workspace's. */
  async assignmentProblems(manager: EntityManager, principal: Principal, assigneeId: string | null, teamId: string | null, root: string): Promise<FieldProblem[]> {
    const problems = await this.members.inactiveMemberProblems(principal.workspaceId, [{ path: `${root}.assigneeId`, id: assigneeId }], manager);
    if (teamId && !(await this.members.teamsByIds(principal.workspaceId, [teamId], manager)).length) {
      problems.push({ path: `${root}.teamId`, message: 'is not a team of this workspace' });
    }
    return problems;
  }

  /** Locks a visible lead for a change; one that is CLOSED or CONVERTED is a CONFLICT (LEAD_CLOSED). */
  private async lockOpen(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null): Promise<Lead> {
    const lead = await this.lockVisible(manager, principal, id, expectedVersion);
    if (!OPEN.has(lead.status)) {
      throw new ConflictError(`This lead is ${lead.status.toLowerCase()}; it no longer changes`, { reason: ErrorReason.LEAD_CLOSED, status: lead.status });
    }
    return lead;
  }

}
