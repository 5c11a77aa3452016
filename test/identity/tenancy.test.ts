import {
  ApiKeysDocument,
  CreateTeamDocument,
  MemberDocument,
  MembersDocument,
  RemoveMemberDocument,
  RevokeApiKeyDocument,
  TeamsDocument,
  UpdateMemberDocument,
  MeDocument,
} from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('tenant isolation: workspace B never reads or changes workspace A', () => {
  let t: TestApp;
  let a: TestWorkspace;
  let b: TestWorkspace;
  let bKey: string;
  let aKeyId: string;
  beforeAll(async () => {
    t = await startTestApp();
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
    bKey = await createApiKey(t, b.owner.token, ['identity:write']);
    const aKey = await createApiKey(t, a.owner.token, ['identity:read']);
    aKeyId = expectData(await t.gql(MeDocument, {}, { token: aKey })).me.apiKey?.id as string;
  });
  afterAll(() => t.stop());

  const asB = () => [b.owner.token, bKey];

  it('member(id) of another workspace is NOT_FOUND for B\'s owner and B\'s key', async () => {
    for (const token of asB()) {
      const result = await t.gql(MemberDocument, { id: a.member.memberId }, { token });
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(result.data).toBeNull();
    }
  });

  it('lists show only the caller\'s workspace', async () => {
    for (const token of asB()) {
      const { members } = expectData(await t.gql(MembersDocument, {}, { token }));
      expect(members.map((m) => m.id)).not.toContain(a.member.memberId);
      const { teams } = expectData(await t.gql(TeamsDocument, {}, { token }));
      expect(teams.map((team) => team.id)).not.toContain(a.teamId);
    }
    const { apiKeys } = expectData(await t.gql(ApiKeysDocument, {}, { token: b.owner.token }));
    expect(apiKeys.map((key) => key.id)).not.toContain(aKeyId);
  });

  it('updateMember, removeMember and revokeApiKey on A\'s records are NOT_FOUND and change nothing', async () => {
    for (const token of asB()) {
      const update = await t.gql(UpdateMemberDocument, { input: { memberId: a.member.memberId, role: 'ADMIN' } }, { token });
      expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const remove = await t.gql(RemoveMemberDocument, { input: { memberId: a.member.memberId } }, { token });
      expect(remove.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const revoke = await t.gql(RevokeApiKeyDocument, { input: { id: aKeyId } }, { token: b.owner.token });
    expect(revoke.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { member } = expectData(await t.gql(MemberDocument, { id: a.member.memberId }, { token: a.owner.token }));
    expect(member).toMatchObject({ role: 'MEMBER', status: 'ACTIVE' });
    const keys = await t.app.db.query('SELECT revoked_at FROM api_keys WHERE id = $1', [aKeyId]);
    expect(keys[0].revoked_at).toBeNull();
  });

  it('B cannot put A\'s members or teams into its own teams', async () => {
    const result = await t.gql(CreateTeamDocument, { input: { name: 'Poach', memberIds: [a.member.memberId] } }, { token: b.owner.token });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const update = await t.gql(UpdateMemberDocument, { input: { memberId: b.member.memberId, teamIds: [a.teamId] } }, { token: b.owner.token });
    expect(update.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
