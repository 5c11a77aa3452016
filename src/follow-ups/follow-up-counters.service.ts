import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service';
import type { DealsService } from '../deals/deals.service';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { timeZoneSchema } from '../identity/identity.schemas';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { LeadsService } from '../leads/leads.service';
import type { Principal } from '../platform/auth/principal';
import type { ScopePredicate } from '../platform/auth/record-scope';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../platform/errors/errors';
import { parseInput } from '../platform/validation/parse-input';
import type { ActivityCounters } from './agenda.types';
import { FollowUpStatus } from './follow-up-enums';
import type { FollowUpsService } from './follow-ups.service';

const countersSchema = z.object({ memberId: z.uuid({ message: 'must be a member id' }).nullable().optional(), timeZone: timeZoneSchema.nullable().optional() });

/** The end of the local day that contains `asOf` in `zone`, as SQL over the parameters :asOf and :zone. */
const END_OF_TODAY = "(date_trunc('day', CAST(:asOf AS timestamptz) AT TIME ZONE :zone) + interval '1 day') AT TIME ZONE :zone";

/**
 * Activity counters (Bitrix24's): a member's OPEN follow-ups as OVERDUE / DUE_TODAY / UPCOMING, their NEW leads,
 * and IDLE records (their accounts and open deals with no OPEN follow-up), each counted over what the caller may
 * see, through the owning domain's service. Every count is one index-backed statement.
 */
export class FollowUpCountersService {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly workspaces: WorkspacesService,
    private readonly members: MembersService,
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly deals: DealsService,
  ) {}

  /**
   * Time passing changes counters without a change of data: announces the members with a follow-up that became
   * overdue in (from, to] or whose day rolled over in it (the clock tick, time-passing.task.ts). Returns how
   * many members were announced.
   */
  async announceTimePassing(from: Date, to: Date): Promise<number> {
    return this.followUps.announceTimePassing(from, to, await this.members.dayRolledOverBetween(from, to));
  }

  /**
   * The activityCounters query: the viewer by default; a MANAGER may ask for members of their teams, ADMIN+ and
   * API keys for anyone of the workspace. "Today" is in the asked zone, else the member's own, else the workspace's.
   */
  async counters(principal: Principal, args: { memberId?: string | null; timeZone?: string | null }): Promise<ActivityCounters> {
    const data = parseInput(countersSchema, args, 'args');
    const self = principal.kind === 'member' ? principal.membershipId : null;
    const memberId = data.memberId ?? self;
    if (!memberId) throw BadUserInputError.field('args.memberId', 'is required for an API key');
    if (memberId !== self) await this.assertMayCount(principal, memberId);
    const timeZone = data.timeZone ?? (await this.zoneOf(principal, memberId));
    return this.countersFor(principal, memberId, timeZone);
  }

  /** The zone "today" is taken in for this member: their own, else the workspace's. */
  async zoneOf(principal: Principal, memberId: string | null): Promise<string> {
    const own = memberId ? (await this.members.timeZonesOf(principal.workspaceId, [memberId])).get(memberId) : null;
    return own ?? (await this.workspaces.current(principal)).timeZone;
  }

  /**
   * The counters of `memberId` as `principal` may see them, "today" in `timeZone`, at the instant `now`. Does not
   * check who may ask (counters() does): for pushes computed for a viewer already authorized.
   */
  async countersFor(principal: Principal, memberId: string, timeZone: string, now: Date = new Date()): Promise<ActivityCounters> {
    const noOpenFollowUp = (idColumn: string): ScopePredicate => this.followUps.noOpenFollowUpOn(principal, idColumn);
    const [row, newLeads, idleAccounts, idleDeals] = await Promise.all([
      this.followUps
        .visible(principal)
        .select('count(*) FILTER (WHERE fu.due_at < :asOf)', 'overdue')
        .addSelect(`count(*) FILTER (WHERE fu.due_at >= :asOf AND fu.due_at < ${END_OF_TODAY})`, 'dueToday')
        .addSelect(`count(*) FILTER (WHERE fu.due_at >= ${END_OF_TODAY})`, 'upcoming')
        .andWhere('fu.assignee_membership_id = :counted AND fu.status = :open', { counted: memberId, open: FollowUpStatus.OPEN, zone: timeZone, asOf: now })
        .getRawOne<{ overdue: string; dueToday: string; upcoming: string }>(),
      this.leads.countNewAssignedTo(principal, memberId),
      this.accounts.countOwnedWhere(principal, memberId, noOpenFollowUp),
      this.deals.countOpenOwnedWhere(principal, memberId, noOpenFollowUp),
    ]);
    return {
      memberId,
      timeZone,
      asOf: now,
      overdue: Number(row?.overdue ?? 0),
      dueToday: Number(row?.dueToday ?? 0),
      upcoming: Number(row?.upcoming ?? 0),
      newLeads,
      idle: idleAccounts + idleDeals,
      idleAccounts,
      idleDeals,
    };
  }

  private async assertMayCount(principal: Principal, memberId: string): Promise<void> {
    if (principal.kind === 'member') {
      if (!hasRoleAtLeast(principal.role, Role.MANAGER)) {
        throw new ForbiddenError('Only a MANAGER or above may see another member\'s counters', ErrorReason.ROLE_REQUIRED);
      }
    }
    const known = await this.members.activeMemberIds(principal.workspaceId, [memberId]);
    if (!known.has(memberId)) throw new NotFoundError('Member');
    if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.ADMIN) && !(await this.sharesATeam(principal, principal.membershipId, memberId))) {
      throw new ForbiddenError('A MANAGER sees the counters of members of their own teams only (ADMIN or above: anyone)', ErrorReason.ROLE_REQUIRED);
    }
  }

  private async sharesATeam(principal: Principal, self: string, other: string): Promise<boolean> {
    const links = await this.members.teamLinks(principal.workspaceId, [self, other]);
    const mine = new Set(links.filter((link) => link.membershipId === self).map((link) => link.teamId));
    return links.some((link) => link.membershipId === other && mine.has(link.teamId));
  }
}
