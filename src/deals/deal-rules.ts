import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, type FieldProblem } from '../platform/errors/errors';
import { DealRequirement, StageKind } from './deal-enums';
import type { PipelineStage } from './pipeline.entity';

/** What a stage's requirements are checked against: the deal as it would be. */
export interface DealFacts {
  amount: string | null;
  expectedCloseDate: string | null;
  contactIds: readonly string[];
  lineCount: number;
}

/** The requirements of `stage` that the deal does not meet, in the stage's order. */
export function missingRequirements(stage: Pick<PipelineStage, 'requiredFields'>, deal: DealFacts): DealRequirement[] {
  const met: Record<DealRequirement, boolean> = {
    [DealRequirement.AMOUNT]: deal.amount != null,
    [DealRequirement.EXPECTED_CLOSE_DATE]: deal.expectedCloseDate != null,
    [DealRequirement.CONTACT]: deal.contactIds.length > 0,
    [DealRequirement.PRODUCT_LINE]: deal.lineCount > 0,
  };
  return stage.requiredFields.filter((requirement) => !met[requirement]);
}

const LABEL: Record<DealRequirement, string> = {
  [DealRequirement.AMOUNT]: 'an amount (product lines or a manual amount)',
  [DealRequirement.EXPECTED_CLOSE_DATE]: 'an expected close date',
  [DealRequirement.CONTACT]: 'a contact',
  [DealRequirement.PRODUCT_LINE]: 'a product line',
};

/** Where each requirement is given in create/update inputs and upsert rows (`input.<field>`, `input.rows.<i>.<field>`). */
export const REQUIREMENT_FIELD: Record<DealRequirement, string> = {
  [DealRequirement.AMOUNT]: 'amount',
  [DealRequirement.EXPECTED_CLOSE_DATE]: 'expectedCloseDate',
  [DealRequirement.CONTACT]: 'contactIds',
  [DealRequirement.PRODUCT_LINE]: 'lines',
};

const quoted = (stages: readonly Pick<PipelineStage, 'name'>[]): string => stages.map((stage) => `"${stage.name}"`).join(', ') || 'none';

/**
 * A refused stage change, as BAD_USER_INPUT: `fields` names the input, `extensions.allowedStageIds` the stages
 * the deal may enter now and `extensions.missingFields` what it lacks (reason STAGE_ORDER or STAGE_REQUIREMENTS).
 */
export class StageRefusedError extends BadUserInputError {
  constructor(
    problems: FieldProblem[],
    message: string,
    reason: ErrorReason,
    details: { allowedStageIds: string[]; missingFields: DealRequirement[] },
  ) {
    super(problems, message, reason);
    Object.assign(this.extensions, details);
  }
}

/**
 * Where a deal in `current` may go: under strict order the OPEN stages before it (moving back), the next OPEN
 * stage, and every WON or LOST stage; otherwise any other stage. A closed deal goes nowhere (reopen it first).
 */
export function allowedTargets(stages: readonly PipelineStage[], current: PipelineStage, strictOrder: boolean): PipelineStage[] {
  if (current.kind !== StageKind.OPEN) return [];
  const others = stages.filter((stage) => stage.id !== current.id);
  if (!strictOrder) return others;
  const nextOpen = stages.find((stage) => stage.kind === StageKind.OPEN && stage.position > current.position);
  return others.filter(
    (stage) => stage.kind !== StageKind.OPEN || stage.position < current.position || stage.id === nextOpen?.id,
  );
}

/** Refuses entering `target` from `current` unless it is allowed and the deal meets the target's requirements. */
export function assertMayEnter(
  stages: readonly PipelineStage[],
  current: PipelineStage,
  target: PipelineStage,
  strictOrder: boolean,
  deal: DealFacts,
): void {
  const allowed = allowedTargets(stages, current, strictOrder);
  const allowedStageIds = allowed.map((stage) => stage.id);
  if (!allowedStageIds.includes(target.id)) {
    const why =
      current.kind !== StageKind.OPEN
        ? `the deal is ${current.kind} ("${current.name}"): reopen it first (reopenDeal)`
        : `strict order allows only ${quoted(allowed)} from "${current.name}"`;
    throw new StageRefusedError([{ path: 'input.stageId', message: `cannot enter "${target.name}": ${why}` }], `Cannot move the deal to "${target.name}": ${why}`, ErrorReason.STAGE_ORDER, {
      allowedStageIds,
      missingFields: [],
    });
  }
  assertMeets(target, deal, 'input.stageId', allowedStageIds);
}

/**
 * Refuses a deal in (or entering) `stage` that lacks what the stage requires. `path`: one input path for every
 * missing field (a move names input.stageId); without it, each field's own create/update path.
 */
export function assertMeets(stage: PipelineStage, deal: DealFacts, path?: string, allowedStageIds: string[] = []): void {
  const missing = missingRequirements(stage, deal);
  if (!missing.length) return;
  const needs = missing.map((requirement) => LABEL[requirement]).join(', ');
  const problems = path
    ? [{ path, message: `stage "${stage.name}" needs ${needs}` }]
    : missing.map((requirement) => ({ path: `input.${REQUIREMENT_FIELD[requirement]}`, message: `is required in stage "${stage.name}"` }));
  throw new StageRefusedError(problems, `Stage "${stage.name}" needs ${needs}`, ErrorReason.STAGE_REQUIREMENTS, {
    allowedStageIds,
    missingFields: missing,
  });
}
