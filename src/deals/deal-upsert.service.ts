import type { DataSource } from 'typeorm';
import type { AccountsService } from '../accounts/accounts.service';
import type { MembersService } from '../identity/members.service';
import type { Principal } from '../platform/auth/principal';
import type { UpsertDeclaration } from '../platform/bulk/upsert-declaration';
import { UpsertEngine } from '../platform/bulk/upsert-engine';
import type { ParsedRow, UpsertRowResult } from '../platform/bulk/upsert-rows';
import type { FieldProblem } from '../platform/errors/errors';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { DealStatus, StageKind } from './deal-enums';
import { amountOf } from './deal-pricing';
import { missingRequirements, REQUIREMENT_FIELD } from './deal-rules';
import { Deal } from './deal.entity';
import { DEAL_TRACKED_FIELDS, dealSearchText, upsertDealRowSchema, type UpsertDealRowData } from './deal.schemas';
import { DealChangeKind } from './deal.topic';
import { amountProblems, type DealsService } from './deals.service';
import type { Pipeline, PipelineStage } from './pipeline.entity';
import type { PipelinesService } from './pipelines.service';

/** What the rows refer to, loaded once per batch (four statements): accounts, owners, pipelines and their stages. */
interface DealRefs {
  accountIds: Set<string>;
  accountIdByExternalId: Map<string, string>;
  activeOwners: Set<string>;
  pipelines: Map<string, Pipeline>;
  stagesOf: Map<string, PipelineStage[]>;
}

/** The account a row names (by id or externalId), or its problem. */
function accountOf(data: UpsertDealRowData, refs: DealRefs, existing: Deal | null): string | FieldProblem {
  if (data.accountId) return refs.accountIds.has(data.accountId) ? data.accountId : { path: 'accountId', message: 'is not an account in your portfolio' };
  if (data.accountExternalId) {
    return refs.accountIdByExternalId.get(data.accountExternalId) ?? { path: 'accountExternalId', message: 'is not the externalId of an account in your portfolio' };
  }
  return existing?.accountId ?? { path: 'accountId', message: 'is required for a new deal (or accountExternalId)' };
}

/** A new deal's pipeline and OPEN stage (the default pipeline and its first stage unless the row names them). */
function placementOf(data: UpsertDealRowData, refs: DealRefs): { pipeline: Pipeline; stage: PipelineStage } | FieldProblem {
  const pipeline = data.pipelineId ? refs.pipelines.get(data.pipelineId) : [...refs.pipelines.values()].find((candidate) => candidate.isDefault);
  if (!pipeline || pipeline.archivedAt) return { path: 'pipelineId', message: data.pipelineId ? 'is not a usable pipeline of this workspace' : 'is required: the workspace has no default pipeline' };
  const stages = refs.stagesOf.get(pipeline.id) ?? [];
  const stage = data.stageId ? stages.find((candidate) => candidate.id === data.stageId) : stages.find((candidate) => candidate.kind === StageKind.OPEN);
  if (!stage) return { path: 'stageId', message: 'is not a current stage of the pipeline' };
  if (stage.kind !== StageKind.OPEN) return { path: 'stageId', message: 'must be an OPEN stage: upsert the deal, then win or lose it' };
  return { pipeline, stage };
}

const isProblem = (value: unknown): value is FieldProblem => typeof value === 'object' && value !== null && 'path' in value;

/**
 * Bulk upsert of deals by externalId (integrators syncing an ERP), on the shared engine. Rows set the deal's own
 * fields; a new deal goes to an OPEN stage, an existing one keeps its pipeline and stage (stages change with
 * moveDeal, which applies the pipeline's order) and its lines. Every stage's requirements are kept.
 */
export class DealUpsertService {
  private readonly engine: UpsertEngine<Deal, UpsertDealRowData, DealRefs>;

