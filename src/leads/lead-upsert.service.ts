import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { Principal } from '../platform/auth/principal';
import type { UpsertDeclaration } from '../platform/bulk/upsert-declaration';
import { UpsertEngine } from '../platform/bulk/upsert-engine';
import type { ParsedRow, UpsertRowResult } from '../platform/bulk/upsert-rows';
import type { FieldProblem } from '../platform/errors/errors';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { derivedTitle, LEAD_TRACKED_FIELDS, leadColumnsOf, leadProblems, leadSearchText } from './lead-fields';
import type { LeadSourcesService } from './lead-settings.service';
import { Lead, LeadStatus } from './lead.entity';
import { upsertLeadRowSchemaFor } from './lead.schemas';
import type { LeadsService } from './leads.service';

type LeadRow = z.output<ReturnType<typeof upsertLeadRowSchemaFor>>;
/** A row of an import: createLead's fields, the externalId optional. */
export type ImportedLeadRow = Omit<LeadRow, 'externalId'> & { externalId?: string | null };

/** What the rows refer to, loaded once per batch (a fixed number of statements). */
interface LeadRefs {
  usableSources: Set<string>;
  defaultSourceId: string | null;
  activeMembers: Set<string>;
  teams: Set<string>;
}

const TRACKED = [...LEAD_TRACKED_FIELDS, 'assigneeMembershipId', 'teamId'] as const;

/**
 * Bulk upsert of leads by externalId, on the shared engine (platform/bulk/upsert-engine.ts). A new lead gets the
 * row's source (default MANUAL, or API for keys) and assignee; without one it is routed like createLead's
 * (assignment rules, else the member sending it), in the same transaction. Closed and converted leads no longer
 * change.
 */
export class LeadUpsertService {
  private readonly engine: UpsertEngine<Lead, LeadRow, LeadRefs>;

