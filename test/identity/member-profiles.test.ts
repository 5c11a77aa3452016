import {
  AccountPageOwnerIdsDocument,
  AccountPageOwnerProfilesDocument,
  InviteMemberDocument,
  SignUpDocument,
  TeamMemberIdsDocument,
  TeamMemberProfilesDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { PASSWORD, createWorkspace, expectData, uniqueEmail, type Actor, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A member's name and email come from its user. The membership loaders read each membership with its user in one
 * statement and hand the users to the user loader: `primaryOwner { name email }`, `owners { member { … } }` and
 * `Team.members { name email }` cost what loading the members costs, nothing more.
 */
describe('members and their users in one statement', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let sellers: Actor[];
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    sellers = [ws.owner, ws.admin, ws.manager, ws.member, ws.ownMember];
    for (const seller of sellers) {
      await createAccount(t, seller.token);
      await createAccount(t, seller.token);
    }
  });
  afterAll(() => t.stop());

  it('an account page with its owners\' names and emails costs the same statements as with their ids only', async () => {
    const page = async () => expectData(await t.gql(AccountPageOwnerProfilesDocument, { first: 50 }, { token: ws.owner.token }));
    await page(); // the token's first request also authenticates it
    const withIds = await t.countStatements(async () => expectData(await t.gql(AccountPageOwnerIdsDocument, { first: 50 }, { token: ws.owner.token })));
    let profiles: Awaited<ReturnType<typeof page>> | undefined;
    const withProfiles = await t.countStatements(async () => (profiles = await page()));
    expect(withProfiles).toBe(withIds);

    const nodes = profiles?.accounts.nodes ?? [];
    expect(nodes).toHaveLength(10);
    const byMember = new Map(nodes.map((node) => [node.primaryOwner?.id, node.primaryOwner]));
    for (const seller of sellers) {
      expect(byMember.get(seller.memberId)).toMatchObject({ email: seller.email, status: 'ACTIVE', name: expect.any(String) });
    }
    expect(nodes.every((node) => node.owners.some((owner) => owner.member.id === node.primaryOwner?.id && owner.member.email))).toBe(true);
  });

  it('a team\'s members with names and emails cost the same statements as with their ids only', async () => {
    await t.gql(TeamMemberIdsDocument, {}, { token: ws.admin.token });
    const withIds = await t.countStatements(() => t.gql(TeamMemberIdsDocument, {}, { token: ws.admin.token }));
    const withProfiles = await t.countStatements(async () => {
      const { teams } = expectData(await t.gql(TeamMemberProfilesDocument, {}, { token: ws.admin.token }));
      expect(teams.find((team) => team.id === ws.teamId)?.members).toEqual([{ id: ws.manager.memberId, name: 'MANAGER TEAM', email: ws.manager.email }]);
    });
    expect(withProfiles).toBe(withIds);
  });

  it('an invited member still shows the name the inviter gave, not the name of the account the email already has', async () => {
    const email = uniqueEmail('known');
    expectData(await t.gql(SignUpDocument, { input: { workspaceName: 'Elsewhere', name: 'Real Name', email, password: PASSWORD } }));
    const { inviteMember } = expectData(
      await t.gql(
        InviteMemberDocument,
        { input: { email, name: 'Given Name', role: 'MEMBER', accessScope: 'OWN', teamIds: [ws.teamId] } },
        { token: ws.admin.token },
      ),
    );
    const { teams } = expectData(await t.gql(TeamMemberProfilesDocument, {}, { token: ws.admin.token }));
    const invited = teams.find((team) => team.id === ws.teamId)?.members.find((member) => member.id === inviteMember.member.id);
    expect(invited).toEqual({ id: inviteMember.member.id, name: 'Given Name', email });
    expect(JSON.stringify(teams)).not.toContain('Real Name');
  });
});
