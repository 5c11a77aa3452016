import { randomUUID } from 'node:crypto';
import { AccountOwner } from '../../src/accounts/account-owner.entity';
import { EntityColumns } from '../../src/platform/bulk/entity-columns';
import { UpsertAccountsDocument, type UpsertAccountRow, type UpsertContactRow } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { upsertContacts } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The shared bulk-upsert engine (src/platform/bulk/upsert-engine.ts), seen through the account and contact upserts. */
describe('bulk-upsert engine', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '5000000', MAX_QUERY_COMPLEXITY: '100000' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const upsertAccounts = async (token: string, rows: UpsertAccountRow[]) =>
    expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token })).upsertAccounts;
  const accountsByExternalId = async (externalIds: string[]): Promise<Record<string, { id: string; name: string; notes: string | null; version: number }>> => {
    const rows: { external_id: string; id: string; name: string; notes: string | null; version: number }[] = await t.app.db.query(
      'SELECT external_id, id, name, notes, version FROM accounts WHERE workspace_id = $1 AND external_id = ANY($2)',
      [ws.workspaceId, externalIds],
    );
    return Object.fromEntries(rows.map(({ external_id, ...row }) => [external_id, row]));
  };

  it('classifies created / updated / unchanged / error rows of one call and answers them in input order', async () => {
    const seller = ws.ownMember;
    const hidden = await createAccount(t, ws.admin.token, { externalId: 'CL-hidden' });
    await upsertAccounts(seller.token, [
      { externalId: 'CL-same', name: 'Same', type: 'LEAD', notes: 'kept' },
      { externalId: 'CL-upd', name: 'Before', type: 'LEAD', notes: 'kept too' },
    ]);
    const before = await accountsByExternalId(['CL-same', 'CL-upd']);

    const results = await upsertAccounts(seller.token, [
      { externalId: 'CL-new', name: 'New', type: 'PROSPECT' },
      { externalId: 'CL-upd', name: 'After', type: 'LEAD' },
      { externalId: 'CL-bad', name: '', type: 'LEAD' },
      { externalId: 'CL-same', name: 'Same', type: 'LEAD', notes: 'kept' },
      { externalId: 'CL-hidden', name: 'Taken', type: 'LEAD' },
      { externalId: 'CL-owner', name: 'Ghost owner', type: 'LEAD', primaryOwnerId: randomUUID() },
      { externalId: 'CL-new', name: 'New again', type: 'LEAD' },
    ]);

    const after = await accountsByExternalId(['CL-new', 'CL-upd', 'CL-same', 'CL-hidden', 'CL-bad', 'CL-owner']);
    expect(results).toEqual([
      { index: 0, externalId: 'CL-new', status: 'CREATED', id: after['CL-new'].id, message: null, fields: null },
      { index: 1, externalId: 'CL-upd', status: 'UPDATED', id: before['CL-upd'].id, message: null, fields: null },
      { index: 2, externalId: 'CL-bad', status: 'ERROR', id: null, message: 'input.rows.2.name must not be empty', fields: ['input.rows.2.name'] },
      { index: 3, externalId: 'CL-same', status: 'UNCHANGED', id: before['CL-same'].id, message: null, fields: null },
      { index: 4, externalId: 'CL-hidden', status: 'ERROR', id: null, message: 'input.rows.4.externalId is already in use', fields: ['input.rows.4.externalId'] },
      {
        index: 5,
        externalId: 'CL-owner',
        status: 'ERROR',
        id: null,
        message: 'input.rows.5.primaryOwnerId is not an active member of this workspace',
        fields: ['input.rows.5.primaryOwnerId'],
      },
      { index: 6, externalId: 'CL-new', status: 'ERROR', id: null, message: 'input.rows.6.externalId appears twice in this request', fields: ['input.rows.6.externalId'] },
    ]);
    // Updated: only what the row says changes (an absent field is left as it was); unchanged: not written at all.
    expect(after['CL-upd']).toMatchObject({ name: 'After', notes: 'kept too', version: before['CL-upd'].version + 1 });
    expect(after['CL-same']).toEqual(before['CL-same']);
    expect(after['CL-hidden']).toMatchObject({ id: hidden.id, name: hidden.name });
    expect(after['CL-bad']).toBeUndefined();
    expect(after['CL-owner']).toBeUndefined();

    // A timeline entry per written row: one CREATED, one UPDATED with its changes; none for the others.
    const entries: { record_id: string; kind: string; changes: unknown }[] = await t.app.db.query(
      'SELECT record_id, kind, changes FROM timeline_entries WHERE record_id = ANY($1) ORDER BY occurred_at, kind',
      [[after['CL-new'].id, after['CL-upd'].id, after['CL-same'].id, hidden.id]],
    );
    const kindsOf = (id: string) => entries.filter((entry) => entry.record_id === id).map((entry) => entry.kind);
    expect(kindsOf(after['CL-new'].id)).toEqual(['ACCOUNT_CREATED']);
    expect(kindsOf(after['CL-upd'].id)).toEqual(['ACCOUNT_CREATED', 'ACCOUNT_UPDATED']);
    expect(kindsOf(after['CL-same'].id)).toEqual(['ACCOUNT_CREATED']);
    expect(kindsOf(hidden.id)).toEqual(['ACCOUNT_CREATED']);
    expect(entries.find((entry) => entry.kind === 'ACCOUNT_UPDATED')?.changes).toEqual([{ field: 'name', before: 'Before', after: 'After' }]);
  });

  it('writes a new record with every column of its entity: defaults for what the row leaves out, version 1, its creator, search text', async () => {
    const [account] = await upsertAccounts(ws.member.token, [{ externalId: 'COL-1', name: 'Columns S.A.', type: 'CUSTOMER', taxId: 'b-123.45' }]);
    const [row] = await t.app.db.query('SELECT * FROM accounts WHERE id = $1', [account.id]);
    expect(row).toMatchObject({
      workspace_id: ws.workspaceId,
      name: 'Columns S.A.',
      tax_id: 'B12345',
      emails: [],
      phones: [],
      version: 1,
      created_by_member_id: ws.member.memberId,
      updated_by_member_id: ws.member.memberId,
      archived_at: null,
      external_id: 'COL-1',
    });
    expect(row.search_text).toContain('columns s.a.');
    expect(row.created_at).toBeInstanceOf(Date);
    const [contact] = await upsertContacts(t, ws.member.token, [{ externalId: 'COL-C', firstName: 'Ana', accountExternalId: 'COL-1' }]);
    const [contactRow] = await t.app.db.query('SELECT last_name, emails, account_id, owner_membership_id, version FROM contacts WHERE id = $1', [contact.id]);
    expect(contactRow).toEqual({ last_name: '', emails: [], account_id: account.id, owner_membership_id: ws.member.memberId, version: 1 });
  });

  it('accounts: 10 and 1,000 rows (each naming its owner) cost the same statements, creating and updating', async () => {
    const rows = (prefix: string, n: number, notes: string): UpsertAccountRow[] =>
      Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, name: `Flat ${i}`, type: 'LEAD', notes, primaryOwnerId: ws.member.memberId }));
    const run = (prefix: string, n: number, notes: string, status: string) =>
      t.countStatements(async () => {
        const results = await upsertAccounts(ws.admin.token, rows(prefix, n, notes));
        expect(results.every((result) => result.status === status)).toBe(true);
      });
    expect(await run('FLAT-S', 10, 'a', 'CREATED')).toBe(await run('FLAT-L', 1000, 'a', 'CREATED'));
    expect(await run('FLAT-S', 10, 'b', 'UPDATED')).toBe(await run('FLAT-L', 1000, 'b', 'UPDATED'));
  });

  it('contacts: 10 and 1,000 rows (each naming its account by externalId) cost the same statements, creating and updating', async () => {
    await createAccount(t, ws.admin.token, { externalId: 'FLAT-ACC' });
    const rows = (prefix: string, n: number, position: string): UpsertContactRow[] =>
      Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, firstName: `F${i}`, position, accountExternalId: 'FLAT-ACC' }));
    const run = (prefix: string, n: number, position: string, status: string) =>
      t.countStatements(async () => {
        const results = await upsertContacts(t, ws.admin.token, rows(prefix, n, position));
        expect(results.every((result) => result.status === status)).toBe(true);
      });
    expect(await run('FLATC-S', 10, 'a', 'CREATED')).toBe(await run('FLATC-L', 1000, 'a', 'CREATED'));
    expect(await run('FLATC-S', 10, 'b', 'UPDATED')).toBe(await run('FLATC-L', 1000, 'b', 'UPDATED'));
  });

  it('refuses, at start-up, an entity with no unique (workspaceId, externalId) to key on', () => {
    expect(() => new EntityColumns(t.app.db, AccountOwner)).toThrow(/externalId/);
  });
});
