import {
  AccountDocument,
  AccountsDocument,
  AccountTimelineDocument,
  AddCommentDocument,
  ArchiveAccountDocument,
  RestoreAccountDocument,
  SetAccountOwnersDocument,
  UpdateAccountDocument,
  UpsertAccountsDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { addMember, createApiKey, createTeam, createWorkspace, expectData, type Actor, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The portfolio (cartera): OWN sees accounts it owns, TEAM those owned by team mates, ALL and API keys the
 * whole workspace; another workspace sees nothing. Outside reach is always NOT_FOUND, never FORBIDDEN.
 */
describe('portfolio scope and tenancy on accounts', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let otherKey: string;
  let ownKey: string;
  let alice: Actor; // MEMBER, OWN
  let bob: Actor; // MEMBER, OWN
  let carol: Actor; // MEMBER, TEAM, same team as alice
  let alicesAccount: { id: string; version: number };
  let bobsAccount: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Main');
    other = await createWorkspace(t, 'Other');
    otherKey = await createApiKey(t, other.owner.token, ['accounts:write']);
    ownKey = await createApiKey(t, ws.owner.token, ['accounts:write']);
    alice = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    bob = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const team = await createTeam(t, ws.owner.token, 'South', [alice.memberId]);
    carol = await addMember(t, ws.owner.token, 'MEMBER', 'TEAM', [team]);
    alicesAccount = await createAccount(t, alice.token, { name: 'Alice Foods', externalId: 'ALICE-1' });
    bobsAccount = await createAccount(t, bob.token, { name: 'Bob Motors', externalId: 'BOB-1' });
  });
  afterAll(() => t.stop());

  const outsiders = () => [
    { who: 'a MEMBER with OWN scope who does not own it', token: bob.token },
    { who: "another workspace's owner", token: other.owner.token },
    { who: "another workspace's API key", token: otherKey },
  ];

  it('account(id) is NOT_FOUND for everyone outside reach, with no data', async () => {
    for (const { token } of outsiders()) {
      const result = await t.gql(AccountDocument, { id: alicesAccount.id }, { token });
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(result.data).toBeNull();
    }
  });

  it('lists and totalCount omit accounts outside reach', async () => {
    const names = async (token: string) => {
      const { accounts } = expectData(await t.gql(AccountsDocument, { first: 100 }, { token }));
      return { names: accounts.nodes.map((a) => a.name).sort(), total: await accounts.totalCount };
    };
    expect(await names(alice.token)).toEqual({ names: ['Alice Foods'], total: 1 });
    expect(await names(bob.token)).toEqual({ names: ['Bob Motors'], total: 1 });
    expect(await names(other.owner.token)).toEqual({ names: [], total: 0 });
    expect(await names(otherKey)).toEqual({ names: [], total: 0 });
  });

  it('a MEMBER with TEAM scope sees the accounts of team mates, not the others', async () => {
    expectData(await t.gql(AccountDocument, { id: alicesAccount.id }, { token: carol.token }));
    expect((await t.gql(AccountDocument, { id: bobsAccount.id }, { token: carol.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('ALL scope members and the workspace API key see everything', async () => {
    for (const token of [ws.member.token, ownKey]) {
      const { accounts } = expectData(await t.gql(AccountsDocument, { first: 100 }, { token }));
      expect(accounts.nodes.map((a) => a.id)).toEqual(expect.arrayContaining([alicesAccount.id, bobsAccount.id]));
    }
  });

  it('updateAccount, archive, restore, setAccountOwners and addComment are NOT_FOUND outside reach and change nothing', async () => {
    for (const { token } of outsiders()) {
      const attempts = [
        t.gql(UpdateAccountDocument, { input: { id: alicesAccount.id, name: 'Hijacked' } }, { token }),
        t.gql(ArchiveAccountDocument, { input: { id: alicesAccount.id } }, { token }),
        t.gql(RestoreAccountDocument, { input: { id: alicesAccount.id } }, { token }),
        t.gql(AddCommentDocument, { input: { recordId: alicesAccount.id, body: 'psst' } }, { token }),
        t.gql(AccountTimelineDocument, { id: alicesAccount.id }, { token }),
      ];
      for (const result of await Promise.all(attempts)) expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    for (const token of [other.owner.token, otherKey]) {
      const result = await t.gql(SetAccountOwnersDocument, { input: { accountId: alicesAccount.id, primaryOwnerId: alice.memberId } }, { token });
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const { account } = expectData(await t.gql(AccountTimelineDocument, { id: alicesAccount.id }, { token: alice.token }));
    expect(account.timeline.nodes.map((entry) => entry.kind)).toEqual(['ACCOUNT_CREATED']);
    const { account: reread } = expectData(await t.gql(AccountDocument, { id: alicesAccount.id }, { token: alice.token }));
    expect(reread).toMatchObject({ name: 'Alice Foods', archivedAt: null, version: alicesAccount.version });
  });

  it('upsertAccounts cannot reach an account outside the portfolio through its externalId', async () => {
    const { upsertAccounts } = expectData(
      await t.gql(UpsertAccountsDocument, { input: { rows: [{ externalId: 'ALICE-1', name: 'Taken over', type: 'CUSTOMER' }] } }, { token: bob.token }),
    );
    expect(upsertAccounts[0]).toMatchObject({ status: 'ERROR', id: null });
    const other = await t.gql(UpsertAccountsDocument, { input: { rows: [{ externalId: 'ALICE-1', name: 'Elsewhere', type: 'LEAD' }] } }, { token: otherKey });
    expect(expectData(other).upsertAccounts[0].status).toBe('CREATED'); // externalIds are per workspace
    const { account } = expectData(await t.gql(AccountDocument, { id: alicesAccount.id }, { token: alice.token }));
    expect(account.name).toBe('Alice Foods');
  });

  it('filtering by a hidden account id or owner reveals nothing', async () => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { filter: { or: [{ id: { eq: alicesAccount.id } }, { ownerId: { eq: alice.memberId } }] } }, { token: bob.token }));
    expect(await accounts.totalCount).toBe(0);
  });
});
