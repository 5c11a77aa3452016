import { ActivityCountersDocument, UpdateMemberDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createDeal } from '../support/deal-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

const ROWS = 1_000_000;

/**
 * The counters are index-backed: with 1M follow-ups in the workspace, the statements activityCounters really sends
 * (captured from the SQL logger, run again under EXPLAIN with their parameters) never scan follow_ups sequentially,
 * for a member of each access scope (ALL, OWN, and a TEAM manager asking for a teammate).
 */
describe('activity counters at 1M follow-ups', () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Million');
    for (const actor of [ws.member, ws.ownMember]) {
      const account = (await createAccount(t, actor.token, { name: `Counted ${actor.memberId}` })).id;
      await createAccount(t, actor.token, { name: `Idle ${actor.memberId}` });
      await createDeal(t, actor.token, account);
      await createLead(t, actor.token);
      await createFollowUp(t, actor.token, account);
    }
    const typeId = ((await t.app.db.query("SELECT id FROM follow_up_types WHERE workspace_id = $1 AND kind = 'CALL'", [ws.workspaceId])) as { id: string }[])[0].id;
    // Loading is faster with the secondary indexes built once afterwards (the very same definitions) than kept up
    // row by row: 1M random-uuid index inserts take most of a minute on a busy 2-core machine.
    const indexes = (await t.app.db.query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'follow_ups' AND indexname NOT LIKE 'PK_%'",
    )) as { indexname: string; indexdef: string }[];
    expect(indexes.map((index) => index.indexname)).toContain('follow_ups_workspace_assignee_due_idx');
    for (const index of indexes) await t.app.db.query(`DROP INDEX "${index.indexname}"`);
    // 1,000 assignees (the member and the OWN member among them), 30 % OPEN, due over two years around now.
    await t.app.db.query(
      `INSERT INTO follow_ups (version, workspace_id, subject, type_id, record_type, record_id, account_id, assignee_membership_id, due_at,
                               duration_minutes, status, chain_root_id)
       SELECT 1, $1, 'Bulk', $2, 'ACCOUNT', r.id, r.id,
              CASE g % 1000 WHEN 0 THEN $3::uuid WHEN 1 THEN $4::uuid ELSE md5('assignee' || (g % 1000))::uuid END,
              now() + ((g % 730) - 365) * interval '1 day' + (g % 1440) * interval '1 minute', 15,
              CASE WHEN g % 10 < 3 THEN 'OPEN' ELSE 'DONE' END, r.id
         FROM generate_series(1, ${ROWS}) g CROSS JOIN LATERAL (SELECT md5('record' || (g % 200000))::uuid AS id) r`,
      [ws.workspaceId, typeId, ws.member.memberId, ws.ownMember.memberId],
    );
    for (const index of indexes) await t.app.db.query(index.indexdef);
    await t.app.db.query('ANALYZE follow_ups');
    await t.app.db.query('ANALYZE accounts');
    await t.app.db.query('ANALYZE account_owners');
    await t.app.db.query('ANALYZE deals');
    await t.app.db.query('ANALYZE leads');
    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: ws.member.memberId, teamIds: [ws.teamId] } }, { token: ws.admin.token }));
  }, 120_000);
  afterAll(() => t.stop());

  /** The statements one activityCounters request sends, with their parameters. */
  const statementsOf = async (token: string, memberId?: string) => {
    const captured: { query: string; parameters: unknown[] }[] = [];
    const logger = t.app.sql;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query: string, parameters?: unknown[]) => {
      captured.push({ query, parameters: parameters ?? [] });
      original(query, parameters);
    };
    try {
      expectData(await t.gql(ActivityCountersDocument, { memberId }, { token }));
    } finally {
      logger.logQuery = original;
    }
    return captured.filter((statement) => /follow_ups/.test(statement.query));
  };

  it.each([
    ['a member with ALL scope, for themselves', () => ws.member.token, () => undefined],
    ['a member with OWN scope, for themselves', () => ws.ownMember.token, () => undefined],
    ['a TEAM manager, for a teammate', () => ws.manager.token, () => ws.member.memberId],
  ])('%s: no sequential scan of follow_ups', async (_who, token, memberId) => {
    const statements = await statementsOf(token(), memberId());
    // The OVERDUE / DUE_TODAY / UPCOMING count and the two IDLE counts (accounts, deals) read follow_ups.
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const { query, parameters } of statements) {
      const plan = ((await t.app.db.query(`EXPLAIN ${query}`, parameters)) as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Seq Scan on follow_ups/);
    }
  });

  it('the counts are those of the member\'s own rows among the million', async () => {
    const { activityCounters } = expectData(await t.gql(ActivityCountersDocument, {}, { token: ws.member.token }));
    const [expected] = (await t.app.db.query(
      `SELECT count(*) FILTER (WHERE due_at < $3) AS overdue, count(*) AS open FROM follow_ups
        WHERE workspace_id = $1 AND assignee_membership_id = $2 AND status = 'OPEN'`,
      [ws.workspaceId, ws.member.memberId, activityCounters.asOf],
    )) as { overdue: string; open: string }[];
    expect(activityCounters.overdue).toBe(Number(expected.overdue));
    expect(activityCounters.overdue + activityCounters.dueToday + activityCounters.upcoming).toBe(Number(expected.open));
    expect(activityCounters).toMatchObject({ newLeads: 1, idleAccounts: 1, idleDeals: 1, idle: 2 });
  });
});
