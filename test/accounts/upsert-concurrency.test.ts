import { Client } from 'pg';
import { UpsertAccountsDocument, UpsertContactsDocument, type UpsertContactRow } from '../generated/graphql';
import { upsertContacts } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Waits until some statement of this database is blocked on a row lock (or `done()` says the work finished). */
async function untilBlockedOnLock(client: Client, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].waiting > 0 || done() || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bulk upserts under concurrency', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '5000000', MAX_QUERY_COMPLEXITY: '100000', DB_POOL_SIZE: '12' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('10 concurrent upsertAccounts of the same new externalId create exactly one account; the others update or leave it', async () => {
    const calls = Array.from({ length: 10 }, (_, i) =>
      t.gql(UpsertAccountsDocument, { input: { rows: [{ externalId: 'RACE-1', name: i % 2 ? 'Race Odd' : 'Race Even', type: 'LEAD' }] } }, { token: ws.owner.token }),
    );
    const responses = await Promise.all(calls);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const statuses = responses.map((response) => expectData(response).upsertAccounts[0].status);
    expect(statuses.filter((status) => status === 'CREATED')).toHaveLength(1);
    expect(statuses.every((status) => ['CREATED', 'UPDATED', 'UNCHANGED'].includes(status))).toBe(true);
    const rows: { n: number }[] = await t.app.db.query(
      `SELECT count(*)::int AS n FROM accounts WHERE workspace_id = $1 AND external_id = 'RACE-1'`,
      [ws.workspaceId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('10 concurrent upsertContacts of the same new externalId create exactly one contact; the others update or leave it', async () => {
    const calls = Array.from({ length: 10 }, (_, i) =>
      t.gql(UpsertContactsDocument, { input: { rows: [{ externalId: 'RACE-C', firstName: i % 2 ? 'Odd' : 'Even' }] } }, { token: ws.owner.token }),
    );
    const statuses = (await Promise.all(calls)).map((response) => expectData(response).upsertContacts[0].status);
    expect(statuses.filter((status) => status === 'CREATED')).toHaveLength(1);
    expect(statuses.every((status) => ['CREATED', 'UPDATED', 'UNCHANGED'].includes(status))).toBe(true);
  });

  it('an upsert changing only the notes and an edit of the website committed while it waits: both changes survive', async () => {
    const upsert = (notes: string) =>
      t.gql(UpsertAccountsDocument, { input: { rows: [{ externalId: 'KEEP-1', name: 'Keep', type: 'CUSTOMER', notes }] } }, { token: ws.owner.token });
    const [created] = expectData(await upsert('first')).upsertAccounts;
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // The racing edit holds the account (as updateAccount does), the upsert starts and must wait for it.
      await client.query('BEGIN');
      await client.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [created.id]);
      let settled = false;
      const running = upsert('second').finally(() => (settled = true));
      await untilBlockedOnLock(client, () => settled);
      await client.query(`UPDATE accounts SET website = 'https://keep.example', version = version + 1 WHERE id = $1`, [created.id]);
      await client.query('COMMIT');
      expect(expectData(await running).upsertAccounts[0].status).toBe('UPDATED');
    } finally {
      await client.end();
    }
    const rows: { notes: string; website: string }[] = await t.app.db.query('SELECT notes, website FROM accounts WHERE id = $1', [created.id]);
    expect(rows[0]).toEqual({ notes: 'second', website: 'https://keep.example' });
  });

  it('upsertContacts is set-based: 10 and 1,000 rows cost the same number of SQL statements, creating and updating', async () => {
    const rows = (prefix: string, n: number, position: string): UpsertContactRow[] =>
      Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, firstName: `P${i}`, position }));
    const run = (prefix: string, n: number, position: string) => t.countStatements(() => upsertContacts(t, ws.owner.token, rows(prefix, n, position)));
    expect(await run('BULK-S', 10, 'A')).toBe(await run('BULK-L', 1000, 'A'));
    expect(await run('BULK-S', 10, 'B')).toBe(await run('BULK-L', 1000, 'B'));
  });
});
