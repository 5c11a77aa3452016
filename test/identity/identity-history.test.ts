import {
  CreateApiKeyDocument,
  CreateTeamDocument,
  IdentityHistoryDocument,
  InviteMemberDocument,
  RemoveMemberDocument,
  RevokeApiKeyDocument,
  UpdateMemberDocument,
} from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, uniqueEmail, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('identityHistory: identity changes are audited like settings changes', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const history = async (token: string, kinds?: string[]) =>
    expectData(await t.gql(IdentityHistoryDocument, { first: 50, kinds }, { token })).identityHistory;

  it('records inviting, updating and removing a member, creating a team and creating and revoking an API key, newest first', async () => {
    const teamId = expectData(await t.gql(CreateTeamDocument, { input: { name: 'Audit team' } }, { token: ws.admin.token })).createTeam.id;
    const invited = expectData(
      await t.gql(InviteMemberDocument, { input: { email: uniqueEmail('audit'), name: 'Ana Audit', role: 'MEMBER', accessScope: 'OWN' } }, { token: ws.admin.token }),
    ).inviteMember.member;
    await t.gql(UpdateMemberDocument, { input: { memberId: invited.id, role: 'MANAGER', teamIds: [teamId] } }, { token: ws.admin.token });
    await t.gql(RemoveMemberDocument, { input: { memberId: invited.id } }, { token: ws.admin.token });
    const created = expectData(await t.gql(CreateApiKeyDocument, { input: { name: 'ERP', scopes: ['accounts:read'] } }, { token: ws.admin.token })).createApiKey;
    await t.gql(RevokeApiKeyDocument, { input: { id: created.apiKey.id } }, { token: ws.admin.token });

    const { nodes } = await history(ws.admin.token);
    const mine = nodes.filter((entry) => [teamId, invited.id, created.apiKey.id].includes(entry.recordId));
    expect(mine.map((entry) => entry.kind)).toEqual(['API_KEY_REVOKED', 'API_KEY_CREATED', 'MEMBER_REMOVED', 'MEMBER_UPDATED', 'MEMBER_INVITED', 'TEAM_CREATED']);
    for (const entry of mine) expect(entry.actor).toMatchObject({ kind: 'MEMBER', member: { id: ws.admin.memberId } });
    const byKind = Object.fromEntries(mine.map((entry) => [entry.kind, entry]));
    expect(byKind.TEAM_CREATED).toMatchObject({ recordType: 'TEAM', data: { name: 'Audit team', memberIds: [] } });
    expect(byKind.MEMBER_INVITED).toMatchObject({ recordType: 'MEMBER', data: { name: 'Ana Audit', role: 'MEMBER', accessScope: 'OWN' } });
    expect(byKind.MEMBER_UPDATED.changes).toEqual([{ field: 'role', before: 'MEMBER', after: 'MANAGER' }]);
    expect(byKind.MEMBER_UPDATED.data).toEqual({ teamIds: [teamId] });
    expect(byKind.API_KEY_CREATED).toMatchObject({ recordType: 'API_KEY', data: { name: 'ERP', prefix: created.apiKey.prefix, scopes: ['accounts:read'] } });
    // The secret never reaches the history.
    expect(JSON.stringify(mine)).not.toContain(created.secret);

    const onlyKeys = await history(ws.admin.token, ['API_KEY_CREATED']);
    expect(onlyKeys.nodes.every((entry) => entry.kind === 'API_KEY_CREATED')).toBe(true);
  });

  it('an update that changes nothing writes no entry', async () => {
    const invited = expectData(
      await t.gql(InviteMemberDocument, { input: { email: uniqueEmail('same'), role: 'MEMBER', accessScope: 'ALL' } }, { token: ws.admin.token }),
    ).inviteMember.member;
    await t.gql(UpdateMemberDocument, { input: { memberId: invited.id, role: 'MEMBER' } }, { token: ws.admin.token });
    const entries = (await history(ws.admin.token)).nodes.filter((entry) => entry.recordId === invited.id);
    expect(entries.map((entry) => entry.kind)).toEqual(['MEMBER_INVITED']);
  });

  it('is for ADMIN and OWNER, and API keys with identity:read', async () => {
    const byManager = await t.gql(IdentityHistoryDocument, { first: 5 }, { token: ws.manager.token });
    expect(byManager.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const accountsKey = await createApiKey(t, ws.admin.token, ['accounts:read']);
    expect((await t.gql(IdentityHistoryDocument, { first: 5 }, { token: accountsKey })).errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    const identityKey = await createApiKey(t, ws.admin.token, ['identity:read']);
    expect((await history(identityKey)).totalCount).toBeGreaterThan(0);
    expect((await history(ws.owner.token)).totalCount).toBeGreaterThan(0);
  });

  it('is bounded to the caller\'s workspace', async () => {
    const other = await createWorkspace(t, 'Other');
    const theirs = await history(other.admin.token);
    const ours = new Set((await history(ws.admin.token)).nodes.map((entry) => entry.recordId));
    expect(theirs.nodes.some((entry) => ours.has(entry.recordId))).toBe(false);
  });
});
