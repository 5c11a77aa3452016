import type { DataSource } from 'typeorm';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import type { ConnectionArgs } from '../platform/pagination/connection';
import type { FirstNSource } from '../platform/pagination/first-n';
import type { SortKey } from '../platform/pagination/keyset';
import { optionalText } from '../platform/text/normalize';
import { parseInput } from '../platform/validation/parse-input';
import { followUpsGuard } from './follow-up-enums';
import { FollowUpActivity, FollowUpObservation } from './follow-up-entries.entity';
import type { FollowUpActivityDefinitionsService } from './follow-up-settings.service';
import { FollowUp } from './follow-up.entity';
import type { FollowUpsService } from './follow-ups.service';

/** Clock skew tolerated on occurredAt: an activity cannot have happened later than this after now. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

@InputType({ description: 'An observation to write on a follow-up.' })
export class AddObservationInput {
  @Field(() => ID, { description: 'The follow-up (any status: observations may come after it closed).' }) followUpId: string;
  @Field({ description: 'The observation, 1 to 5000 characters.' }) text: string;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

@InputType({ description: 'An activity to log on a follow-up.' })
export class LogFollowUpActivityInput {
  @Field(() => ID, { description: 'The follow-up (any status).' }) followUpId: string;
  @Field(() => ID, { description: 'A usable (not archived) activity definition of the workspace.' }) definitionId: string;
  @Field(() => String, { nullable: true, description: 'What happened, up to 5000 characters.' }) note?: string | null;
  @Field(() => Date, { nullable: true, description: 'When it happened (ISO-8601 instant with offset, not in the future); default: now.' }) occurredAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'What addObservation wrote.' })
export class AddObservationPayload {
  @Field(() => FollowUp, { description: 'The follow-up, with its new version.' }) followUp: FollowUp;
  @Field(() => FollowUpObservation, { description: 'The observation written.' }) observation: FollowUpObservation;
}

@ObjectType({ description: 'What logFollowUpActivity wrote.' })
export class LogFollowUpActivityPayload {
  @Field(() => FollowUp, { description: 'The follow-up, with its new version.' }) followUp: FollowUp;
  @Field(() => FollowUpActivity, { description: 'The activity entry logged.' }) activity: FollowUpActivity;
}

const version = z.number().int().nullable().optional();
const addObservationSchema = z.object({
  followUpId: z.string(),
  text: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
  expectedVersion: version,
});
const logActivitySchema = z.object({
  followUpId: z.string(),
  definitionId: z.uuid({ message: 'must be an activity definition id' }),
  note: optionalText(5000),
  occurredAt: z
    .date({ message: 'must be a date-time with offset' })
    .refine((date) => !Number.isNaN(date.getTime()), 'must be a valid date-time')
    .refine((date) => date.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, 'must not be in the future')
    .nullish(),
  expectedVersion: version,
});

const OBSERVATIONS_NEWEST_FIRST: SortKey<FollowUpObservation>[] = [
  { sql: 'o.created_at', type: 'timestamp', direction: 'DESC', value: (row) => row.createdAt },
  { sql: 'o.id', type: 'uuid', direction: 'DESC', value: (row) => row.id },
];
const ACTIVITIES_NEWEST_FIRST: SortKey<FollowUpActivity>[] = [
  { sql: 'a.occurred_at', type: 'timestamp', direction: 'DESC', value: (row) => row.occurredAt },
  { sql: 'a.id', type: 'uuid', direction: 'DESC', value: (row) => row.id },
];

/** The entry `touch` had its callback write (it always runs the callback before returning). */
function written<T>(entry: T | undefined): T {
  if (!entry) throw new Error('the follow-up entry was not written');
  return entry;
}

/**
 * What is written on a follow-up besides its own fields: observations and activity entries. Whoever can see the
 * follow-up (its scope rule, through FollowUpsService) may write them; each write bumps its version and lands on
 * its target's timeline in the same transaction.
 */
export class FollowUpEntriesService {
  constructor(
    private readonly db: DataSource,
    private readonly followUps: FollowUpsService,
    private readonly definitions: FollowUpActivityDefinitionsService,
  ) {}

  addObservation(principal: Principal, input: unknown): Promise<AddObservationPayload> {
    this.assertMayWrite(principal);
    const data = parseInput(addObservationSchema, input);
    return this.db.transaction(async (manager) => {
      let observation: FollowUpObservation | undefined;
      const followUp = await this.followUps.touch(manager, principal, data.followUpId, data.expectedVersion, 'FOLLOW_UP_OBSERVATION_ADDED', async (row) => {
        observation = await manager.save(
          manager.create(FollowUpObservation, { workspaceId: principal.workspaceId, followUpId: row.id, text: data.text, actor: actorRefOf(principal) }),
        );
        return { observationId: observation.id, text: observation.text };
      });
      return { followUp, observation: written(observation) };
    });
  }

  logActivity(principal: Principal, input: unknown): Promise<LogFollowUpActivityPayload> {
    this.assertMayWrite(principal);
    const data = parseInput(logActivitySchema, input);
    return this.db.transaction(async (manager) => {
      let activity: FollowUpActivity | undefined;
      const followUp = await this.followUps.touch(manager, principal, data.followUpId, data.expectedVersion, 'FOLLOW_UP_ACTIVITY_LOGGED', async (row) => {
        // After the follow-up: one outside reach is NOT_FOUND whatever the definition.
        const definition = await this.definitions.usable(manager, principal, data.definitionId, 'input.definitionId');
        activity = await manager.save(
          manager.create(FollowUpActivity, {
            workspaceId: principal.workspaceId,
            followUpId: row.id,
            definitionId: definition.id,
            note: data.note ?? null,
            occurredAt: data.occurredAt ?? new Date(),
            actor: actorRefOf(principal),
          }),
        );
        return { activityId: activity.id, definition: definition.name, effect: definition.effect, note: activity.note, occurredAt: activity.occurredAt.toISOString() };
      });
      return { followUp, activity: written(activity) };
    });
  }

  /** For the first-N loader of FollowUp.observations (follow-ups the caller already reached), newest first. */
  observationsSource(principal: () => Principal): FirstNSource<FollowUpObservation, ConnectionArgs> {
    return {
      entity: FollowUpObservation,
      sortKeys: OBSERVATIONS_NEWEST_FIRST,
      parentSql: 'o.follow_up_id',
      rows: (followUpIds) => inWorkspace(this.db.manager, principal()).query(FollowUpObservation, 'o').andWhere('o.follow_up_id IN (:...followUpIds)', { followUpIds }),
    };
  }

  /** For the first-N loader of FollowUp.activities, by when they happened, newest first. */
  activitiesSource(principal: () => Principal): FirstNSource<FollowUpActivity, ConnectionArgs> {
    return {
      entity: FollowUpActivity,
      sortKeys: ACTIVITIES_NEWEST_FIRST,
      parentSql: 'a.follow_up_id',
      rows: (followUpIds) => inWorkspace(this.db.manager, principal()).query(FollowUpActivity, 'a').andWhere('a.follow_up_id IN (:...followUpIds)', { followUpIds }),
    };
  }

  private assertMayWrite(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [followUpsGuard.write]);
  }
}
