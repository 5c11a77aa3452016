import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { principalOf } from '../platform/context/context';
import { liveState } from '../platform/subscriptions/live-state';
import { activityTopic, type ActivityChangedEvent } from '../platform/events/activity.topic';
import { AGENDA_MAX_DAYS, type AgendaArgs } from './agenda.service';
import { ActivityCounters, AgendaDay } from './agenda.types';
import { followUpsGuard } from './follow-up-enums';
import { FollowUpFilter } from './follow-up.filter';

const READ = 'Any member, or an API key with followups:read (else FORBIDDEN).';
const LIVE =
  'Pushed first on subscribe (the current state: a client that reconnects starts from the truth), then within a second of ' +
  'any committed change that alters it, on every server instance, and within a minute of time passing (overdue, midnight); ' +
  'after the server lost its event connection, once more as a fresh snapshot. Authorized with the viewer\'s rights as they are at each push.';

@ObjectType({ description: 'An agenda window as pushed by agendaChanged: the whole window, and what changed since the previous push to this subscriber.' })
export class AgendaUpdate {
  @Field(() => [AgendaDay], { description: 'The window now, as the agenda query returns it (days in order, only days with follow-ups).' })
  days: AgendaDay[];

  @Field(() => [ID], { description: 'Follow-ups that entered the window since the previous push (all of them in the first push).' })
  entered: string[];

  @Field(() => [ID], { description: 'Follow-ups still in the window that changed (a new version) since the previous push.' })
  changed: string[];

  @Field(() => [ID], { description: 'Follow-ups that left the window (closed, cancelled, moved out, reassigned, out of reach) since the previous push.' })
  left: string[];
}

/** Whose agenda or counters an event may touch: the member asked for, or the viewer (an API key: everyone's). */
const watched = (principal: Principal, memberIds: readonly string[] | null | undefined): readonly string[] | null =>
  memberIds ?? (principal.kind === 'member' ? [principal.membershipId] : null);
const touches = (event: ActivityChangedEvent, members: readonly string[] | null): boolean =>
  members === null || event.memberIds.some((id) => members.includes(id));

interface CountersArgs {
  memberId?: string | null;
  timeZone?: string | null;
}

const counters = liveState({
  topic: activityTopic,
  concerns: (event, args: CountersArgs, principal) => touches(event, watched(principal, args.memberId ? [args.memberId] : null)),
  load: (context, args) => context.services.agenda.counters(principalOf(context), { memberId: args.memberId, timeZone: args.timeZone }),
  // The counts (whatever they are), not the instant they were taken at.
  signature: (state: ActivityCounters) => JSON.stringify({ ...state, asOf: null }),
  present: (state) => state,
  coalesceMs: 50,
});

type FollowUpOfDay = AgendaDay['followUps'][number];
const versionsOf = (days: AgendaDay[]): Map<string, number> =>
  new Map(days.flatMap((day) => day.followUps.map((followUp: FollowUpOfDay) => [followUp.id, followUp.version] as const)));

const agenda = liveState({
  topic: activityTopic,
  // Time passing moves no follow-up in or out of a window of due times.
  concerns: (event, args: AgendaArgs, principal) => !event.clock && touches(event, watched(principal, args.assigneeIds)),
  load: (context, args) => context.services.agenda.agenda(principalOf(context), args),
  signature: (days: AgendaDay[]) => [...versionsOf(days)].map(([id, version]) => `${id}@${version}`).join(','),
  present: (days, previous): AgendaUpdate => {
    const now = versionsOf(days);
    const before = previous ? versionsOf(previous) : new Map<string, number>();
    return {
      days,
      entered: [...now.keys()].filter((id) => !before.has(id)),
      changed: [...now].filter(([id, version]) => before.has(id) && before.get(id) !== version).map(([id]) => id),
      left: [...before.keys()].filter((id) => !now.has(id)),
    };
  },
  coalesceMs: 50,
});

@Resolver()
export class ActivitySubscriptionResolver {
  @Guard(followUpsGuard.read)
  @Subscription(() => ActivityCounters, {
    subscribe: counters,
    description:
      `${READ} The activityCounters of a member (the caller by default), live. ${LIVE} A push comes only when a count changed. ` +
      'Errors (at subscribe), as activityCounters: FORBIDDEN (ROLE_REQUIRED) when a MEMBER asks for another member; NOT_FOUND ' +
      'for a member not of the workspace; BAD_USER_INPUT (an API key without memberId, an unknown time zone).',
  })
  activityCountersChanged(
    @Root() counters: ActivityCounters,
    @Arg('memberId', () => ID, { nullable: true, description: 'The member (membership id); default: the caller. MANAGER and above may ask for others.' })
    _memberId: string | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA time zone of "today"; default: the workspace\'s.' }) _timeZone: string | null,
  ): ActivityCounters {
    return counters;
  }

  @Guard(followUpsGuard.read)
  @Subscription(() => AgendaUpdate, {
    subscribe: agenda,
    description:
      `${READ} The agenda of a window, live: follow-ups entering, changing in and leaving it. ${LIVE} A push comes only when ` +
      `the window changed. Errors (at subscribe), as agenda: BAD_USER_INPUT (to not after from, a window over ${AGENDA_MAX_DAYS} ` +
      'days or too many follow-ups, an unknown time zone, ids that are not uuids).',
  })
  agendaChanged(
    @Root() update: AgendaUpdate,
    @Arg('from', () => Date, { description: 'Start of the window (inclusive), an ISO-8601 instant with offset.' }) _from: Date,
    @Arg('to', () => Date, { description: `End of the window (exclusive), at most ${AGENDA_MAX_DAYS} days after from.` }) _to: Date,
    @Arg('assigneeIds', () => [ID], { nullable: true, description: 'Whose follow-ups (membership ids); default: the caller\'s own (an API key: everyone\'s).' })
    _assigneeIds: string[] | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA time zone the days are taken in; default: the workspace\'s.' }) _timeZone: string | null,
    @Arg('filter', () => FollowUpFilter, { nullable: true, description: 'Further conditions (type, state, target...).' }) _filter: FollowUpFilter | null,
  ): AgendaUpdate {
    return update;
  }
}
