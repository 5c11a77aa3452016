import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../identity/identity.public';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { pageProjectionOf, selectedFields } from '../platform/graphql/selection';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { AGENDA_MAX_DAYS, AGENDA_MAX_ITEMS } from './agenda.service';
import { ActivityCounters, AgendaDay } from './agenda.types';
import { followUpsGuard } from './follow-up-enums';
import { FollowUpState, FollowUpType } from './follow-up-settings.entity';
import { followUpStates, followUpTypes } from './follow-up-settings.service';
import { FollowUp, FollowUpPostponement } from './follow-up.entity';
import { FollowUpFilter, FollowUpOrder } from './follow-up.filter';
import {
  CancelFollowUpInput,
  CloseFollowUpInput,
  ContinueFollowUpInput,
  NewFollowUpInput,
  PostponeFollowUpInput,
  UpdateFollowUpInput,
} from './follow-up.inputs';
import { followUpProjection } from './follow-up.projection';
import { FollowUpConnection } from './follow-ups.types';

const READ = 'Any member, or an API key with followups:read (else FORBIDDEN).';
const WRITE = 'Requires MEMBER or above, or an API key with followups:write (else FORBIDDEN).';
const REACH = 'NOT_FOUND when it does not exist or is outside the caller\'s reach (its target not visible and not assigned to them)';
const CHANGE_ERRORS =
  `Errors: ${REACH}; BAD_USER_INPUT (invalid fields at extensions.fields; the follow-up is not OPEN, at input.id); ` +
  'CONFLICT (VERSION_MISMATCH, with extensions.currentVersion).';

@Resolver(() => FollowUpType)
export class FollowUpTypesResolver extends settingsListResolver(followUpTypes, (services) => services.followUpTypes) {}

@Resolver(() => FollowUpState)
export class FollowUpStatesResolver extends settingsListResolver(followUpStates, (services) => services.followUpStates) {}

