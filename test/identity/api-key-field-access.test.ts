import { AccountPrimaryOwnerBasicsDocument, AccountPrimaryOwnerDetailsDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('what an API key sees of a member it reaches through an account', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    accountId = (await createAccount(t, ws.manager.token)).id;
  });
  afterAll(() => t.stop());

  it('an accounts:read key sees the primary owner\'s id, name and status', async () => {
    const key = await createApiKey(t, ws.owner.token, ['accounts:read']);
    const { account } = expectData(await t.gql(AccountPrimaryOwnerBasicsDocument, { id: accountId }, { token: key }));
    expect(account.primaryOwner).toEqual({ id: ws.manager.memberId, name: 'MANAGER TEAM', status: 'ACTIVE' });
  });

  it('an accounts:read key gets email, role, scope and teams as null with FORBIDDEN errors, the account intact', async () => {
    const key = await createApiKey(t, ws.owner.token, ['accounts:read']);
    const result = await t.gql(AccountPrimaryOwnerDetailsDocument, { id: accountId }, { token: key });
    expect(result.data?.account).toMatchObject({
      id: accountId,
      primaryOwner: { id: ws.manager.memberId, email: null, role: null, accessScope: null, teams: null },
      owners: [{ member: { id: ws.manager.memberId, email: null } }],
    });
    const refused = (result.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code]);
    expect(refused).toEqual(
      expect.arrayContaining([
        ['account.primaryOwner.email', 'FORBIDDEN'],
        ['account.primaryOwner.role', 'FORBIDDEN'],
        ['account.primaryOwner.accessScope', 'FORBIDDEN'],
        ['account.primaryOwner.teams', 'FORBIDDEN'],
        ['account.owners.0.member.email', 'FORBIDDEN'],
      ]),
    );
    expect(refused).toHaveLength(5);
    expect(JSON.stringify(result)).not.toContain(ws.manager.email);
  });

  it('a key with identity:read as well sees them', async () => {
    const key = await createApiKey(t, ws.owner.token, ['accounts:read', 'identity:read']);
    const result = await t.gql(AccountPrimaryOwnerDetailsDocument, { id: accountId }, { token: key });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.primaryOwner).toEqual({
      id: ws.manager.memberId,
      email: ws.manager.email,
      role: 'MANAGER',
      accessScope: 'TEAM',
      teams: [{ id: ws.teamId }],
    });
  });

  it('members are not limited by scopes: any member sees the owner\'s details', async () => {
    const result = await t.gql(AccountPrimaryOwnerDetailsDocument, { id: accountId }, { token: ws.member.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.primaryOwner).toMatchObject({ email: ws.manager.email, role: 'MANAGER' });
  });
});
