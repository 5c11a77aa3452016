import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { scopeRules } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { inWorkspace } from '../platform/data/workspace-rows';
import { isUniqueViolation } from '../platform/db/unique-violation';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, ConflictError, type FieldProblem } from '../platform/errors/errors';
import { diffFields } from '../platform/timeline/diff';
import { RecordType, type FieldChange } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { isUuid } from '../platform/validation/ids';
import { parseInput } from '../platform/validation/parse-input';
import { dealsGuard } from './deal-enums';
import { DEFAULT_LOST_REASONS, DEFAULT_PIPELINE } from './default-pipeline';
import { DealLostReason } from './lost-reason.entity';
import { Pipeline, PipelineStage } from './pipeline.entity';
import { createPipelineSchema, updatePipelineSchema, type StageSpec } from './pipeline.inputs';

const NO_ACTOR = { memberId: null, apiKeyId: null };
const LIST = 'Pipeline';

/** How a stage list is recorded in the settings history (names in order, with kind, probability, requirements). */
const stagesView = (stages: readonly Pick<PipelineStage, 'name' | 'kind' | 'probability' | 'requiredFields'>[]) =>
  stages.map(({ name, kind, probability, requiredFields }) => ({ name, kind, probability, requiredFields: [...requiredFields].sort() }));

/**
 * Which of these stages still have deals (any deal of the workspace, whatever the caller's portfolio: the answer
 * protects the deals' consistency). Set by the deals service, which owns the deals table.
 */
export type StageOccupancy = (manager: EntityManager, principal: Principal, stageIds: string[]) => Promise<Set<string>>;

/**
 * Pipelines and their ordered stages: workspace-wide configuration (scopeRules.workspace, alias `pl`), read by
 * every member and edited by ADMIN and above (or an API key with deals:write). Every change is written to the
 * settings history (record type SETTING, list "Pipeline") in its transaction.
 */
export class PipelinesService extends ScopedRecordService<Pipeline> {
  private occupancy: StageOccupancy = async () => new Set();

  constructor(
    db: DataSource,
    private readonly timeline: TimelineService,
  ) {
    super(db, { entity: Pipeline, alias: 'pl', scope: scopeRules.workspace, label: 'Pipeline' });
  }

  /** Tells the service how to find stages that still have deals (the deals service does, once created). */
  useStageOccupancy(occupancy: StageOccupancy): void {
    this.occupancy = occupancy;
  }

  /** The workspace's pipelines: the default first, then by name. */
  list(principal: Principal, includeArchived: boolean): Promise<Pipeline[]> {
    const query = this.visible(principal);
    if (!includeArchived) query.andWhere('pl.archived_at IS NULL');
    return query.orderBy('pl.is_default', 'DESC').addOrderBy('lower(pl.name)', 'ASC').addOrderBy('pl.id', 'ASC').getMany();
  }

  /** Current (non-removed) stages of these pipelines, in order (for loaders and rules). */
  stagesOf(principal: Pick<Principal, 'workspaceId'>, pipelineIds: readonly string[], manager: EntityManager = this.db.manager): Promise<PipelineStage[]> {
    const ids = [...new Set(pipelineIds.filter(isUuid))];
    if (!ids.length) return Promise.resolve([]);
    return inWorkspace(manager, principal).find(PipelineStage, {
      where: { pipelineId: In(ids), archivedAt: IsNull() },
      order: { pipelineId: 'ASC', position: 'ASC' },
    });
  }

  /** Stages by id, removed ones included (history and deals keep naming them). */
  stagesByIds(principal: Pick<Principal, 'workspaceId'>, ids: readonly string[], manager: EntityManager = this.db.manager): Promise<PipelineStage[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return Promise.resolve([]);
    return inWorkspace(manager, principal).find(PipelineStage, { where: { id: In(valid) } });
  }

  /** The workspace's default pipeline (there is always one: it cannot be archived). */
  async defaultPipeline(manager: EntityManager, principal: Principal): Promise<Pipeline | null> {
    return this.visible(principal, manager).andWhere('pl.is_default').andWhere('pl.archived_at IS NULL').setLock('pessimistic_read', undefined, ['pl']).getOne();
  }

  /** Inside a transaction: every pipeline of the workspace, held FOR SHARE until it ends (for bulk upserts). */
  lockAllShared(manager: EntityManager, principal: Principal): Promise<Pipeline[]> {
    return this.visible(principal, manager).orderBy('pl.id').setLock('pessimistic_read', undefined, ['pl']).getMany();
  }

