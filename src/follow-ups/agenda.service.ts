import { z } from 'zod';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { MembersService } from '../identity/members.service';
import { timeZoneSchema } from '../identity/identity.schemas';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { Principal } from '../platform/auth/principal';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../platform/errors/errors';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { parseInput } from '../platform/validation/parse-input';
import type { ActivityCounters, AgendaDay } from './agenda.types';
import { FollowUpStatus } from './follow-up-enums';
import { followUpFilter, type FollowUpFilter } from './follow-up.filter';
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

const countersSchema = z.object({ memberId: z.string().nullable().optional(), timeZone: timeZoneSchema.nullable().optional() });

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
    private readonly workspaces: WorkspacesService,
    private readonly members: MembersService,
  ) {}

  async agenda(principal: Principal, args: AgendaArgs): Promise<AgendaDay[]> {
    const data = parseInput(agendaSchema, { from: args.from, to: args.to, assigneeIds: args.assigneeIds, timeZone: args.timeZone }, 'args');
    const timeZone = data.timeZone ?? (await this.workspaces.current(principal)).timeZone;
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

  /**
   * Time passing changes counters without a change of data: announces the members with a follow-up that became
   * overdue in (from, to] or whose day rolled over in it (the clock tick, time-passing.task.ts). Returns how
   * many members were announced.
   */
  async announceTimePassing(from: Date, to: Date): Promise<number> {
    return this.followUps.announceTimePassing(from, to, await this.members.dayRolledOverBetween(from, to));
  }

  /**
   * A member's OPEN follow-ups (the viewer by default) that the caller may see, counted as overdue, due today (in
   * the time zone, the workspace's unless told) and upcoming: one statement on (workspace, assignee, status, due_at).
   */
  async counters(principal: Principal, args: { memberId?: string | null; timeZone?: string | null }): Promise<ActivityCounters> {
    const data = parseInput(countersSchema, args, 'args');
    const memberId = data.memberId ?? (principal.kind === 'member' ? principal.membershipId : null);
    if (!memberId) throw BadUserInputError.field('args.memberId', 'is required for an API key');
    if (principal.kind === 'member' && memberId !== principal.membershipId && !hasRoleAtLeast(principal.role, Role.MANAGER)) {
      throw new ForbiddenError('Only a MANAGER or above may see another member\'s counters', ErrorReason.ROLE_REQUIRED);
    }
    if (memberId !== (principal.kind === 'member' ? principal.membershipId : null)) {
      const known = await this.members.activeMemberIds(principal.workspaceId, [memberId]);
      if (!known.has(memberId)) throw new NotFoundError('Member');
    }
    const timeZone = data.timeZone ?? (await this.workspaces.current(principal)).timeZone;
    const row = await this.followUps
      .visible(principal)
      .select('now()', 'asOf')
      .addSelect('count(*) FILTER (WHERE fu.due_at < now())', 'overdue')
      .addSelect("count(*) FILTER (WHERE fu.due_at >= now() AND fu.due_at < (date_trunc('day', now() AT TIME ZONE :zone) + interval '1 day') AT TIME ZONE :zone)", 'dueToday')
      .addSelect("count(*) FILTER (WHERE fu.due_at >= (date_trunc('day', now() AT TIME ZONE :zone) + interval '1 day') AT TIME ZONE :zone)", 'upcoming')
      .andWhere('fu.assignee_membership_id = :counted AND fu.status = :open', { counted: memberId, open: FollowUpStatus.OPEN, zone: timeZone })
      .getRawOne<{ asOf: Date; overdue: string; dueToday: string; upcoming: string }>();
    return {
      memberId,
      timeZone,
      asOf: row?.asOf ?? new Date(),
      overdue: Number(row?.overdue ?? 0),
      dueToday: Number(row?.dueToday ?? 0),
      upcoming: Number(row?.upcoming ?? 0),
    };
  }
}
