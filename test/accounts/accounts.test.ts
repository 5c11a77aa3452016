import {
  AccountDocument,
  AccountsDocument,
  AccountTimelineDocument,
  ArchiveAccountDocument,
  CreateAccountDocument,
  RestoreAccountDocument,
  UpdateAccountDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('accounts: create, update, archive, restore', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('createAccount normalises phones to E.164 and the tax id, and makes the creator primary owner', async () => {
    const account = await createAccount(t, ws.member.token, {
      name: 'Acme Iberia',
      legalName: 'Acme Iberia S.L.',
      taxId: 'b-1234.5678',
      emails: ['Sales@Acme.example'],
      phones: ['+34 911 23 45 67'],
      website: 'acme.example',
      billingAddress: { line1: 'Calle Mayor 1', city: 'Madrid', country: 'es' },
    });
    expect(account).toMatchObject({
      taxId: 'B12345678',
      emails: ['sales@acme.example'],
      phones: ['+34911234567'],
      website: 'https://acme.example',
      billingAddress: { city: 'Madrid', country: 'ES' },
      primaryOwner: { id: ws.member.memberId },
      version: 1,
    });
  });

  it('rejects an invalid email, phone and tax id at once, naming each field, and writes nothing', async () => {
    const before = await t.app.db.query('SELECT count(*)::int AS n FROM accounts');
    const result = await t.gql(
      CreateAccountDocument,
      { input: { name: 'Broken', type: 'LEAD', emails: ['nope'], phones: ['12'], taxId: '!!' } },
      { token: ws.member.token },
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (result.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['input.emails.0', 'input.phones.0', 'input.taxId']);
    const after = await t.app.db.query('SELECT count(*)::int AS n FROM accounts');
    expect(after[0].n).toBe(before[0].n);
  });

  it('a duplicate externalId is BAD_USER_INPUT and writes nothing', async () => {
    await createAccount(t, ws.member.token, { externalId: 'ERP-1' });
    const result = await t.gql(CreateAccountDocument, { input: { name: 'Twin', type: 'LEAD', externalId: 'ERP-1' } }, { token: ws.member.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.externalId' }] });
    const rows = await t.app.db.query("SELECT count(*)::int AS n FROM accounts WHERE name = 'Twin'");
    expect(rows[0].n).toBe(0);
  });

  it('updateAccount records before/after of each changed field; a stale expectedVersion is a CONFLICT that writes nothing', async () => {
    const account = await createAccount(t, ws.member.token, { name: 'Old name', industry: 'Retail' });
    const { updateAccount } = expectData(
      await t.gql(UpdateAccountDocument, { input: { id: account.id, expectedVersion: 1, name: 'New name', industry: 'Retail' } }, { token: ws.member.token }),
    );
    expect(updateAccount).toMatchObject({ name: 'New name', version: 2 });
    const stale = await t.gql(UpdateAccountDocument, { input: { id: account.id, expectedVersion: 1, name: 'Lost edit' } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const { account: reread } = expectData(await t.gql(AccountDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.name).toBe('New name');
    const { account: withTimeline } = expectData(await t.gql(AccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    const [updated, created] = withTimeline.timeline.nodes;
    expect(updated).toMatchObject({ kind: 'ACCOUNT_UPDATED', changes: [{ field: 'name', before: 'Old name', after: 'New name' }], actor: { kind: 'MEMBER', member: { id: ws.member.memberId } } });
    expect(created.kind).toBe('ACCOUNT_CREATED');
  });

  it('archived accounts leave default lists but stay readable by id, and come back when restored', async () => {
    const account = await createAccount(t, ws.member.token, { name: 'Zeta archived' });
    const archived = expectData(await t.gql(ArchiveAccountDocument, { input: { id: account.id } }, { token: ws.member.token }));
    expect(archived.archiveAccount.archivedBy?.member?.id).toBe(ws.member.memberId);
    const list = expectData(await t.gql(AccountsDocument, { filter: { name: { eq: 'Zeta archived' } } }, { token: ws.member.token }));
    expect(list.accounts.totalCount).toBe(0);
    const onlyArchived = expectData(await t.gql(AccountsDocument, { filter: { name: { eq: 'Zeta archived' }, archived: true } }, { token: ws.member.token }));
    expect(onlyArchived.accounts.nodes.map((a) => a.id)).toEqual([account.id]);
    expect(expectData(await t.gql(AccountDocument, { id: account.id }, { token: ws.member.token })).account.archivedAt).not.toBeNull();
    expectData(await t.gql(RestoreAccountDocument, { input: { id: account.id } }, { token: ws.member.token }));
    const back = expectData(await t.gql(AccountsDocument, { filter: { name: { eq: 'Zeta archived' } } }, { token: ws.member.token }));
    expect(back.accounts.totalCount).toBe(1);
  });
});