  /**
   * A pipeline new deals may use, held FOR SHARE until the caller's transaction ends (a concurrent stage change
   * waits): unknown, of another workspace or archived is BAD_USER_INPUT naming `path`.
   */
  async usable(manager: EntityManager, principal: Principal, id: string, path: string): Promise<Pipeline> {
    const pipeline = await this.lockShared(manager, principal, id);
    if (!pipeline) throw BadUserInputError.field(path, 'is not a pipeline of this workspace');
    if (pipeline.archivedAt) throw BadUserInputError.field(path, 'is an archived pipeline; choose another');
    return pipeline;
  }

  async create(principal: Principal, input: unknown): Promise<Pipeline> {
    this.assertMayConfigure(principal);
    const data = parseInput(createPipelineSchema, input);
    const withIds = data.stages.flatMap((stage, index) => (stage.id ? [{ path: `input.stages.${index}.id`, message: 'must be left out: the stages are new' }] : []));
    if (withIds.length) throw new BadUserInputError(withIds);
    return this.db.transaction(async (manager) => {
      await this.assertNameFree(manager, principal, data.name, null);
      if (data.isDefault) await this.updateRows(manager, principal, { isDefault: true }, { isDefault: false });
      const pipeline = await this.insertPipeline(manager, principal, {
        name: data.name,
        strictOrder: data.strictOrder ?? false,
        isDefault: data.isDefault ?? false,
        stages: data.stages,
      });
      await this.record(manager, principal, pipeline, 'SETTING_CREATED', null);
      return pipeline;
    });
  }

  async update(principal: Principal, input: unknown): Promise<Pipeline> {
    this.assertMayConfigure(principal);
    const data = parseInput(updatePipelineSchema, input);
    return this.db.transaction(async (manager) => {
      const pipeline = await this.lockVisible(manager, principal, data.id, data.expectedVersion);
      const before = { ...pipeline };
      if (data.name != null && data.name !== pipeline.name) {
        await this.assertNameFree(manager, principal, data.name, pipeline.id);
        pipeline.name = data.name;
      }
      if (data.strictOrder != null) pipeline.strictOrder = data.strictOrder;
      if (data.isDefault && !pipeline.isDefault) {
        if (pipeline.archivedAt) throw BadUserInputError.field('input.isDefault', 'cannot be set on an archived pipeline');
        await this.updateRows(manager, principal, { isDefault: true }, { isDefault: false });
        pipeline.isDefault = true;
      }
      const changes = diffFields(before, pipeline, ['name', 'strictOrder', 'isDefault']);
      if (data.stages) {
        const stageChange = await this.replaceStages(manager, principal, pipeline, data.stages);
        if (stageChange) changes.push(stageChange);
      }
      if (!changes.length) return pipeline;
      pipeline.updatedBy = actorRefOf(principal);
      const saved = await this.save(manager, pipeline);
      await this.record(manager, principal, saved, 'SETTING_UPDATED', changes);
      return saved;
    });
  }

  /** Archives a pipeline (idempotent): it leaves the list and new deals can't use it; its deals stay and can still move. */
  archive(principal: Principal, id: string, expectedVersion?: number | null): Promise<Pipeline> {
    this.assertMayConfigure(principal);
    return this.db.transaction(async (manager) => {
      const pipeline = await this.lockVisible(manager, principal, id, expectedVersion);
      if (pipeline.archivedAt) return pipeline;
      if (pipeline.isDefault) throw BadUserInputError.field('input.id', 'is the default pipeline: make another pipeline the default first');
      pipeline.archivedAt = new Date();
      pipeline.archivedBy = actorRefOf(principal);
      pipeline.updatedBy = actorRefOf(principal);
      const saved = await manager.save(pipeline);
      await this.record(manager, principal, saved, 'SETTING_ARCHIVED', null);
      return saved;
    });
  }

  /**
   * A new workspace's sales process (called in the workspace's creating transaction): the default pipeline and
   * lost reasons of default-pipeline.ts, written as its owner.
   */
  async seedWorkspace(manager: EntityManager, owner: Principal): Promise<void> {
    await this.insertPipeline(manager, owner, { ...DEFAULT_PIPELINE, isDefault: true });
    await manager.insert(
      DealLostReason,
      DEFAULT_LOST_REASONS.map((name) => ({ workspaceId: owner.workspaceId, name })),
    );
  }

