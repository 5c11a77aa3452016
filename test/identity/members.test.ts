import {
  CreateTeamDocument,
  InviteMemberDocument,
  MemberDocument,
  MembersDocument,
  RemoveMemberDocument,
  TeamsDocument,
  UpdateMemberDocument,
} from '../generated/graphql';
import { addMember, createWorkspace, expectData, uniqueEmail, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('members, roles and teams', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('members lists everyone in the workspace with role, scope and teams', async () => {
    const { members } = expectData(await t.gql(MembersDocument, {}, { token: ws.member.token }));
    expect(members.map((m) => m.id)).toEqual([ws.owner.memberId, ws.admin.memberId, ws.manager.memberId, ws.member.memberId, ws.ownMember.memberId]);
    expect(members.find((m) => m.id === ws.manager.memberId)).toMatchObject({
      role: 'MANAGER',
      accessScope: 'TEAM',
      teams: [{ id: ws.teamId }],
    });
  });

  it('a MEMBER cannot invite members (FORBIDDEN) and nothing is written', async () => {
    const email = uniqueEmail();
    const result = await t.gql(
      InviteMemberDocument,
      { input: { email, role: 'MEMBER', accessScope: 'OWN' } },
      { token: ws.member.token },
    );
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = await t.app.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
    expect(rows[0].n).toBe(0);
  });

  it('an ADMIN cannot make an OWNER nor demote one; an OWNER can', async () => {
    const target = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const promote = await t.gql(UpdateMemberDocument, { input: { memberId: target.memberId, role: 'OWNER' } }, { token: ws.admin.token });
    expect(promote.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const demoteOwner = await t.gql(UpdateMemberDocument, { input: { memberId: ws.owner.memberId, role: 'MEMBER' } }, { token: ws.admin.token });
    expect(demoteOwner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byOwner = expectData(
      await t.gql(UpdateMemberDocument, { input: { memberId: target.memberId, role: 'OWNER' } }, { token: ws.owner.token }),
    );
    expect(byOwner.updateMember.role).toBe('OWNER');
  });

  it('the last OWNER can neither leave nor be demoted (CONFLICT)', async () => {
    const solo = await createWorkspace(t, 'Solo');
    const leave = await t.gql(RemoveMemberDocument, { input: { memberId: solo.owner.memberId } }, { token: solo.owner.token });
    expect(leave.errors?.[0].extensions?.code).toBe('CONFLICT');
    const demote = await t.gql(UpdateMemberDocument, { input: { memberId: solo.owner.memberId, role: 'ADMIN' } }, { token: solo.owner.token });
    expect(demote.errors?.[0].extensions?.code).toBe('CONFLICT');
    const { member } = expectData(await t.gql(MemberDocument, { id: solo.owner.memberId }, { token: solo.owner.token }));
    expect(member.role).toBe('OWNER');
  });

  it('updateMember with a stale expectedVersion is a CONFLICT', async () => {
    const target = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const { member } = expectData(await t.gql(MemberDocument, { id: target.memberId }, { token: ws.admin.token }));
    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: target.memberId, accessScope: 'TEAM', expectedVersion: member.version } }, { token: ws.admin.token }));
    const stale = await t.gql(UpdateMemberDocument, { input: { memberId: target.memberId, accessScope: 'ALL', expectedVersion: member.version } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a removed member loses access at once', async () => {
    const leaver = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    expectData(await t.gql(RemoveMemberDocument, { input: { memberId: leaver.memberId } }, { token: ws.admin.token }));
    expect((await t.gql(MembersDocument, {}, { token: leaver.token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('teams group members; updateMember replaces a member\'s teams', async () => {
    const teamId = expectData(await t.gql(CreateTeamDocument, { input: { name: 'North', memberIds: [ws.member.memberId] } }, { token: ws.admin.token })).createTeam.id;
    const updated = expectData(await t.gql(UpdateMemberDocument, { input: { memberId: ws.member.memberId, teamIds: [teamId, ws.teamId] } }, { token: ws.admin.token }));
    expect(updated.updateMember.teams?.map((team) => team.id).sort()).toEqual([teamId, ws.teamId].sort());
    const { teams } = expectData(await t.gql(TeamsDocument, {}, { token: ws.member.token }));
    expect(teams.find((team) => team.id === ws.teamId)?.members.map((m) => m.id).sort()).toEqual([ws.manager.memberId, ws.member.memberId].sort());
  });

  it('createTeam with a duplicate name is a CONFLICT; with an unknown member it is BAD_USER_INPUT and writes nothing', async () => {
    const dup = await t.gql(CreateTeamDocument, { input: { name: 'North' } }, { token: ws.admin.token });
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const bad = await t.gql(CreateTeamDocument, { input: { name: 'Ghosts', memberIds: ['00000000-0000-4000-8000-000000000000'] } }, { token: ws.admin.token });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.memberIds' }] });
    const rows = await t.app.db.query("SELECT count(*)::int AS n FROM teams WHERE name = 'Ghosts'");
    expect(rows[0].n).toBe(0);
  });

  it('the members list runs the same number of SQL statements for 5 and for 50 members', async () => {
    const small = await createWorkspace(t, 'Small');
    const big = await createWorkspace(t, 'Big');
    for (let i = 0; i < 45; i += 1) {
      await t.gql(InviteMemberDocument, { input: { email: uniqueEmail(), role: 'MEMBER', accessScope: 'OWN', teamIds: [big.teamId] } }, { token: big.owner.token });
    }
    const smallCount = await t.countStatements(() => t.gql(MembersDocument, {}, { token: small.owner.token }));
    const bigResult = await t.gql(MembersDocument, {}, { token: big.owner.token });
    expect(expectData(bigResult).members).toHaveLength(50);
    const bigCount = await t.countStatements(() => t.gql(MembersDocument, {}, { token: big.owner.token }));
    expect(expectData(await t.gql(MembersDocument, {}, { token: small.owner.token })).members).toHaveLength(5);
    expect(bigCount).toBe(smallCount);
  });
});
