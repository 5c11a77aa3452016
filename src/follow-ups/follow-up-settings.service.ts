import type { DataSource } from 'typeorm';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { Principal } from '../platform/auth/principal';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { defineSettingsList, settingNameSchema, settingsListService } from '../platform/settings/settings-list';
import type { WorkspaceSeeds } from '../platform/settings/workspace-seeds';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { ActivityEffect, FollowUpKind, followUpsGuard } from './follow-up-enums';
import type { FollowUpSettings } from './follow-up-entries.types';
import { FollowUpActivityDefinition, FollowUpState, FollowUpType } from './follow-up-settings.entity';

export const DEFAULT_DURATION_MINUTES = 30;

@InputType({ description: 'A new follow-up type.' })
export class CreateFollowUpTypeInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => FollowUpKind, { description: 'The base kind.' }) kind: FollowUpKind;
  @Field(() => Int, { nullable: true, description: `Default duration in minutes, 1 to 1440; default ${DEFAULT_DURATION_MINUTES}.` })
  defaultDurationMinutes?: number | null;
}

@InputType({ description: 'Changes a follow-up type; fields left out are kept.' })
export class UpdateFollowUpTypeInput {
  @Field(() => ID, { description: 'The type.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case); null or left out: kept.' }) name?: string | null;
  @Field(() => FollowUpKind, { nullable: true, description: 'A new base kind; left out: kept.' }) kind?: FollowUpKind | null;
  @Field(() => Int, { nullable: true, description: 'A new default duration in minutes, 1 to 1440; left out: kept.' }) defaultDurationMinutes?: number | null;
}

@InputType({ description: 'A new follow-up state.' })
export class CreateFollowUpStateInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'Renames a follow-up state.' })
export class UpdateFollowUpStateInput {
  @Field(() => ID, { description: 'The state.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case); null or left out: kept.' }) name?: string | null;
}

@InputType({ description: 'A new activity definition.' })
export class CreateFollowUpActivityDefinitionInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => ActivityEffect, { description: 'PROGRESS or REGRESS.' }) effect: ActivityEffect;
}

@InputType({ description: 'Changes an activity definition; fields left out are kept.' })
export class UpdateFollowUpActivityDefinitionInput {
  @Field(() => ID, { description: 'The activity definition.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case); null or left out: kept.' }) name?: string | null;
  @Field(() => ActivityEffect, { nullable: true, description: 'A new effect; null or left out: kept.' }) effect?: ActivityEffect | null;
}

const durationSchema = z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(1440, 'must be at most 1440 minutes (a day)');
const kindSchema = z.enum(FollowUpKind, { message: 'must be a follow-up kind' });

const createTypeSchema = z.object({
  name: settingNameSchema,
  kind: kindSchema,
  defaultDurationMinutes: durationSchema.nullish().transform((minutes) => minutes ?? DEFAULT_DURATION_MINUTES),
});
const updateTypeSchema = z.object({
  id: z.string(),
  name: settingNameSchema.nullable().optional(),
  // null would clear a required column: absent and null both keep it.
  kind: kindSchema.nullish().transform((kind) => kind ?? undefined),
  defaultDurationMinutes: durationSchema.nullish().transform((minutes) => minutes ?? undefined),
});
const createStateSchema = z.object({ name: settingNameSchema });
const updateStateSchema = z.object({ id: z.string(), name: settingNameSchema.nullable().optional() });

const effectSchema = z.enum(ActivityEffect, { message: 'must be PROGRESS or REGRESS' });
const createDefinitionSchema = z.object({ name: settingNameSchema, effect: effectSchema });
const updateDefinitionSchema = z.object({
  id: z.string(),
  name: settingNameSchema.nullable().optional(),
  effect: effectSchema.nullish().transform((effect) => effect ?? undefined),
});

/** Settings: the kinds of follow-ups; every workspace starts with one type per base kind. */
export const followUpTypes = defineSettingsList({
  entity: FollowUpType,
  plural: 'followUpTypes',
  guard: { read: followUpsGuard.read, write: followUpsGuard.settings },
  create: { input: CreateFollowUpTypeInput, schema: createTypeSchema },
  update: { input: UpdateFollowUpTypeInput, schema: updateTypeSchema },
  defaults: [
    { name: 'Call', kind: FollowUpKind.CALL, defaultDurationMinutes: 15 },
    { name: 'Email', kind: FollowUpKind.EMAIL, defaultDurationMinutes: 15 },
    { name: 'Meeting', kind: FollowUpKind.MEETING, defaultDurationMinutes: 60 },
    { name: 'Visit', kind: FollowUpKind.VISIT, defaultDurationMinutes: 90 },
    { name: 'Task', kind: FollowUpKind.TASK, defaultDurationMinutes: 30 },
    { name: 'Collection call', kind: FollowUpKind.COLLECTION, defaultDurationMinutes: 15 },
  ],
  descriptions: {
    list: 'Follow-up types of the workspace, by name (seeded: Call, Email, Meeting, Visit, Task, Collection call).',
    create: 'Adds a follow-up type.',
    update: 'Changes a follow-up type (archived ones too); existing follow-ups keep their duration.',
    archive: 'Follow-ups keep it; new ones can\'t use it. NOT_FOUND outside the workspace.',
  },
});

