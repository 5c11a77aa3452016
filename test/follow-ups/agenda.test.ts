import { ActivityCountersDocument, AgendaDocument, SetDefaultPostponeHoursDocument, UpdateMemberDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);
const HOUR = 3_600_000;

describe('agenda and activity counters', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Agenda');
    accountId = (await createAccount(t, ws.member.token, { name: 'Agenda SL' })).id;
  }, 60_000);
  afterAll(() => t.stop());

  it('groups the open follow-ups of the window by day in the asked time zone (the same instants fall on other days elsewhere)', async () => {
    const assigneeId = ws.manager.memberId;
    // 23:30 and 00:30 UTC: one day apart in UTC, the same evening in Bogotá (UTC-5), the same morning in Tokyo (UTC+9).
    const late = await createFollowUp(t, ws.member.token, accountId, { subject: 'Late', dueAt: '2031-03-10T23:30:00Z', assigneeId });
    const early = await createFollowUp(t, ws.member.token, accountId, { subject: 'Early', dueAt: '2031-03-11T00:30:00Z', assigneeId });
    await createFollowUp(t, ws.member.token, accountId, { subject: 'Someone else', dueAt: '2031-03-10T23:40:00Z' });
    const agenda = async (timeZone: string) =>
      expectData(
        await t.gql(AgendaDocument, { from: '2031-03-09T00:00:00Z', to: '2031-03-13T00:00:00Z', assigneeIds: [assigneeId], timeZone }, { token: ws.owner.token }),
      ).agenda.map((day) => [day.date, day.followUps.map((f) => f.id)]);
    expect(await agenda('UTC')).toEqual([
      ['2031-03-10', [late.id]],
      ['2031-03-11', [early.id]],
    ]);
    expect(await agenda('America/Bogota')).toEqual([['2031-03-10', [late.id, early.id]]]);
    expect(await agenda('Asia/Tokyo')).toEqual([['2031-03-11', [late.id, early.id]]]);
  });

  it('defaults to the caller\'s own follow-ups and the workspace\'s time zone; bad windows are BAD_USER_INPUT', async () => {
    expectData(await t.gql(SetDefaultPostponeHoursDocument, { input: { timeZone: 'America/Bogota' } }, { token: ws.admin.token }));
    const mine = await createFollowUp(t, ws.ownMember.token, (await createAccount(t, ws.ownMember.token, { name: 'Own SL' })).id, { dueAt: '2031-05-02T02:00:00Z' });
    const { agenda } = expectData(await t.gql(AgendaDocument, { from: '2031-05-01T00:00:00Z', to: '2031-05-03T00:00:00Z' }, { token: ws.ownMember.token }));
    expect(agenda).toEqual([{ date: '2031-05-01', followUps: [expect.objectContaining({ id: mine.id })] }]);
    const backwards = await t.gql(AgendaDocument, { from: '2031-05-03T00:00:00Z', to: '2031-05-01T00:00:00Z' }, { token: ws.member.token });
    expect(fieldsOf(backwards)).toEqual(['args.to']);
    const tooLong = await t.gql(AgendaDocument, { from: '2031-01-01T00:00:00Z', to: '2031-12-01T00:00:00Z' }, { token: ws.member.token });
    expect(fieldsOf(tooLong)).toEqual(['args.to']);
    const zone = await t.gql(AgendaDocument, { from: '2031-05-01T00:00:00Z', to: '2031-05-03T00:00:00Z', timeZone: 'Mars/Olympus' }, { token: ws.member.token });
    expect(fieldsOf(zone)).toEqual(['args.timeZone']);
  });

  it('counts a member\'s open follow-ups as overdue, due today and upcoming, "today" in the asked zone', async () => {
    const fresh = await createWorkspace(t, 'Counters');
    const account = (await createAccount(t, fresh.member.token, { name: 'Counted' })).id;
    const now = Date.now();
    await createFollowUp(t, fresh.member.token, account, { dueAt: new Date(now - 2 * HOUR).toISOString() });
    await createFollowUp(t, fresh.member.token, account, { dueAt: new Date(now + 60_000).toISOString() });
    await createFollowUp(t, fresh.member.token, account, { dueAt: new Date(now + 40 * 86_400_000).toISOString() });
    const cancelledLater = await createFollowUp(t, fresh.member.token, account, { dueAt: new Date(now - HOUR).toISOString() });
    await t.app.db.query("UPDATE follow_ups SET status = 'CANCELLED' WHERE id = $1", [cancelledLater.id]);
    // One minute from now is today in a zone whose day has at least a minute left; pick one of two zones 12 h apart.
    const zoneWithTimeLeft = new Date(now).getUTCHours() < 12 ? 'UTC' : 'Pacific/Kiritimati';
    const { activityCounters } = expectData(await t.gql(ActivityCountersDocument, { timeZone: zoneWithTimeLeft }, { token: fresh.member.token }));
    expect(activityCounters).toMatchObject({ memberId: fresh.member.memberId, overdue: 1, dueToday: 1, upcoming: 1, timeZone: zoneWithTimeLeft });
    // A MANAGER may ask only for a member of their team (whose accounts their TEAM scope then reaches).
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: fresh.member.memberId }, { token: fresh.manager.token }))).toBe('FORBIDDEN');
    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: fresh.member.memberId, teamIds: [fresh.teamId] } }, { token: fresh.admin.token }));
    const asManager = expectData(await t.gql(ActivityCountersDocument, { memberId: fresh.member.memberId, timeZone: zoneWithTimeLeft }, { token: fresh.manager.token }))
      .activityCounters;
    expect(asManager).toMatchObject({ overdue: 1, dueToday: 1, upcoming: 1 });
    const asAdmin = expectData(await t.gql(ActivityCountersDocument, { memberId: fresh.member.memberId, timeZone: zoneWithTimeLeft }, { token: fresh.admin.token }))
      .activityCounters;
    expect(asAdmin).toMatchObject({ overdue: 1, dueToday: 1, upcoming: 1 });
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: fresh.member.memberId }, { token: fresh.ownMember.token }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ActivityCountersDocument, { memberId: ws.member.memberId }, { token: fresh.admin.token }))).toBe('NOT_FOUND');
  });

  it('the counters use the (workspace, assignee, status, due_at) index', async () => {
    const fresh = await createWorkspace(t, 'Index');
    const account = (await createAccount(t, fresh.member.token, { name: 'Indexed' })).id;
    const typeId = ((await t.app.db.query("SELECT id FROM follow_up_types WHERE workspace_id = $1 AND kind = 'CALL'", [fresh.workspaceId])) as { id: string }[])[0].id;
    await t.app.db.query(
      `INSERT INTO follow_ups (version, workspace_id, subject, type_id, record_type, record_id, account_id, assignee_membership_id, due_at, duration_minutes, status, chain_root_id)
       SELECT 1, $1, 'Bulk', $2, 'ACCOUNT', $3, $3, $4, now() + g * interval '1 minute', 15, CASE WHEN g % 3 = 0 THEN 'DONE' ELSE 'OPEN' END, gen_random_uuid()
         FROM generate_series(1, 30000) g`,
      [fresh.workspaceId, typeId, account, fresh.owner.memberId],
    );
    await t.app.db.query('ANALYZE follow_ups');
    const plan = (await t.app.db.query(
      `EXPLAIN SELECT count(*) FILTER (WHERE fu.due_at < now()) FROM follow_ups fu
        WHERE fu.workspace_id = $1 AND fu.assignee_membership_id = $2 AND fu.status = 'OPEN'`,
      [fresh.workspaceId, fresh.member.memberId],
    )) as { 'QUERY PLAN': string }[];
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('follow_ups_workspace_assignee_due_idx');
    expect(text).not.toMatch(/Seq Scan on follow_ups/);
  });
});
