import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import type { DealLine } from './deal-line.entity';
import type { DealStageChange } from './deal-stage-change.entity';
import type { Deal } from './deal.entity';
import type { DealsService } from './deals.service';
import type { DealLostReason } from './lost-reason.entity';
import type { DealLostReasonsService } from './lost-reasons.service';
import type { Pipeline, PipelineStage } from './pipeline.entity';
import type { PipelinesService } from './pipelines.service';

/** Per-request loaders of the deals domain, bounded to the caller's workspace (and portfolio, for deals). */
export function createDealLoaders(
  currentPrincipal: () => Principal | null,
  deals: DealsService,
  pipelines: PipelinesService,
  lostReasons: DealLostReasonsService,
  timeline: TimelineService,
) {
  const principal = principalReader(currentPrincipal, 'deals');
  return {
    /** Visible deals by id (null when missing or outside the caller's portfolio). */
    deal: new DataLoader<string, Deal | null>(async (ids) => byKey(ids, await deals.byIds(principal(), ids), (row) => row.id)),
    /** Lines of each deal, in order (one statement per batch of deals). */
    linesOfDeal: new DataLoader<string, DealLine[]>(async (ids) => groupedByKey(ids, await deals.linesOf(principal(), ids), (line) => line.dealId)),
    /** Stage history of each deal, oldest first (one statement per batch of deals). */
    historyOfDeal: new DataLoader<string, DealStageChange[]>(async (ids) =>
      groupedByKey(ids, await deals.historyOf(principal(), ids), (change) => change.dealId),
    ),
    /** Pipelines by id, archived ones included (a deal keeps its pipeline). */
    pipeline: new DataLoader<string, Pipeline | null>(async (ids) => byKey(ids, await pipelines.byIds(principal(), ids), (row) => row.id)),
    /** Current stages of each pipeline, in order (one statement per batch of pipelines). */
    stagesOfPipeline: new DataLoader<string, PipelineStage[]>(async (ids) =>
      groupedByKey(ids, await pipelines.stagesOf(principal(), ids), (stage) => stage.pipelineId),
    ),
    /** Stages by id, removed ones included (deals and their history keep naming them). */
    stage: new DataLoader<string, PipelineStage | null>(async (ids) => byKey(ids, await pipelines.stagesByIds(principal(), ids), (stage) => stage.id)),
    /** `Account.deals` pages: the visible deals of each account, newest first (one statement per batch of accounts). */
    ofAccount: createFirstNLoader(deals.accountsSource(principal)),
    /** `Deal.timeline` pages (one statement per batch of deals). */
    timeline: createFirstNLoader(timeline.recordsSource(principal, false)),
    /** Lost reasons by id, archived ones included. */
    lostReason: new DataLoader<string, DealLostReason | null>(async (ids) =>
      byKey(ids, await lostReasons.byIds(principal().workspaceId, ids), (row) => row.id),
    ),
  };
}

export type DealLoaders = ReturnType<typeof createDealLoaders>;
