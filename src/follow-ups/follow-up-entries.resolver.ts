import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { followUpsGuard } from './follow-up-enums';
import { FollowUpActivity, FollowUpObservation } from './follow-up-entries.entity';
import { AddObservationInput, AddObservationPayload, LogFollowUpActivityInput, LogFollowUpActivityPayload } from './follow-up-entries.service';
import { FollowUpActivityConnection, FollowUpObservationConnection, FollowUpSettings } from './follow-up-entries.types';
import { FollowUpActivityDefinition } from './follow-up-settings.entity';
import { followUpActivityDefinitions } from './follow-up-settings.service';
import { FollowUp } from './follow-up.entity';

const WRITE = 'Requires MEMBER or above, or an API key with followups:write (else FORBIDDEN).';
const ERRORS =
  'Errors: NOT_FOUND when the follow-up does not exist or is outside the caller\'s reach (its target not visible and not assigned to them); ' +
  'BAD_USER_INPUT (invalid fields at extensions.fields); CONFLICT (VERSION_MISMATCH, with extensions.currentVersion).';

@Resolver(() => FollowUpActivityDefinition)
export class FollowUpActivityDefinitionsResolver extends settingsListResolver(followUpActivityDefinitions, (services) => services.followUpActivityDefinitions) {}

@Resolver(() => FollowUp)
export class FollowUpEntriesResolver {
  @Guard(followUpsGuard.write)
  @Mutation(() => AddObservationPayload, {
    description:
      `${WRITE} Writes an observation on a follow-up of any status (FollowUp.observations), bumps its version and writes ` +
      `FOLLOW_UP_OBSERVATION_ADDED on its target's timeline. ${ERRORS}`,
  })
  addObservation(@Arg('input', { description: 'The follow-up and the text.' }) input: AddObservationInput, @Ctx() context: RequestContext): Promise<AddObservationPayload> {
    return context.services.followUpEntries.addObservation(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => LogFollowUpActivityPayload, {
    description:
      `${WRITE} Logs an activity (a progress or regress entry of an activity definition) on a follow-up of any status ` +
      `(FollowUp.activities), bumps its version and writes FOLLOW_UP_ACTIVITY_LOGGED on its target's timeline. ${ERRORS} ` +
      'An archived or unknown definition is BAD_USER_INPUT at input.definitionId; occurredAt in the future at input.occurredAt.',
  })
  logFollowUpActivity(
    @Arg('input', { description: 'The follow-up, the activity definition, a note and when it happened.' }) input: LogFollowUpActivityInput,
    @Ctx() context: RequestContext,
  ): Promise<LogFollowUpActivityPayload> {
    return context.services.followUpEntries.logActivity(principalOf(context), input);
  }

  @Guard(followUpsGuard.read)
  @Query(() => FollowUpSettings, {
    description:
      'Any member, or an API key with followups:read (else FORBIDDEN). The follow-up settings in one read: types, states, ' +
      'activity definitions and the workspace parameters (time zone, default postpone hours, working hours). No errors of its own.',
  })
  followUpSettings(
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Include archived entries of the lists too (default false).' }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<FollowUpSettings> {
    return context.services.followUpSettings.read(principalOf(context), includeArchived);
  }

  @FieldResolver(() => FollowUpObservationConnection, {
    description: 'Observations written on it, newest first.',
    complexity: connectionComplexity,
  })
  observations(@Root() followUp: FollowUp, @Args() args: ConnectionArgs, @Ctx() context: RequestContext): Promise<FollowUpObservationConnection> {
    return context.loaders.followUps.observations.load({ parentId: followUp.id, args });
  }

  @FieldResolver(() => FollowUpActivityConnection, {
    description: 'Activities logged on it, by when they happened, newest first.',
    complexity: connectionComplexity,
  })
  activities(@Root() followUp: FollowUp, @Args() args: ConnectionArgs, @Ctx() context: RequestContext): Promise<FollowUpActivityConnection> {
    return context.loaders.followUps.activities.load({ parentId: followUp.id, args });
  }
}

@Resolver(() => FollowUpObservation)
export class FollowUpObservationResolver {
  @FieldResolver(() => Actor, { description: 'Who wrote it.' })
  author(@Root() observation: FollowUpObservation): Actor {
    return actorOf(observation.actor);
  }
}

@Resolver(() => FollowUpActivity)
export class FollowUpActivityResolver {
  @FieldResolver(() => FollowUpActivityDefinition, { nullable: true, description: 'Its activity definition (archived ones too).' })
  definition(@Root() activity: FollowUpActivity, @Ctx() context: RequestContext): Promise<FollowUpActivityDefinition | null> {
    return context.loaders.followUps.activityDefinition.load(activity.definitionId);
  }

  @FieldResolver(() => Actor, { description: 'Who logged it.' })
  loggedBy(@Root() activity: FollowUpActivity): Actor {
    return actorOf(activity.actor);
  }
}