@Resolver(() => FollowUp)
export class FollowUpsResolver {
  @Guard(followUpsGuard.read)
  @Query(() => FollowUp, { description: `A follow-up visible to the caller. ${READ} Errors: ${REACH} (not told apart).` })
  followUp(
    @Arg('id', () => ID, { description: 'The follow-up\'s id.' }) id: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FollowUp> {
    return context.services.followUps.read(principalOf(context), id, followUpProjection.of(selectedFields(info, 'record')));
  }

  @Guard(followUpsGuard.read)
  @Query(() => FollowUpConnection, {
    description:
      `Follow-ups visible to the caller (their target's, and those assigned to them), soonest due first unless orderBy says otherwise. ${READ} ` +
      'Errors: BAD_USER_INPUT (an id in the filter that is not a uuid, page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  followUps(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => FollowUpFilter, { nullable: true, description: 'Conditions; default: every follow-up in reach.' }) filter: FollowUpFilter | null,
    @Arg('orderBy', () => [FollowUpOrder], { nullable: true, description: 'Default: DUE_AT ascending; the id breaks ties.' }) orderBy: FollowUpOrder[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FollowUpConnection> {
    const projection = pageProjectionOf(followUpProjection, info);
    return context.services.followUps.list(principalOf(context), { ...page, filter, orderBy }, projection);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, {
    description:
      `${WRITE} Opens a follow-up on a record (writes FOLLOW_UP_CREATED on its timeline). Errors: NOT_FOUND when the target is not a ` +
      'visible record of targetType; BAD_USER_INPUT (invalid fields; an unusable type or state; an assignee who is not an active member).',
  })
  createFollowUp(@Arg('input', () => NewFollowUpInput, { description: 'The new follow-up.' }) input: NewFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.create(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, {
    description: `${WRITE} Changes the given fields of an OPEN follow-up (FOLLOW_UP_UPDATED with the changes); nothing changed writes nothing. ${CHANGE_ERRORS}`,
  })
  updateFollowUp(@Arg('input', { description: 'The follow-up and its changes.' }) input: UpdateFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.update(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, {
    description:
      `${WRITE} Moves an OPEN follow-up's dueAt by \`hours\` elapsed hours (default: the workspace's defaultPostponeHours), ` +
      `recording the postponement (FollowUp.postponements) and FOLLOW_UP_POSTPONED. ${CHANGE_ERRORS}`,
  })
  postponeFollowUp(@Arg('input', { description: 'The follow-up, hours and reason.' }) input: PostponeFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.postpone(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, { description: `${WRITE} Closes an OPEN follow-up as DONE with its outcome and note (FOLLOW_UP_CLOSED). ${CHANGE_ERRORS}` })
  closeFollowUp(@Arg('input', { description: 'The follow-up and its outcome.' }) input: CloseFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.close(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, { description: `${WRITE} Cancels an OPEN follow-up; it is kept with its history (FOLLOW_UP_CANCELLED). ${CHANGE_ERRORS}` })
  cancelFollowUp(@Arg('input', { description: 'The follow-up and why.' }) input: CancelFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.cancel(principalOf(context), input);
  }

  @Guard(followUpsGuard.write)
  @Mutation(() => FollowUp, {
    description:
      `${WRITE} Closes an OPEN follow-up and opens the next of the same chain, atomically (both or neither); returns the new one. ` +
      `${CHANGE_ERRORS} The next one's errors are createFollowUp's, at input.next.`,
  })
  continueFollowUp(@Arg('input', { description: 'The follow-up, its outcome and the next one.' }) input: ContinueFollowUpInput, @Ctx() context: RequestContext): Promise<FollowUp> {
    return context.services.followUps.continue(principalOf(context), input);
  }

  @FieldResolver(() => FollowUpType, { nullable: true, description: 'Its type (archived ones too).' })
  type(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<FollowUpType | null> {
    return context.loaders.followUps.type.load(followUp.typeId);
  }

  @FieldResolver(() => FollowUpState, { nullable: true, description: 'Its state, or null.' })
  state(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<FollowUpState | null> | null {
    return followUp.stateId ? context.loaders.followUps.state.load(followUp.stateId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member who does it, or null.' })
  assignee(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return followUp.assigneeMembershipId ? context.loaders.identity.membership.load(followUp.assigneeMembershipId) : null;
  }

  @FieldResolver(() => [FollowUp], { description: 'The whole history of its chain, from the first follow-up (itself included), oldest first; only those the caller may see.' })
  chain(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<FollowUp[]> {
    return context.loaders.followUps.chain.load(followUp.chainRootId);
  }

  @FieldResolver(() => [FollowUpPostponement], { description: 'Its postponements, oldest first.' })
  postponements(@Root() followUp: FollowUp, @Ctx() context: RequestContext): Promise<FollowUpPostponement[]> {
    return context.loaders.followUps.postponements.load(followUp.id);
  }

  @FieldResolver(() => Actor, { description: 'Who created it.' })
  createdBy(@Root() followUp: FollowUp): Actor {
    return actorOf(followUp.createdBy);
  }
}

@Resolver(() => FollowUpPostponement)
export class FollowUpPostponementResolver {
  @FieldResolver(() => Actor, { description: 'Who postponed it.' })
  actor(@Root() postponement: FollowUpPostponement): Actor {
    return actorOf(postponement.actor);
  }
}

@Resolver()
export class AgendaResolver {
  @Guard(followUpsGuard.read)
  @Query(() => [AgendaDay], {
    description:
      `${READ} The OPEN follow-ups due in [from, to) that the caller may see, grouped by day in the time zone (the workspace's ` +
      `unless told), days in order, only days with follow-ups. Errors: BAD_USER_INPUT (to not after from, a window over ` +
      `${AGENDA_MAX_DAYS} days or ${AGENDA_MAX_ITEMS} follow-ups, an unknown time zone, ids that are not uuids).`,
  })
  agenda(
    @Arg('from', () => Date, { description: 'Start of the window (inclusive), an ISO-8601 instant with offset.' }) from: Date,
    @Arg('to', () => Date, { description: `End of the window (exclusive), at most ${AGENDA_MAX_DAYS} days after from.` }) to: Date,
    @Arg('assigneeIds', () => [ID], { nullable: true, description: 'Whose follow-ups (membership ids); default: the caller\'s own (an API key: everyone\'s).' })
    assigneeIds: string[] | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA time zone the days are taken in; default: the workspace\'s.' }) timeZone: string | null,
    @Arg('filter', () => FollowUpFilter, { nullable: true, description: 'Further conditions (type, state, target...).' }) filter: FollowUpFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<AgendaDay[]> {
    return context.services.agenda.agenda(principalOf(context), { from, to, assigneeIds, timeZone, filter });
  }

  @Guard(followUpsGuard.read)
  @Query(() => ActivityCounters, {
    description:
      `${READ} A member's OPEN follow-ups that the caller may see, counted as overdue, due today and upcoming (index-backed). ` +
      'Errors: FORBIDDEN (ROLE_REQUIRED) when a MEMBER asks for another member; NOT_FOUND for a member not of the workspace; ' +
      'BAD_USER_INPUT (an API key without memberId, an unknown time zone).',
  })
  activityCounters(
    @Arg('memberId', () => ID, { nullable: true, description: 'The member (membership id); default: the caller. MANAGER and above may ask for others.' })
    memberId: string | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA time zone of "today"; default: the workspace\'s.' }) timeZone: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ActivityCounters> {
    return context.services.agenda.counters(principalOf(context), { memberId, timeZone });
  }
}
