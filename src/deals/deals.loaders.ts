import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import type { PipelineStage } from './pipeline.entity';
import type { PipelinesService } from './pipelines.service';

/** Per-request loaders of the deals domain, bounded to the caller's workspace (and portfolio, for deals). */
export function createDealLoaders(currentPrincipal: () => Principal | null, pipelines: PipelinesService) {
  const principal = principalReader(currentPrincipal, 'deals');
  return {
    /** Current stages of each pipeline, in order (one statement per batch of pipelines). */
    stagesOfPipeline: new DataLoader<string, PipelineStage[]>(async (ids) =>
      groupedByKey(ids, await pipelines.stagesOf(principal(), ids), (stage) => stage.pipelineId),
    ),
    /** Stages by id, removed ones included (deals and their history keep naming them). */
    stage: new DataLoader<string, PipelineStage | null>(async (ids) => byKey(ids, await pipelines.stagesByIds(principal(), ids), (stage) => stage.id)),
  };
}

export type DealLoaders = ReturnType<typeof createDealLoaders>;
