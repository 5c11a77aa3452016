import { Not, type DataSource, type EntityManager } from 'typeorm';
import type { AccountsService } from '../accounts/accounts.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError } from '../platform/errors/errors';
import { parseInput } from '../platform/validation/parse-input';
import { DealStatus, StageKind } from './deal-enums';
import { allowedTargets, assertMayEnter, assertMeets, StageRefusedError } from './deal-rules';
import { DealStageChange } from './deal-stage-change.entity';
import { Deal } from './deal.entity';
import { loseDealSchema, moveDealSchema, reopenDealSchema, winDealSchema } from './deal.schemas';
import { DealChangeKind } from './deal.topic';
import { factsOf, type DealsService } from './deals.service';
import type { DealLostReasonsService } from './lost-reasons.service';
import type { PipelineStage } from './pipeline.entity';

/** Why a deal is lost, when it enters a LOST stage. */
interface Loss {
  reasonId: string | null;
  note: string | null;
}

const ENTRY: Record<'MOVED' | 'WON' | 'LOST' | 'REOPENED', { kind: string; change: DealChangeKind }> = {
  MOVED: { kind: 'DEAL_MOVED', change: DealChangeKind.MOVED },
  WON: { kind: 'DEAL_WON', change: DealChangeKind.WON },
  LOST: { kind: 'DEAL_LOST', change: DealChangeKind.LOST },
  REOPENED: { kind: 'DEAL_REOPENED', change: DealChangeKind.REOPENED },
};

/**
 * Stage moves of deals: moveDeal, winDeal, loseDeal, reopenDeal. Each locks the deal (FOR UPDATE, checking
 * `expectedVersion`, so of racing moves from one version exactly one wins) and its pipeline (FOR SHARE, so the
 * stage list cannot change under it), applies the pipeline's order and the target stage's requirements
 * (deal-rules.ts), writes one stage-history row with the time spent in the stage left, and commits. The first
 * won deal of a LEAD or PROSPECT account makes it a CUSTOMER (through AccountsService, in the same transaction).
 */
export class DealMovesService {
  constructor(
    private readonly db: DataSource,
    private readonly deals: DealsService,
    private readonly lostReasons: DealLostReasonsService,
    private readonly accounts: AccountsService,
  ) {}

  move(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(moveDealSchema, input);
    return this.db.transaction(async (manager) => {
      const { deal, stages, current, strictOrder } = await this.lock(manager, principal, data.id, data.expectedVersion);
      const target = stages.find((stage) => stage.id === data.stageId);
      if (!target) {
        const allowedStageIds = allowedTargets(stages, current, strictOrder).map((stage) => stage.id);
        throw new StageRefusedError([{ path: 'input.stageId', message: 'is not a current stage of this deal\'s pipeline' }], 'That stage is not in this deal\'s pipeline', ErrorReason.STAGE_ORDER, {
          allowedStageIds,
          missingFields: [],
        });
      }
      if (target.id === current.id) return deal;
      assertMayEnter(stages, current, target, strictOrder, factsOf(deal));
      const loss = target.kind === StageKind.LOST ? await this.lossOf(manager, principal, data.lostReasonId ?? null, data.lostNote ?? null, 'input.lostReasonId') : null;
      return this.enter(manager, principal, deal, current, target, loss);
    });
  }

  /** Moves the deal to its pipeline's first WON stage (allowed from any OPEN stage, strict order or not). */
  win(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(winDealSchema, input);
    return this.db.transaction(async (manager) => {
      const { deal, stages, current, strictOrder } = await this.lock(manager, principal, data.id, data.expectedVersion);
      const target = this.firstOf(stages, StageKind.WON);
      assertMayEnter(stages, current, target, strictOrder, factsOf(deal));
      return this.enter(manager, principal, deal, current, target, null);
    });
  }

  /** Moves the deal to its pipeline's first LOST stage, with a lost reason and a note. */
  lose(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(loseDealSchema, input);
    return this.db.transaction(async (manager) => {
      const { deal, stages, current, strictOrder } = await this.lock(manager, principal, data.id, data.expectedVersion);
      const target = this.firstOf(stages, StageKind.LOST);
      assertMayEnter(stages, current, target, strictOrder, factsOf(deal));
      const loss = await this.lossOf(manager, principal, data.reasonId, data.note ?? null, 'input.reasonId');
      return this.enter(manager, principal, deal, current, target, loss);
    });
  }