  constructor(
    db: DataSource,
    private readonly deals: DealsService,
    accounts: AccountsService,
    members: MembersService,
    pipelines: PipelinesService,
    timeline: TimelineService,
  ) {
    const declaration: UpsertDeclaration<Deal, UpsertDealRowData, DealRefs> = {
      entity: Deal,
      recordType: RecordType.DEAL,
      rowSchema: () => upsertDealRowSchema,
      references: async ({ manager, principal }, rows: ParsedRow<UpsertDealRowData>[]) => {
        const ids = rows.flatMap(({ data }) => (data.accountId ? [data.accountId] : []));
        const externalIds = rows.flatMap(({ data }) => (!data.accountId && data.accountExternalId ? [data.accountExternalId] : []));
        const accountRefs = await accounts.visibleReferences(manager, principal, ids, externalIds);
        const activeOwners = await members.activeMemberIds(principal.workspaceId, rows.map(({ data }) => data.ownerId));
        // Held FOR SHARE: a concurrent updatePipeline cannot remove a stage the batch puts deals in.
        const all = await pipelines.lockAllShared(manager, principal);
        const stages = await pipelines.stagesOf(principal, all.map((pipeline) => pipeline.id), manager);
        const stagesOf = new Map<string, PipelineStage[]>();
        for (const stage of stages) stagesOf.set(stage.pipelineId, [...(stagesOf.get(stage.pipelineId) ?? []), stage]);
        return { ...accountRefs, activeOwners, pipelines: new Map(all.map((pipeline) => [pipeline.id, pipeline])), stagesOf };
      },
      toRecord: ({ data }, { existing, refs, principal }) => this.toRecord(data, existing, refs, principal),
      derived: (deal) => ({ amount: amountOf(deal), searchText: dealSearchText(deal) }),
      tracked: { fields: DEAL_TRACKED_FIELDS },
      visibleIds: ({ manager, principal }, ids) => deals.visibleIds(principal, ids, manager),
      afterInsert: ({ manager, principal }, created) => deals.publish(manager, principal, created.map(({ record }) => record), DealChangeKind.CREATED),
      afterUpdate: async ({ manager, principal }, updated) => {
        await deals.anchorsChanged(manager, principal, updated.filter(({ before, after }) => before.accountId !== after.accountId).map(({ after }) => after));
        await deals.publish(manager, principal, updated.map(({ after }) => after), DealChangeKind.CHANGED, updated.map(({ before }) => before.ownerMembershipId));
      },
      timeline: {
        created: (deal) => ({ kind: 'DEAL_CREATED', accountId: deal.accountId, data: { title: deal.title, stageId: deal.stageId, via: 'upsert' } }),
        updated: (_before, after, changes) => ({ kind: 'DEAL_UPDATED', accountId: after.accountId, changes }),
      },
    };
    this.engine = new UpsertEngine(db, timeline, declaration);
  }

  upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    this.deals.assertMayWrite(principal);
    return this.engine.upsert(principal, rows);
  }

  private toRecord(data: UpsertDealRowData, existing: Deal | null, refs: DealRefs, principal: Principal) {
    const problems: FieldProblem[] = [];
    const accountId = accountOf(data, refs, existing);
    if (isProblem(accountId)) problems.push(accountId);
    if (data.ownerId && !refs.activeOwners.has(data.ownerId)) problems.push({ path: 'ownerId', message: 'is not an active member of this workspace' });
    let stage: PipelineStage | undefined;
    const values: Partial<Deal> = { title: data.title, currency: data.currency };
    if (existing) {
      if (data.pipelineId && data.pipelineId !== existing.pipelineId) problems.push({ path: 'pipelineId', message: 'cannot change: a deal stays in its pipeline' });
      if (data.stageId && data.stageId !== existing.stageId) problems.push({ path: 'stageId', message: 'cannot change here: stages change with moveDeal (strict order, requirements)' });
      if (existing.lineCount > 0 && data.currency !== existing.currency) problems.push({ path: 'currency', message: 'cannot change while the deal has product lines' });
      stage = refs.stagesOf.get(existing.pipelineId)?.find((candidate) => candidate.id === existing.stageId);
      // Contacts are of the deal's account: moving it to another account leaves it without them.
      if (!isProblem(accountId) && accountId !== existing.accountId) Object.assign(values, { accountId, contactIds: [] });
    } else {
      const placement = placementOf(data, refs);
      if (isProblem(placement)) problems.push(placement);
      else stage = placement.stage;
      Object.assign(values, {
        accountId: isProblem(accountId) ? undefined : accountId,
        contactIds: [],
        pipelineId: isProblem(placement) ? undefined : placement.pipeline.id,
        stageId: stage?.id,
        stageEnteredAt: new Date(),
        ownerMembershipId: principal.kind === 'member' ? principal.membershipId : null,
        status: DealStatus.OPEN,
        lineCount: 0,
        manualAmount: null,
        expectedCloseDate: null,
      });
    }
    if (data.ownerId !== undefined) values.ownerMembershipId = data.ownerId;
    if (data.amount !== undefined) values.manualAmount = data.amount;
    if (data.expectedCloseDate !== undefined) values.expectedCloseDate = data.expectedCloseDate;
    const next = { ...existing, ...values } as Deal;
    problems.push(...amountProblems(next.manualAmount, data.currency, 'amount'));
    if (stage && !problems.length) {
      for (const requirement of missingRequirements(stage, { ...next, amount: amountOf(next) })) {
        problems.push({ path: REQUIREMENT_FIELD[requirement], message: `is required in stage "${stage.name}"` });
      }
    }
    return problems.length ? { problems } : { values };
  }
}
