import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { DecimalScalar } from '../platform/graphql/scalars';
import { settingNameSchema } from '../platform/settings/settings-list';
import { DealRequirement, StageKind } from './deal-enums';

export const MAX_STAGES = 30;

@InputType({ description: 'One stage of a pipeline, in the order given.' })
export class PipelineStageInput {
  @Field(() => ID, {
    nullable: true,
    description: 'updatePipeline: an existing stage of this pipeline to keep (renamed, reordered); left out: a new stage.',
  })
  id?: string | null;
  @Field({ description: 'Unique in the pipeline, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => DecimalScalar, { description: 'Chance of winning, percent from 0 to 100 with at most 3 decimals (e.g. "25").' })
  probability: string;
  @Field(() => StageKind, { description: 'OPEN, WON or LOST.' }) kind: StageKind;
  @Field(() => [DealRequirement], { nullable: true, description: 'What a deal must have to enter the stage; default: nothing.' })
  requiredFields?: DealRequirement[] | null;
}

@InputType({ description: 'A new pipeline with its stages.' })
export class CreatePipelineInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => Boolean, { nullable: true, description: 'Enforce the stage order (see Pipeline.strictOrder); default: false.' })
  strictOrder?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it the workspace\'s default pipeline (the previous default stops being it); default: false.' })
  isDefault?: boolean | null;
  @Field(() => [PipelineStageInput], {
    description: `The stages in order (1 to ${MAX_STAGES}): at least one OPEN, one WON and one LOST stage.`,
  })
  stages: PipelineStageInput[];
}

@InputType({ description: 'Changes to a pipeline; fields left out are kept.' })
export class UpdatePipelineInput {
  @Field(() => ID, { description: 'The pipeline.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the pipeline changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case).' }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Enforce the stage order or stop enforcing it.' }) strictOrder?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: make it the default pipeline (false is refused: make another one the default instead).' })
  isDefault?: boolean | null;
  @Field(() => [PipelineStageInput], {
    nullable: true,
    description:
      'The whole new list of stages, in order. Stages named by id are kept (with the new name, probability, kind and ' +
      'requirements), stages without id are added, stages left out are removed (kept for history). A stage that still ' +
      'has deals can be neither removed nor change kind (BAD_USER_INPUT naming it).',
  })
  stages?: PipelineStageInput[] | null;
}

@InputType({ description: 'A pipeline, optionally with the version the caller read.' })
export class PipelineVersionInput {
  @Field(() => ID, { description: 'The pipeline.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the pipeline changed since this version.' })
  expectedVersion?: number | null;
}

/** A percentage from 0 to 100 with at most 3 decimals, kept as written. */
export const percentSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, 'must be a percentage with at most 3 decimals, e.g. "25"')
  .refine((value) => Number(value) <= 100, 'must be at most 100');

const stageSchema = z.object({
  id: z.uuid({ message: 'must be a stage id' }).nullable().optional(),
  name: settingNameSchema,
  probability: percentSchema,
  kind: z.enum(StageKind),
  requiredFields: z
    .array(z.enum(DealRequirement))
    .nullable()
    .optional()
    .transform((fields) => [...new Set(fields ?? [])]),
});
export type StageSpec = z.output<typeof stageSchema>;

/** The stage list rules: size, kinds present, names unique in the pipeline. */
const stagesSchema = z
  .array(stageSchema)
  .min(1, 'must have at least one stage')
  .max(MAX_STAGES, `must have at most ${MAX_STAGES} stages`)
  .superRefine((stages, context) => {
    for (const kind of Object.values(StageKind)) {
      if (!stages.some((stage) => stage.kind === kind)) context.addIssue({ code: 'custom', message: `must have at least one ${kind} stage` });
    }
    const seen = new Map<string, number>();
    stages.forEach((stage, index) => {
      const key = stage.name.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index, 'name'], message: 'is the name of another stage of this pipeline' });
      seen.set(key, index);
      if (stage.id && stages.findIndex((other) => other.id === stage.id) !== index) {
        context.addIssue({ code: 'custom', path: [index, 'id'], message: 'appears twice' });
      }
    });
  });

export const createPipelineSchema = z.object({
  name: settingNameSchema,
  strictOrder: z.boolean().nullable().optional(),
  isDefault: z.boolean().nullable().optional(),
  stages: stagesSchema,
});

export const updatePipelineSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullable().optional(),
  name: settingNameSchema.nullable().optional(),
  strictOrder: z.boolean().nullable().optional(),
  isDefault: z
    .boolean()
    .nullable()
    .optional()
    .refine((value) => value !== false, 'cannot be false: make another pipeline the default instead'),
  stages: stagesSchema.nullable().optional(),
});