  /** Back to an OPEN stage (the one it was closed from unless told): status OPEN, won / lost data cleared. */
  reopen(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(reopenDealSchema, input);
    return this.db.transaction(async (manager) => {
      const { deal, stages, current } = await this.lock(manager, principal, data.id, data.expectedVersion);
      if (current.kind === StageKind.OPEN) throw BadUserInputError.field('input.id', 'is an OPEN deal: only won or lost deals are reopened', ErrorReason.STAGE_ORDER);
      const open = stages.filter((stage) => stage.kind === StageKind.OPEN);
      const wanted = data.stageId ?? (await this.closedFrom(manager, principal, deal));
      const target = open.find((stage) => stage.id === wanted) ?? (data.stageId ? undefined : open[0]);
      if (!target) {
        throw new StageRefusedError([{ path: 'input.stageId', message: 'is not a current OPEN stage of this deal\'s pipeline' }], 'A deal is reopened into an OPEN stage of its pipeline', ErrorReason.STAGE_ORDER, {
          allowedStageIds: open.map((stage) => stage.id),
          missingFields: [],
        });
      }
      assertMeets(target, factsOf(deal), 'input.stageId', open.map((stage) => stage.id));
      return this.enter(manager, principal, deal, current, target, null);
    });
  }

  /** The deal locked for a move, with its pipeline held and the pipeline's current stages. */
  private async lock(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null) {
    const deal = await this.deals.lockVisible(manager, principal, id, expectedVersion);
    const pipeline = await this.deals.pipelines.lockShared(manager, principal, deal.pipelineId);
    const stages = await this.deals.pipelines.stagesOf(principal, [deal.pipelineId], manager);
    const current = stages.find((stage) => stage.id === deal.stageId);
    // A stage with deals is never removed (PipelinesService refuses), so the deal's stage is always current.
    if (!pipeline || !current) throw new Error(`deal ${deal.id} is in no current stage of its pipeline`);
    return { deal, stages, current, strictOrder: pipeline.strictOrder };
  }

  private firstOf(stages: readonly PipelineStage[], kind: StageKind): PipelineStage {
    const stage = stages.find((candidate) => candidate.kind === kind);
    // Every pipeline has an OPEN, a WON and a LOST stage (pipeline.inputs.ts).
    if (!stage) throw new Error(`the pipeline has no ${kind} stage`);
    return stage;
  }

  private async lossOf(manager: EntityManager, principal: Principal, reasonId: string | null, note: string | null, path: string): Promise<Loss> {
    if (reasonId) await this.lostReasons.usable(manager, principal, reasonId, path);
    return { reasonId, note };
  }

  /** The stage a closed deal was closed from: where its last move into its current stage came from. */
  private async closedFrom(manager: EntityManager, principal: Principal, deal: Deal): Promise<string | null> {
    const [last] = await inWorkspace(manager, principal).find(DealStageChange, {
      where: { dealId: deal.id, toStageId: deal.stageId },
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: 1,
    });
    return last?.fromStageId ?? null;
  }

  /** Moves the deal into `to`: its history row, status and won / lost data, the commit, and the promotion. */
  private async enter(manager: EntityManager, principal: Principal, deal: Deal, from: PipelineStage, to: PipelineStage, loss: Loss | null): Promise<Deal> {
    const now = new Date();
    const secondsInFromStage = Math.max(0, Math.floor((now.getTime() - deal.stageEnteredAt.getTime()) / 1000));
    await manager.insert(DealStageChange, {
      workspaceId: principal.workspaceId,
      dealId: deal.id,
      fromStageId: from.id,
      toStageId: to.id,
      occurredAt: now,
      secondsInFromStage,
      actor: actorRefOf(principal),
    });
    const status = { [StageKind.OPEN]: DealStatus.OPEN, [StageKind.WON]: DealStatus.WON, [StageKind.LOST]: DealStatus.LOST }[to.kind];
    Object.assign(deal, {
      stageId: to.id,
      stageEnteredAt: now,
      status,
      wonAt: status === DealStatus.WON ? now : null,
      lostAt: status === DealStatus.LOST ? now : null,
      lostReasonId: loss?.reasonId ?? null,
      lostNote: loss?.note ?? null,
    });
    const what = to.kind !== StageKind.OPEN ? to.kind : from.kind !== StageKind.OPEN ? 'REOPENED' : 'MOVED';
    const data: Record<string, unknown> = {
      fromStageId: from.id,
      fromStage: from.name,
      toStageId: to.id,
      toStage: to.name,
      direction: to.position > from.position ? 'FORWARD' : 'BACK',
      secondsInFromStage,
      ...(loss ? { lostReasonId: loss.reasonId, lostNote: loss.note } : {}),
    };
    const saved = await this.deals.commit(manager, principal, deal, { kind: ENTRY[what].kind, data }, ENTRY[what].change);
    if (status === DealStatus.WON) await this.promoteOnFirstWin(manager, principal, saved);
    return saved;
  }

  /** The account's first won deal makes a LEAD or PROSPECT account a CUSTOMER (AccountsService writes its history). */
  private async promoteOnFirstWin(manager: EntityManager, principal: Principal, deal: Deal): Promise<void> {
    const otherWins = await inWorkspace(manager, principal).count(Deal, { accountId: deal.accountId, status: DealStatus.WON, id: Not(deal.id) });
    if (otherWins === 0) await this.accounts.promoteToCustomer(manager, principal, deal.accountId, { dealId: deal.id, dealTitle: deal.title });
  }
}
