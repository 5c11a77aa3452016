import { AccountDocument, UpsertAccountsDocument, type UpsertAccountRow } from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('upsertAccounts: bulk create and update by externalId', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '5000000', MAX_QUERY_COMPLEXITY: '100000' });
    ws = await createWorkspace(t);
    key = await createApiKey(t, ws.owner.token, ['accounts:write']);
  });
  afterAll(() => t.stop());

  const upsert = async (rows: UpsertAccountRow[], token = key) =>
    expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token })).upsertAccounts;

  it('reports created, updated, unchanged and error per row, writing the valid rows', async () => {
    await upsert([
      { externalId: 'E-1', name: 'Uno', type: 'LEAD' },
      { externalId: 'E-2', name: 'Dos', type: 'LEAD', phones: ['+34 600 000 002'] },
    ]);
    const results = await upsert([
      { externalId: 'E-1', name: 'Uno', type: 'LEAD' },
      { externalId: 'E-2', name: 'Dos S.A.', type: 'CUSTOMER', phones: ['+34 600 000 002'] },
      { externalId: 'E-3', name: 'Tres', type: 'PROSPECT', emails: ['tres@example.test'] },
      { externalId: 'E-4', name: 'Cuatro', type: 'LEAD', emails: ['not an email'] },
      { externalId: 'E-3', name: 'Tres again', type: 'LEAD' },
      { externalId: 'E-5', name: '', type: 'LEAD' },
    ]);
    expect(results.map((r) => [r.index, r.externalId, r.status])).toEqual([
      [0, 'E-1', 'UNCHANGED'],
      [1, 'E-2', 'UPDATED'],
      [2, 'E-3', 'CREATED'],
      [3, 'E-4', 'ERROR'],
      [4, 'E-3', 'ERROR'],
      [5, 'E-5', 'ERROR'],
    ]);
    expect(results[3]).toMatchObject({ fields: ['input.rows.3.emails.0'], id: null });
    expect(results[4].message).toContain('appears twice');
    const updated = expectData(await t.gql(AccountDocument, { id: results[1].id as string }, { token: key })).account;
    expect(updated).toMatchObject({ name: 'Dos S.A.', type: 'CUSTOMER', version: 2, phones: ['+34600000002'] });
    const rows = await t.app.db.query("SELECT count(*)::int AS n FROM accounts WHERE external_id IN ('E-4', 'E-5')");
    expect(rows[0].n).toBe(0);
  });

  it('records a timeline entry per written row with the changed fields', async () => {
    const [first] = await upsert([{ externalId: 'T-1', name: 'Before', type: 'LEAD' }]);
    await upsert([{ externalId: 'T-1', name: 'After', type: 'LEAD' }]);
    const entries = await t.app.db.query('SELECT kind, changes FROM timeline_entries WHERE record_id = $1 ORDER BY occurred_at, kind', [first.id]);
    expect(entries).toEqual([
      { kind: 'ACCOUNT_CREATED', changes: null },
      { kind: 'ACCOUNT_UPDATED', changes: [{ field: 'name', before: 'Before', after: 'After' }] },
    ]);
  });

  it('accounts created by a member are owned by that member', async () => {
    const [row] = await upsert([{ externalId: 'M-1', name: 'Mine', type: 'LEAD' }], ws.member.token);
    const { account } = expectData(await t.gql(AccountDocument, { id: row.id as string }, { token: ws.member.token }));
    expect(account.primaryOwner?.id).toBe(ws.member.memberId);
  });

  it('is set-based: 1,000 rows run the same number of SQL statements as 10', async () => {
    const rows = (prefix: string, n: number): UpsertAccountRow[] =>
      Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, name: `Bulk ${prefix} ${i}`, type: 'PROSPECT', phones: ['+525512345678'] }));
    const small = await t.countStatements(() => upsert(rows('S', 10)));
    const big = await t.countStatements(async () => {
      const results = await upsert(rows('B', 1000));
      expect(results.every((r) => r.status === 'CREATED')).toBe(true);
    });
    expect(big).toBe(small);
    const again = await t.countStatements(async () => {
      const results = await upsert(rows('B', 1000).map((r, i) => (i % 2 ? { ...r, name: `${r.name}!` } : r)));
      expect(results.filter((r) => r.status === 'UPDATED')).toHaveLength(500);
    });
    expect(again).toBeLessThanOrEqual(small + 2);
  });

  it('refuses more than 1,000 rows with BAD_USER_INPUT and writes nothing', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ externalId: `X-${i}`, name: `X ${i}`, type: 'LEAD' as const }));
    const result = await t.gql(UpsertAccountsDocument, { input: { rows } }, { token: key });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.rows' }] });
    const count = await t.app.db.query("SELECT count(*)::int AS n FROM accounts WHERE external_id LIKE 'X-%'");
    expect(count[0].n).toBe(0);
  });
});
