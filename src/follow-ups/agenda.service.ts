import { z } from 'zod';
import { timeZoneSchema } from '../identity/identity.schemas';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError } from '../platform/errors/errors';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { parseInput } from '../platform/validation/parse-input';
import type { ActivityCounters, AgendaDay } from './agenda.types';
import { FollowUpStatus } from './follow-up-enums';
import { followUpFilter, type FollowUpFilter } from './follow-up.filter';
import type { FollowUpCountersService } from './follow-up-counters.service';
import type { FollowUpsService } from './follow-ups.service';

/** The longest agenda window, and the most follow-ups one agenda returns (BAD_USER_INPUT beyond). */
export const AGENDA_MAX_DAYS = 93;
export const AGENDA_MAX_ITEMS = 2000;
const DAY_MS = 86_400_000;

const agendaSchema = z
  .object({
    from: z.date({ message: 'must be a date-time with offset' }),
    to: z.date({ message: 'must be a date-time with offset' }),
    assigneeIds: z.array(z.uuid({ message: 'must be a member id' })).max(100, 'must name at most 100 members').nullable().optional(),
    timeZone: timeZoneSchema.nullable().optional(),
  })
  .refine((args) => args.to > args.from, { path: ['to'], message: 'must be after from' })
  .refine((args) => args.to.getTime() - args.from.getTime() <= AGENDA_MAX_DAYS * DAY_MS, { path: ['to'], message: `must be at most ${AGENDA_MAX_DAYS} days after from` });


export interface AgendaArgs {
  from: Date;
  to: Date;
  assigneeIds?: string[] | null;
  timeZone?: string | null;
  filter?: FollowUpFilter | null;
}

/** The agenda (open follow-ups of a window, by day in a time zone) and the activity counters, over FollowUpsService's visibility. */
export class AgendaService {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly countersService: FollowUpCountersService,
  ) {}

  async agenda(principal: Principal, args: AgendaArgs): Promise<AgendaDay[]> {
    const data = parseInput(agendaSchema, { from: args.from, to: args.to, assigneeIds: args.assigneeIds, timeZone: args.timeZone }, 'args');
    // The viewer's day: their own zone, else the workspace's (an API key: the workspace's).
    const timeZone = data.timeZone ?? (await this.countersService.zoneOf(principal, principal.kind === 'member' ? principal.membershipId : null));
    const query = this.followUps
      .visible(principal)
      .andWhere('fu.status = :open AND fu.due_at >= :from AND fu.due_at < :to', { open: FollowUpStatus.OPEN, from: data.from, to: data.to });
    const assignees = data.assigneeIds ?? (principal.kind === 'member' ? [principal.membershipId] : null);
    if (assignees) query.andWhere(assignees.length ? 'fu.assignee_membership_id IN (:...agendaAssignees)' : 'FALSE', { agendaAssignees: assignees });
    const sql = new SqlFilter('fua');
    const condition = followUpFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    const rows = await query.orderBy('fu.due_at', 'ASC').addOrderBy('fu.id', 'ASC').limit(AGENDA_MAX_ITEMS + 1).getMany();
    if (rows.length > AGENDA_MAX_ITEMS) throw BadUserInputError.field('args.to', `the window holds more than ${AGENDA_MAX_ITEMS} follow-ups: ask for a shorter one`);
    const dayOf = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const days = new Map<string, AgendaDay>();
    for (const row of rows) {
      const date = dayOf.format(row.dueAt);
      const day = days.get(date) ?? { date, followUps: [] };
      day.followUps.push(row);
      days.set(date, day);
    }
    return [...days.values()];
  }

  /** The activityCounters query (kept here for callers of the agenda service): FollowUpCountersService.counters. */
  counters(principal: Principal, args: { memberId?: string | null; timeZone?: string | null }): Promise<ActivityCounters> {
    return this.countersService.counters(principal, args);
  }
}
