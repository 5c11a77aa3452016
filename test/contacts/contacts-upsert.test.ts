import { ContactDocument, ContactTimelineDocument, UpsertContactsDocument, type UpsertContactRow } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { upsertContacts } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('upsertContacts: bulk create / update by externalId', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const upsert = (rows: UpsertContactRow[], token = ws.member.token) => t.gql(UpsertContactsDocument, { input: { rows } }, { token });
  const countContacts = async (): Promise<number> => (await t.app.db.query('SELECT count(*)::int AS n FROM contacts'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('reports created / updated / unchanged / error per row in one call, writing the valid rows only', async () => {
    const erp = await createAccount(t, ws.member.token, { externalId: 'ACC-1' });
    const other = await createAccount(t, ws.member.token);
    const [upd, same, move] = await upsertContacts(t, ws.member.token, [
      { externalId: 'U-upd', firstName: 'Una', position: 'Buyer', accountId: erp.id },
      { externalId: 'U-same', firstName: 'Sam', lastName: 'Same', emails: ['sam@example.test'] },
      { externalId: 'U-move', firstName: 'Mo', accountId: erp.id },
    ]);
    const before = await countContacts();

    const { upsertContacts: results } = expectData(
      await upsert([
        { externalId: 'U-new', firstName: 'Nia', lastName: 'New', accountExternalId: 'ACC-1', phones: ['+34 911 23 45 67'] },
        { externalId: 'U-upd', firstName: 'Una', position: 'Head buyer' },
        { externalId: 'U-same', firstName: 'Sam', lastName: 'Same', emails: ['SAM@example.test'] },
        { externalId: 'U-bad-email', firstName: 'Bad', emails: ['not-an-email'] },
        { externalId: 'U-new', firstName: 'Twice' },
        { externalId: 'U-no-account', firstName: 'Lost', accountExternalId: 'NOPE' },
        { externalId: 'U-loose', firstName: 'Lou' },
        { externalId: 'U-both', firstName: 'Both', accountId: other.id, accountExternalId: 'ACC-1' },
        { externalId: 'U-bad-phone', firstName: 'Phil', phones: ['12'] },
        { externalId: 'U-move', firstName: 'Mo', accountId: other.id },
        { externalId: '  ', firstName: 'Keyless' },
      ]),
    );
    expect(results.map((r) => [r.index, r.externalId, r.status])).toEqual([
      [0, 'U-new', 'CREATED'],
      [1, 'U-upd', 'UPDATED'],
      [2, 'U-same', 'UNCHANGED'],
      [3, 'U-bad-email', 'ERROR'],
      [4, 'U-new', 'ERROR'],
      [5, 'U-no-account', 'ERROR'],
      [6, 'U-loose', 'CREATED'],
      [7, 'U-both', 'ERROR'],
      [8, 'U-bad-phone', 'ERROR'],
      [9, 'U-move', 'UPDATED'],
      [10, '', 'ERROR'],
    ]);
    expect(results[1].id).toBe(upd.id);
    expect(results[2].id).toBe(same.id);
    expect(results[9].id).toBe(move.id);
    expect(results[3]).toMatchObject({ id: null, fields: ['input.rows.3.emails.0'] });
    expect(results[4].message).toContain('appears twice');
    expect(results[5].fields).toEqual(['input.rows.5.accountExternalId']);
    expect(results[7].fields).toEqual(['input.rows.7.accountExternalId']);
    expect(results[8].fields).toEqual(['input.rows.8.phones.0']);
    expect(results[10].fields).toEqual(['input.rows.10.externalId']);
    expect(await countContacts()).toBe(before + 2);

    const { contact: created } = expectData(await t.gql(ContactDocument, { id: results[0].id as string }, { token: ws.member.token }));
    expect(created).toMatchObject({ accountId: erp.id, firstName: 'Nia', lastName: 'New', phones: ['+34911234567'], owner: { id: ws.member.memberId }, version: 1 });
    const { contact: loose } = expectData(await t.gql(ContactDocument, { id: results[6].id as string }, { token: ws.member.token }));
    expect(loose).toMatchObject({ accountId: null, owner: { id: ws.member.memberId } });
    const { contact: updated } = expectData(await t.gql(ContactTimelineDocument, { id: upd.id }, { token: ws.member.token }));
    expect(updated.timeline.nodes[0]).toMatchObject({
      kind: 'CONTACT_UPDATED',
      accountId: erp.id,
      changes: [{ field: 'position', before: 'Buyer', after: 'Head buyer' }],
      actor: { kind: 'MEMBER', member: { id: ws.member.memberId } },
    });
    const { contact: moved } = expectData(await t.gql(ContactDocument, { id: move.id }, { token: ws.member.token }));
    expect(moved).toMatchObject({ accountId: other.id, version: 2 });
    const { contact: unchanged } = expectData(await t.gql(ContactTimelineDocument, { id: same.id }, { token: ws.member.token }));
    expect(unchanged.timeline.nodes.map((n) => n.kind)).toEqual(['CONTACT_CREATED']);
    const { contact: createdHistory } = expectData(await t.gql(ContactTimelineDocument, { id: results[0].id as string }, { token: ws.member.token }));
    expect(createdHistory.timeline.nodes).toMatchObject([{ kind: 'CONTACT_CREATED', accountId: erp.id, data: { via: 'upsert' } }]);
  });

  it('sending the same rows again changes nothing', async () => {
    const rows: UpsertContactRow[] = [
      { externalId: 'R-1', firstName: 'Rita', emails: ['rita@example.test'] },
      { externalId: 'R-2', firstName: 'Raul', position: 'Owner' },
    ];
    await upsertContacts(t, ws.member.token, rows);
    const again = await upsertContacts(t, ws.member.token, rows);
    expect(again.map((r) => r.status)).toEqual(['UNCHANGED', 'UNCHANGED']);
  });

  it('more than 1,000 rows is BAD_USER_INPUT on input.rows and writes nothing', async () => {
    const before = await countContacts();
    const rows = Array.from({ length: 1001 }, (_, i) => ({ externalId: `BIG-${i}`, firstName: 'Big' }));
    const result = await upsert(rows);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.rows' }] });
    expect(await countContacts()).toBe(before);
  });

  it('is set-based: 10 rows and 300 rows cost the same number of SQL statements, creating and updating', async () => {
    const account = await createAccount(t, ws.member.token, { externalId: 'SET-ACC' });
    const rows = (prefix: string, n: number, position: string): UpsertContactRow[] =>
      Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, firstName: `P${i}`, position, accountExternalId: 'SET-ACC', ownerId: ws.admin.memberId }));
    const created = async (prefix: string, n: number) => t.countStatements(() => upsertContacts(t, ws.member.token, rows(prefix, n, 'A')));
    const updated = async (prefix: string, n: number) => t.countStatements(() => upsertContacts(t, ws.member.token, rows(prefix, n, 'B')));
    expect(await created('SMALL', 10)).toBe(await created('LARGE', 300));
    expect(await updated('SMALL', 10)).toBe(await updated('LARGE', 300));
    const rowsInAccount = await t.app.db.query('SELECT count(*)::int AS n FROM contacts WHERE account_id = $1', [account.id]);
    expect(rowsInAccount[0].n).toBe(310);
  });
});