  /** Edits need ADMIN or above, or deals:write (the @Guard says so too; the service does not rely on it alone). */
  assertMayConfigure(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [dealsGuard.configure]);
  }

  private async insertPipeline(
    manager: EntityManager,
    principal: Principal,
    spec: { name: string; strictOrder: boolean; isDefault: boolean; stages: StageSpec[] },
  ): Promise<Pipeline> {
    const actor = actorRefOf(principal);
    const pipeline = await this.save(
      manager,
      this.newRow(manager, principal, { name: spec.name, strictOrder: spec.strictOrder, isDefault: spec.isDefault, createdBy: actor, updatedBy: actor, archivedBy: NO_ACTOR }),
    );
    await manager.insert(
      PipelineStage,
      spec.stages.map((stage, position) => ({ ...stageColumns(stage), position, workspaceId: principal.workspaceId, pipelineId: pipeline.id })),
    );
    return pipeline;
  }

  /**
   * Replaces the pipeline's stage list: stages named by id are kept and updated, new ones added, the others
   * removed (archived, so history keeps naming them). Returns the change for the history, or null.
   */
  private async replaceStages(manager: EntityManager, principal: Principal, pipeline: Pipeline, specs: StageSpec[]): Promise<FieldChange | null> {
    const current = await this.stagesOf(principal, [pipeline.id], manager);
    const byId = new Map(current.map((stage) => [stage.id, stage]));
    const problems: FieldProblem[] = [];
    specs.forEach((spec, index) => {
      if (spec.id && !byId.has(spec.id)) problems.push({ path: `input.stages.${index}.id`, message: 'is not a current stage of this pipeline' });
    });
    if (problems.length) throw new BadUserInputError(problems);
    const kept = new Set(specs.flatMap((spec) => (spec.id ? [spec.id] : [])));
    const removed = current.filter((stage) => !kept.has(stage.id));
    const rekinded = specs.filter((spec) => spec.id && byId.get(spec.id)?.kind !== spec.kind);
    const occupied = await this.occupancy(manager, principal, [...removed.map((stage) => stage.id), ...rekinded.map((spec) => spec.id as string)]);
    removed.forEach((stage) => {
      if (occupied.has(stage.id)) problems.push({ path: 'input.stages', message: `leaves out stage "${stage.name}", which still has deals: move them first` });
    });
    specs.forEach((spec, index) => {
      if (spec.id && occupied.has(spec.id)) problems.push({ path: `input.stages.${index}.kind`, message: 'cannot change: the stage still has deals' });
    });
    if (problems.length) throw new BadUserInputError(problems);

    const after = specs.map((spec) => stageColumns(spec));
    const sameOrder = specs.length === current.length && specs.every((spec, i) => spec.id === current[i].id);
    if (sameOrder && JSON.stringify(stagesView(current)) === JSON.stringify(stagesView(after))) return null;
    if (removed.length) {
      await manager.update(PipelineStage, { workspaceId: principal.workspaceId, id: In(removed.map((stage) => stage.id)) }, { archivedAt: new Date() });
    }
    for (const [position, spec] of specs.entries()) {
      if (spec.id) await manager.update(PipelineStage, { id: spec.id, workspaceId: principal.workspaceId }, { ...stageColumns(spec), position });
    }
    const added = specs.flatMap((spec, position) => (spec.id ? [] : [{ ...stageColumns(spec), position, workspaceId: principal.workspaceId, pipelineId: pipeline.id }]));
    if (added.length) await manager.insert(PipelineStage, added);
    return { field: 'stages', before: stagesView(current), after: stagesView(after) };
  }

  private async assertNameFree(manager: EntityManager, principal: Principal, name: string, selfId: string | null): Promise<void> {
    const clash = await this.visible(principal, manager).andWhere('lower(pl.name) = lower(:name)', { name }).getOne();
    if (clash && clash.id !== selfId) {
      throw new ConflictError(`A pipeline named "${clash.name}" already exists${clash.archivedAt ? ' (archived)' : ''}`, { reason: ErrorReason.NAME_TAKEN });
    }
  }

  private async save(manager: EntityManager, pipeline: Pipeline): Promise<Pipeline> {
    try {
      return await manager.save(pipeline);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another pipeline took this name, or became the default, meanwhile', { reason: ErrorReason.CONCURRENT_WRITE });
      throw error;
    }
  }

  private async record(manager: EntityManager, principal: Principal, pipeline: Pipeline, kind: string, changes: FieldChange[] | null): Promise<void> {
    await this.timeline.record(manager, principal, [
      { kind, recordType: RecordType.SETTING, recordId: pipeline.id, accountId: null, changes, data: { list: LIST, name: pipeline.name } },
    ]);
  }
}

const stageColumns = (spec: StageSpec) => ({
  name: spec.name,
  probability: spec.probability,
  kind: spec.kind,
  requiredFields: spec.requiredFields,
});