  constructor(db: DataSource, leads: LeadsService, sources: LeadSourcesService, members: MembersService, workspaces: WorkspacesService, timeline: TimelineService) {
    const declaration: UpsertDeclaration<Lead, LeadRow, LeadRefs> = {
      entity: Lead,
      recordType: RecordType.LEAD,
      rowSchema: async (principal) => upsertLeadRowSchemaFor((await workspaces.current(principal)).defaultCountry),
      references: async ({ manager, principal }, rows) => {
        const named = await sources.byIds(principal.workspaceId, rows.flatMap((row) => (row.data.sourceId ? [row.data.sourceId] : [])), manager);
        const fallback = await sources.byCode(manager, principal, principal.kind === 'apiKey' ? 'API' : 'MANUAL');
        const teamIds = [...new Set(rows.flatMap((row) => (row.data.teamId ? [row.data.teamId] : [])))];
        return {
          usableSources: new Set(named.filter((source) => !source.archivedAt).map((source) => source.id)),
          defaultSourceId: fallback?.id ?? null,
          activeMembers: await members.activeMemberIds(principal.workspaceId, rows.map((row) => row.data.assigneeId), manager),
          teams: new Set(teamIds.length ? (await members.teamsByIds(principal.workspaceId, teamIds, manager)).map((team) => team.id) : []),
        };
      },
      toRecord: ({ data }, { existing, refs, principal }) => {
        const { assigneeId, teamId, externalId: _key, ...fields } = data;
        const columns = leadColumnsOf(fields);
        const problems: FieldProblem[] = [];
        if (existing && existing.status !== LeadStatus.NEW && existing.status !== LeadStatus.IN_PROGRESS) {
          return { problems: [{ path: 'externalId', message: `names a ${existing.status.toLowerCase()} lead; it no longer changes` }] };
        }
        const sourceId = columns.sourceId ?? existing?.sourceId ?? refs.defaultSourceId;
        if (!sourceId) problems.push({ path: 'sourceId', message: 'is required: the workspace\'s default source is archived' });
        else if (sourceId !== existing?.sourceId && sourceId !== refs.defaultSourceId && !refs.usableSources.has(sourceId)) {
          problems.push({ path: 'sourceId', message: 'is not a usable lead source of this workspace' });
        }
        if (assigneeId && assigneeId !== existing?.assigneeMembershipId) problems.push(...assigneeProblems(principal, assigneeId, refs));
        if (teamId && !refs.teams.has(teamId)) problems.push({ path: 'teamId', message: 'is not a team of this workspace' });
        const merged = { emails: [], phones: [], companyName: null, personName: null, expectedValue: null, currency: null, ...existing, ...columns };
        problems.push(...leadProblems(merged, columns.title != null || (columns.title === undefined && !!existing)));
        if (problems.length) return { problems };
        const values: Partial<Lead> = { ...columns, sourceId: sourceId as string };
        if (columns.title === null || (!existing && !columns.title)) values.title = derivedTitle(merged) as string;
        if (assigneeId !== undefined && assigneeId !== existing?.assigneeMembershipId) {
          Object.assign(values, { assigneeMembershipId: assigneeId, assignedAt: assigneeId ? new Date() : null });
        }
        if (teamId !== undefined) values.teamId = teamId;
        return { values: existing ? values : { emails: [], phones: [], status: LeadStatus.NEW, assigneeMembershipId: null, teamId: null, ...values } };
      },
      derived: (lead) => ({ searchText: leadSearchText(lead) }),
      tracked: { fields: TRACKED },
      visibleIds: ({ manager, principal }, ids) => leads.visibleIds(principal, ids, manager),
      // New leads without an assignee are routed (one UPDATE for all of them).
      afterInsert: async ({ manager, principal }, created) => {
        const assigned = await leads.assignNew(manager, principal, created.map(({ record }) => record));
        if (!assigned.length) return;
        await manager.query(
          `UPDATE leads l SET assignee_membership_id = v.assignee, team_id = v.team, assigned_at = v.at
             FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, assignee uuid, team uuid, at timestamptz)
            WHERE l.workspace_id = $2 AND l.id = v.id`,
          [
            JSON.stringify(assigned.map((lead) => ({ id: lead.id, assignee: lead.assigneeMembershipId, team: lead.teamId, at: lead.assignedAt }))),
            principal.workspaceId,
          ],
        );
        await timeline.record(
          manager,
          principal,
          assigned.map((lead) => ({
            kind: 'LEAD_ASSIGNED',
            recordType: RecordType.LEAD,
            recordId: lead.id,
            accountId: null,
            changes: [
              { field: 'assigneeId', before: null, after: lead.assigneeMembershipId },
              ...(lead.teamId ? [{ field: 'teamId', before: null, after: lead.teamId }] : []),
            ],
            data: { via: 'upsert', ruleId: lead.ruleId },
          })),
        );
      },
      timeline: {
        created: (lead) => ({
          kind: 'LEAD_CREATED',
          accountId: null,
          data: { title: lead.title, sourceId: lead.sourceId, assigneeId: lead.assigneeMembershipId, teamId: lead.teamId, via: 'upsert' },
        }),
        updated: (_before, _after, changes) => ({ kind: 'LEAD_UPDATED', accountId: null, changes }),
      },
    };
    this.engine = new UpsertEngine(db, timeline, declaration);
  }

  upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    return this.engine.upsert(principal, rows);
  }

  /**
   * An import's batch, inside its transaction: rows validated by the import (createLead's schema, externalId
   * optional), each without a key (created), with an externalId (upserted) or naming the duplicate it updates.
   */
  upsertWithin(manager: EntityManager, principal: Principal, rows: ParsedRow<ImportedLeadRow>[]): Promise<UpsertRowResult[]> {
    return this.engine.upsertWithin(manager, principal, rows as ParsedRow<LeadRow>[]);
  }
}

/** The row's assignee must be active, and a MEMBER may only name themselves. */
function assigneeProblems(principal: Principal, assigneeId: string, refs: LeadRefs): FieldProblem[] {
  if (!refs.activeMembers.has(assigneeId)) return [{ path: 'assigneeId', message: 'is not an active member of this workspace' }];
  if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.MANAGER) && assigneeId !== principal.membershipId) {
    return [{ path: 'assigneeId', message: 'may only be yourself: managers and above assign leads to others' }];
  }
  return [];
}
