import {
  ActivityCountersChangedDocument,
  AgendaChangedDocument,
  AssignLeadDocument,
  CloseFollowUpDocument,
  ContinueFollowUpDocument,
  PostponeFollowUpDocument,
  UpdateFollowUpDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { createLead } from '../support/lead-factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import { tapActivity } from '../support/activity-tap';
import type { EventBus } from '../../src/platform/events/event-bus';
import { timePassingTask } from '../../src/follow-ups/time-passing.task';
import type { JobContext } from '../../src/platform/jobs/task';
import { createLogger } from '../../src/platform/logging/logger';

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Runs the clock tick as the job runner would, for the minute ending `at`. */
async function tick(t: TestApp, at: Date): Promise<void> {
  const context = { services: t.app.services, logger: createLogger('silent'), job: { id: 'test', attempt: 1, maxAttempts: 1, scheduledFor: at }, signal: new AbortController().signal };
  await timePassingTask.run({ windowSeconds: 60 }, context as unknown as JobContext);
}

/** Live counters and agendas across two server instances on one database (issue 10, "Real-time"). */
describe('live activity counters and agenda', () => {
  let a: TestApp;
  let b: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ DATABASE_URL: a.databaseUrl });
    ws = await createWorkspace(a);
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('pushes the current counters on subscribe, then a change made on instance A reaches a subscriber on instance B', async () => {
    const account = await createAccount(a, ws.member.token);
    const live = subscribe(b.ws(ws.member.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    const first = (await live.next()).data?.activityCountersChanged;
    expect(first).toMatchObject({ memberId: ws.member.memberId, overdue: 0, upcoming: 0 });

    await createFollowUp(a, ws.member.token, account.id, { dueAt: inHours(48) });
    expect((await live.next()).data?.activityCountersChanged).toMatchObject({ overdue: 0, upcoming: 1 });
    live.close();
  });

  it('a reassignment moves the count from the old assignee to the new one', async () => {
    const account = await createAccount(a, ws.member.token);
    const followUp = await createFollowUp(a, ws.member.token, account.id, { dueAt: inHours(48) });
    const mine = subscribe(b.ws(ws.member.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    const managers = subscribe(b.ws(ws.manager.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    const before = (await mine.next()).data?.activityCountersChanged.upcoming ?? 0;
    expect((await managers.next()).data?.activityCountersChanged.upcoming).toBe(0);

    expectData(await a.gql(UpdateFollowUpDocument, { input: { id: followUp.id, assigneeId: ws.manager.memberId } }, { token: ws.member.token }));
    expect((await mine.next()).data?.activityCountersChanged.upcoming).toBe(before - 1);
    expect((await managers.next()).data?.activityCountersChanged.upcoming).toBe(1);
    mine.close();
    managers.close();
  });

  it('a rolled-back mutation delivers nothing: a continue whose next follow-up is invalid announces no close', async () => {
    const account = await createAccount(a, ws.admin.token);
    const followUp = await createFollowUp(a, ws.admin.token, account.id, { dueAt: inHours(48) });
    const live = subscribe(b.ws(ws.admin.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    expect((await live.next()).data?.activityCountersChanged.upcoming).toBe(1);
    const tap = tapActivity(b.app.services.events as EventBus, ws.workspaceId);

    const failed = await a.gql(
      ContinueFollowUpDocument,
      { input: { id: followUp.id, outcome: 'SUCCESS', next: { subject: 'Next', typeId: '00000000-0000-4000-8000-000000000000', dueAt: inHours(72) } } },
      { token: ws.admin.token },
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const second = await createFollowUp(a, ws.admin.token, account.id, { dueAt: inHours(50) });
    // The next push is the second follow-up's: the close that was rolled back never counted.
    expect((await live.next()).data?.activityCountersChanged.upcoming).toBe(2);
    expect(tap.received.flatMap((event) => event.followUpIds)).toEqual([second.id]);
    await tap.stop();
    live.close();
  });

  it('a subscriber outside scope receives nothing: another workspace, and a follow-up an OWN member may not see', async () => {
    const other = await createWorkspace(a, 'Other');
    const outsider = subscribe(b.ws(other.owner.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    await outsider.next();
    // ownMember watches an agenda of the member and of themselves; they may see only follow-ups assigned to them.
    const window = { from: new Date().toISOString(), to: inHours(24 * 7), assigneeIds: [ws.member.memberId, ws.ownMember.memberId] };
    const agenda = subscribe(b.ws(ws.ownMember.token), AgendaChangedDocument, window);
    expect((await agenda.next()).data?.agendaChanged.entered).toEqual([]);

    const account = await createAccount(a, ws.member.token);
    await createFollowUp(a, ws.member.token, account.id, { dueAt: inHours(30) }); // not visible to ownMember
    const visible = await createFollowUp(a, ws.member.token, account.id, { dueAt: inHours(31), assigneeId: ws.ownMember.memberId });
    const pushed = (await agenda.next()).data?.agendaChanged;
    expect(pushed?.entered).toEqual([visible.id]);
    expect(pushed?.days.flatMap((day) => day.followUps.map((f) => f.id))).toEqual([visible.id]);
    expect(await outsider.staysQuiet(300)).toBe(true);
    agenda.close();
    outsider.close();
  });

  it('agenda: a follow-up enters the window, changes in it (postponed) and leaves it (closed)', async () => {
    const account = await createAccount(a, ws.manager.token);
    const window = { from: new Date().toISOString(), to: inHours(24 * 10), timeZone: 'America/Mexico_City' };
    const live = subscribe(b.ws(ws.manager.token), AgendaChangedDocument, window);
    const initial = (await live.next()).data?.agendaChanged;
    const already = initial?.entered ?? [];

    const followUp = await createFollowUp(a, ws.manager.token, account.id, { dueAt: inHours(26) });
    expect((await live.next()).data?.agendaChanged).toMatchObject({ entered: [followUp.id], changed: [], left: [] });
    expectData(await a.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 3, reason: 'busy' } }, { token: ws.manager.token }));
    expect((await live.next()).data?.agendaChanged).toMatchObject({ entered: [], changed: [followUp.id], left: [] });
    expectData(await a.gql(CloseFollowUpDocument, { input: { id: followUp.id, outcome: 'SUCCESS' } }, { token: ws.manager.token }));
    const left = (await live.next()).data?.agendaChanged;
    expect(left).toMatchObject({ entered: [], changed: [], left: [followUp.id] });
    expect(left?.days.flatMap((day) => day.followUps.map((f) => f.id)).sort()).toEqual([...already].sort());
    live.close();
  });

  it('after the listening connection is terminated, subscribers get fresh counters (a change the bus missed shows)', async () => {
    const account = await createAccount(a, ws.owner.token);
    const followUp = await createFollowUp(a, ws.owner.token, account.id, { dueAt: inHours(48) });
    const live = subscribe(b.ws(ws.owner.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    expect((await live.next()).data?.activityCountersChanged).toMatchObject({ overdue: 0, upcoming: 1 });
    // A change nobody announces (as one committed while the connection was down), then the connection is cut.
    await a.app.db.query("UPDATE follow_ups SET due_at = now() - interval '1 hour' WHERE id = $1", [followUp.id]);
    await a.app.db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vinculo-events' AND datname = current_database()");
    expect((await live.next(10_000)).data?.activityCountersChanged).toMatchObject({ overdue: 1, upcoming: 0 });
    live.close();
  });

  it('a follow-up that falls due becomes overdue on the clock tick, without any mutation', async () => {
    const { admin } = await createWorkspace(a, 'Clock');
    const account = await createAccount(a, admin.token);
    const dueAt = new Date(Date.now() + 1500);
    await createFollowUp(a, admin.token, account.id, { dueAt: dueAt.toISOString() });
    const live = subscribe(b.ws(admin.token), ActivityCountersChangedDocument, { timeZone: 'UTC' });
    const first = (await live.next()).data?.activityCountersChanged;
    expect(first?.overdue).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now() + 100)));

    await tick(a, new Date());
    expect((await live.next()).data?.activityCountersChanged).toMatchObject({ overdue: 1 });
    live.close();
  });

  it('the clock tick finds the members whose day rolled over in the minute (midnight in their own zone, else the workspace\'s)', async () => {
    const { owner, member, workspaceId } = await createWorkspace(a, 'Midnight');
    await a.app.db.query("UPDATE workspaces SET time_zone = 'America/Bogota' WHERE id = $1", [workspaceId]);
    await a.app.db.query("UPDATE memberships SET time_zone = 'Europe/Madrid' WHERE id = $1", [member.memberId]);
    const members = a.app.services.members;
    // Midnight in Bogotá (UTC-5) is 05:00 UTC; in Madrid (UTC+1 in March) 23:00 UTC the day before.
    const across = await members.dayRolledOverBetween(new Date('2026-03-10T04:59:30Z'), new Date('2026-03-10T05:00:30Z'));
    const before = await members.dayRolledOverBetween(new Date('2026-03-10T04:58:00Z'), new Date('2026-03-10T04:59:00Z'));
    const madrid = await members.dayRolledOverBetween(new Date('2026-03-09T22:59:30Z'), new Date('2026-03-09T23:00:30Z'));
    expect(across.get(workspaceId)).toEqual(expect.arrayContaining([owner.memberId]));
    expect(across.get(workspaceId)).not.toContain(member.memberId);
    expect(before.has(workspaceId)).toBe(false);
    expect(madrid.get(workspaceId)).toEqual([member.memberId]);
  });

  it('1,000 subscribers of one member cost one counter query: the same statements as one subscriber', async () => {
    const { admin } = await createWorkspace(a, 'Fan-out');
    const account = await createAccount(a, admin.token);
    const clients = Array.from({ length: 10 }, () => a.ws(admin.token));
    const bus = a.app.services.events as EventBus;

    const statementsWith = async (count: number): Promise<number> => {
      const subscriptions = Array.from({ length: count }, (_, i) => subscribe(clients[i % clients.length], ActivityCountersChangedDocument, { timeZone: 'UTC' }));
      const initial = await Promise.all(subscriptions.map((live) => live.next(30_000)));
      const upcoming = initial[0].data?.activityCountersChanged.upcoming ?? 0;
      let pushed: unknown[] = [];
      // The mutation on B: A's statements are then only its delivery work.
      const statements = await a.countStatements(async () => {
        await createFollowUp(b, admin.token, account.id, { dueAt: inHours(48) });
        pushed = await Promise.all(subscriptions.map((live) => live.next(30_000)));
        await bus.settled();
      });
      expect(pushed.map((message) => (message as { data: { activityCountersChanged: { upcoming: number } } }).data.activityCountersChanged.upcoming)).toEqual(
        subscriptions.map(() => upcoming + 1),
      );
      subscriptions.forEach((live) => live.close());
      return statements;
    };
    const one = await statementsWith(1);
    const thousand = await statementsWith(1000);
    expect(one).toBeGreaterThan(0);
    expect(thousand).toBe(one);
  });

  it('a lead given to a member announces their counters (NEW_LEADS), and the previous assignee\'s on a reassignment', async () => {
    const tap = tapActivity(b.app.services.events as EventBus, ws.workspaceId);
    const lead = await createLead(a, ws.owner.token, { assigneeId: ws.member.memberId });
    expectData(await a.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: ws.manager.memberId } }, { token: ws.owner.token }));
    for (let i = 0; i < 100 && tap.received.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const forLead = tap.received.filter((event) => event.leadIds.includes(lead.id));
    expect(forLead.map((event) => [...event.memberIds].sort())).toEqual([[ws.member.memberId], [ws.manager.memberId, ws.member.memberId].sort()]);
    await tap.stop();
  });

  it('refuses at subscribe what the query refuses: a MEMBER asking for another member\'s counters', async () => {
    const live = subscribe(b.ws(ws.member.token), ActivityCountersChangedDocument, { memberId: ws.admin.memberId });
    const message = await live.next();
    expect(message.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    live.close();
  });
});