/** Settings: why a follow-up stays active or what news came up. */
export const followUpStates = defineSettingsList({
  entity: FollowUpState,
  plural: 'followUpStates',
  guard: { read: followUpsGuard.read, write: followUpsGuard.settings },
  create: { input: CreateFollowUpStateInput, schema: createStateSchema },
  update: { input: UpdateFollowUpStateInput, schema: updateStateSchema },
  defaults: [{ name: 'Pending' }, { name: 'Waiting for the customer' }, { name: 'Rescheduled' }],
  descriptions: {
    list: 'Follow-up states of the workspace, by name (seeded: Pending, Waiting for the customer, Rescheduled).',
    archive: 'Follow-ups keep it; new changes can\'t use it. NOT_FOUND outside the workspace.',
  },
});

/**
 * Settings: the activities logged on follow-ups (logFollowUpActivity), progress or regress entries. The seeded
 * defaults are also written into workspaces that existed before (migration FollowUpActivities).
 */
export const followUpActivityDefinitions = defineSettingsList({
  entity: FollowUpActivityDefinition,
  plural: 'followUpActivityDefinitions',
  label: 'Activity definition',
  guard: { read: followUpsGuard.read, write: followUpsGuard.settings },
  create: { input: CreateFollowUpActivityDefinitionInput, schema: createDefinitionSchema },
  update: { input: UpdateFollowUpActivityDefinitionInput, schema: updateDefinitionSchema },
  defaults: [
    { name: 'Customer answered', effect: ActivityEffect.PROGRESS },
    { name: 'Proposal sent', effect: ActivityEffect.PROGRESS },
    { name: 'Commitment obtained', effect: ActivityEffect.PROGRESS },
    { name: 'No answer', effect: ActivityEffect.REGRESS },
    { name: 'Customer asked to wait', effect: ActivityEffect.REGRESS },
  ],
  descriptions: {
    list:
      'Activity definitions of the workspace, by name (seeded: Customer answered, Proposal sent, Commitment obtained: PROGRESS; ' +
      'No answer, Customer asked to wait: REGRESS).',
    archive: 'Logged activities keep it; new ones can\'t use it. NOT_FOUND outside the workspace.',
  },
});

export class FollowUpActivityDefinitionsService extends settingsListService(followUpActivityDefinitions) {
  constructor(db: DataSource, timeline: TimelineService, seeds: WorkspaceSeeds) {
    super(db, timeline);
    seeds.register((manager, workspaceId) => this.seedDefaults(manager, workspaceId));
  }
}

export class FollowUpTypesService extends settingsListService(followUpTypes) {
  constructor(db: DataSource, timeline: TimelineService, seeds: WorkspaceSeeds) {
    super(db, timeline);
    seeds.register((manager, workspaceId) => this.seedDefaults(manager, workspaceId));
  }
}

export class FollowUpStatesService extends settingsListService(followUpStates) {
  constructor(db: DataSource, timeline: TimelineService, seeds: WorkspaceSeeds) {
    super(db, timeline);
    seeds.register((manager, workspaceId) => this.seedDefaults(manager, workspaceId));
  }
}

/** followUpSettings: the three lists and the workspace parameters, in one read. */
export class FollowUpSettingsReader {
  constructor(
    private readonly types: FollowUpTypesService,
    private readonly states: FollowUpStatesService,
    private readonly definitions: FollowUpActivityDefinitionsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async read(principal: Principal, includeArchived: boolean): Promise<FollowUpSettings> {
    const [types, states, activityDefinitions, workspace] = await Promise.all([
      this.types.list(principal, includeArchived),
      this.states.list(principal, includeArchived),
      this.definitions.list(principal, includeArchived),
      this.workspaces.current(principal),
    ]);
    const { timeZone, defaultPostponeHours, workingHoursStart, workingHoursEnd, workingDays } = workspace;
    return { types, states, activityDefinitions, parameters: { timeZone, defaultPostponeHours, workingHoursStart, workingHoursEnd, workingDays } };
  }
}
