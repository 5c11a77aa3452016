import { ActivityCountersDocument, CloseFollowUpDocument, SetDefaultPostponeHoursDocument, SetMemberTimeZoneDocument, UpdateLeadDocument, UpdateMemberDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createDeal } from '../support/deal-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The end of the local day containing `now` in a fixed-offset zone UTC+`hours`, as epoch milliseconds. */
const endOfDay = (now: number, hours: number): number => Math.floor((now + hours * HOUR) / DAY) * DAY + DAY - hours * HOUR;
/** Etc/GMT zones have inverted signs: Etc/GMT-7 is UTC+7. */
const etcZone = (hours: number): string => (hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`);

describe('activity counters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.stop());

  const countersOf = async (token: string, variables: { memberId?: string; timeZone?: string } = {}) =>
    expectData(await t.gql(ActivityCountersDocument, variables, { token })).activityCounters;

  it('DUE_TODAY is exact in two time zones: the member\'s own zone, else the workspace\'s', async () => {
    const ws = await createWorkspace(t, 'Two zones');
    const account = (await createAccount(t, ws.member.token, { name: 'Zoned SL' })).id;
    const now = Date.now();
    // Two zones 12 h apart whose days both end at least 10 minutes from now (so the server's "now" is on the same day).
    const [west, east] = [
      [-5, 7],
      [-2, 10],
    ].find(([a, b]) => Math.min(endOfDay(now, a), endOfDay(now, b)) - now > 10 * 60_000) as [number, number];
    const [earlier, later] = endOfDay(now, west) < endOfDay(now, east) ? [west, east] : [east, west];
    // Due just after the earlier zone's midnight: tomorrow there, still today in the other zone.
    const between = new Date(endOfDay(now, earlier) + 60_000).toISOString();
    await createFollowUp(t, ws.member.token, account, { dueAt: new Date(now - HOUR).toISOString() });
    await createFollowUp(t, ws.member.token, account, { dueAt: between });
    await createFollowUp(t, ws.member.token, account, { dueAt: new Date(now + 3 * DAY).toISOString() });
    expectData(await t.gql(SetDefaultPostponeHoursDocument, { input: { timeZone: etcZone(earlier) } }, { token: ws.admin.token }));
    expect(await countersOf(ws.member.token)).toMatchObject({ timeZone: etcZone(earlier), overdue: 1, dueToday: 0, upcoming: 2 });
    expectData(await t.gql(SetMemberTimeZoneDocument, { input: { timeZone: etcZone(later) } }, { token: ws.member.token }));
    expect(await countersOf(ws.member.token)).toMatchObject({ timeZone: etcZone(later), overdue: 1, dueToday: 1, upcoming: 1 });
    // An ADMIN asking for the member gets the member's "today", not their own; an explicit zone wins.
    expect(await countersOf(ws.admin.token, { memberId: ws.member.memberId })).toMatchObject({ timeZone: etcZone(later), dueToday: 1 });
    expect(await countersOf(ws.admin.token, { memberId: ws.member.memberId, timeZone: etcZone(earlier) })).toMatchObject({ dueToday: 0, upcoming: 2 });
  });

  it('NEW_LEADS counts the NEW leads assigned to the member, as the caller sees them', async () => {
    const ws = await createWorkspace(t, 'New leads');
    await createLead(t, ws.member.token);
    await createLead(t, ws.member.token);
    const worked = await createLead(t, ws.member.token);
    expectData(await t.gql(UpdateLeadDocument, { input: { id: worked.id, status: 'IN_PROGRESS' } }, { token: ws.member.token }));
    await createLead(t, ws.admin.token);
    await createLead(t, ws.ownMember.token);
    expect(await countersOf(ws.member.token)).toMatchObject({ newLeads: 2 });
    expect(await countersOf(ws.admin.token)).toMatchObject({ newLeads: 1 });
    expect(await countersOf(ws.admin.token, { memberId: ws.ownMember.memberId })).toMatchObject({ newLeads: 1 });
  });

  it('IDLE counts the member\'s active accounts and open deals with no OPEN follow-up on them', async () => {
    const ws = await createWorkspace(t, 'Idle');
    const busy = (await createAccount(t, ws.member.token, { name: 'Busy' })).id;
    const done = (await createAccount(t, ws.member.token, { name: 'Done' })).id;
    const quiet = (await createAccount(t, ws.member.token, { name: 'Quiet' })).id;
    const archived = (await createAccount(t, ws.member.token, { name: 'Archived' })).id;
    await t.app.db.query('UPDATE accounts SET archived_at = now() WHERE id = $1', [archived]);
    await createAccount(t, ws.admin.token, { name: 'Not theirs' });
    await createFollowUp(t, ws.member.token, busy);
    const closed = await createFollowUp(t, ws.member.token, done);
    expectData(await t.gql(CloseFollowUpDocument, { input: { id: closed.id, outcome: 'SUCCESS' } }, { token: ws.member.token }));
    // Deals on the busy account: its follow-up is on the account, not on them.
    const idleDeal = await createDeal(t, ws.member.token, busy);
    const followedDeal = await createDeal(t, ws.member.token, busy);
    await createFollowUp(t, ws.member.token, followedDeal.id, { targetType: 'DEAL' });
    const wonDeal = await createDeal(t, ws.member.token, quiet);
    await t.app.db.query("UPDATE deals SET status = 'WON' WHERE id = $1", [wonDeal.id]);
    await createDeal(t, ws.member.token, quiet, { ownerId: ws.admin.memberId });
    expect(await countersOf(ws.member.token)).toMatchObject({ idleAccounts: 2, idleDeals: 1, idle: 3 });
    expect(idleDeal.id).toBeTruthy();
    // The OWN member sees none of those accounts: counting the member as an ADMIN sees all; an outsider's view is empty.
    expect(await countersOf(ws.admin.token, { memberId: ws.member.memberId })).toMatchObject({ idle: 3 });
  });

  it('a MEMBER counts only themselves; a MANAGER the members of their teams; an ADMIN anyone of the workspace', async () => {
    const ws: TestWorkspace = await createWorkspace(t, 'Who asks');
    const other = await createWorkspace(t, 'Elsewhere');
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: ws.member.memberId }, { token: ws.ownMember.token }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: ws.member.memberId }, { token: ws.manager.token }))).toBe('FORBIDDEN');
    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: ws.member.memberId, teamIds: [ws.teamId] } }, { token: ws.admin.token }));
    expect(await countersOf(ws.manager.token, { memberId: ws.member.memberId })).toMatchObject({ memberId: ws.member.memberId });
    expect(await countersOf(ws.admin.token, { memberId: ws.ownMember.memberId })).toMatchObject({ memberId: ws.ownMember.memberId });
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: other.member.memberId }, { token: ws.admin.token }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: other.member.memberId }, { token: ws.manager.token }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: 'not-a-member' }, { token: ws.admin.token }))).toBe('BAD_USER_INPUT');
  });
});
