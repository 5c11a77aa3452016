import { AcceptInvitationDocument, InviteMemberDocument, LogInDocument, MembersDocument, SignUpDocument } from '../generated/graphql';
import { createWorkspace, expectData, PASSWORD, signUpOwner, uniqueEmail, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The structure of a response with every leaf replaced by its type: what must not differ between two emails. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return value === null ? null : typeof value;
}

const errorOf = (result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => {
  const [error] = result.errors ?? [];
  return { message: error?.message, extensions: error?.extensions, count: result.errors?.length };
};

describe('no email enumeration through signUp and inviteMember', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const signUp = (email: string, password: string, workspaceName = 'Probe') =>
    t.gql(SignUpDocument, { input: { workspaceName, name: 'Prober', email, password } });

  it('signUp with a taken email and a wrong password gets exactly the error of a wrong logIn', async () => {
    const owner = await signUpOwner(t);
    const viaSignUp = await signUp(owner.email, 'a wrong password here');
    const viaLogIn = await t.gql(LogInDocument, { input: { email: owner.email, password: 'a wrong password here' } });
    const unknownLogIn = await t.gql(LogInDocument, { input: { email: uniqueEmail(), password: 'a wrong password here' } });
    expect(errorOf(viaSignUp)).toEqual({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' }, count: 1 });
    expect(errorOf(viaSignUp)).toEqual(errorOf(viaLogIn));
    expect(errorOf(viaSignUp)).toEqual(errorOf(unknownLogIn));
    expect(JSON.stringify(viaSignUp)).not.toMatch(/exist/i);
    const workspaces = await t.app.db.query("SELECT count(*)::int AS n FROM workspaces WHERE name = 'Probe'");
    expect(workspaces[0].n).toBe(0);
  });

  it('signUp with a taken email and its password answers like a new email: that user owns the new workspace', async () => {
    const owner = await signUpOwner(t);
    const fresh = expectData(await signUp(uniqueEmail('fresh'), PASSWORD, 'Second'));
    const taken = expectData(await signUp(owner.email, PASSWORD, 'Second'));
    expect(shapeOf(taken)).toEqual(shapeOf(fresh));
    expect(taken.signUp.workspace.id).not.toBe(owner.workspaceId);
    expect(taken.signUp.member).toMatchObject({ email: owner.email, name: 'Olivia Owner', role: 'OWNER', status: 'ACTIVE' });
    const intoSecond = expectData(
      await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD, workspaceId: taken.signUp.workspace.id } }),
    );
    expect(intoSecond.logIn.member.id).toBe(taken.signUp.member.id);
    const intoFirst = expectData(await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD, workspaceId: owner.workspaceId } }));
    expect(intoFirst.logIn.member.id).toBe(owner.memberId);
  });

  it('wrong passwords through signUp count toward the log-in throttle of that email', async () => {
    const owner = await signUpOwner(t);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(errorOf(await signUp(owner.email, `wrong password ${attempt}`)).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
    const locked = await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD } });
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect((await signUp(owner.email, PASSWORD)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('inviteMember answers the same for an email with an account and a fresh one: an INVITED member and a token', async () => {
    const someoneElse = await signUpOwner(t, 'Elsewhere'); // has a password, in another workspace
    const invite = (email: string) =>
      t.gql(InviteMemberDocument, { input: { email, name: 'New Hire', role: 'MEMBER', accessScope: 'OWN' } }, { token: ws.admin.token });
    const fresh = expectData(await invite(uniqueEmail('fresh')));
    const taken = expectData(await invite(someoneElse.email));
    expect(shapeOf(taken)).toEqual(shapeOf(fresh));
    for (const { inviteMember } of [fresh, taken]) {
      expect(inviteMember.invitationToken).toEqual(expect.any(String));
      expect(inviteMember.member).toMatchObject({ name: 'New Hire', role: 'MEMBER', accessScope: 'OWN', status: 'INVITED', version: 1 });
    }
    // The pending invitation shows the inviter's name for the person, not the account's own name.
    const { members } = expectData(await t.gql(MembersDocument, {}, { token: ws.admin.token }));
    expect(members.find((m) => m.id === taken.inviteMember.member.id)?.name).toBe('New Hire');
  });

  it('a person who already has an account accepts an invitation with their password, and keeps it and their name', async () => {
    const person = await signUpOwner(t, 'Own shop');
    const { inviteMember } = expectData(
      await t.gql(InviteMemberDocument, { input: { email: person.email, name: 'Renamed?', role: 'MANAGER', accessScope: 'TEAM' } }, { token: ws.admin.token }),
    );
    const token = inviteMember.invitationToken;

    const wrong = await t.gql(AcceptInvitationDocument, { input: { token, password: 'not their password' } });
    expect(errorOf(wrong)).toEqual({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' }, count: 1 });

    const { acceptInvitation } = expectData(await t.gql(AcceptInvitationDocument, { input: { token, password: PASSWORD, name: 'Ignored' } }));
    expect(acceptInvitation.member).toMatchObject({ id: inviteMember.member.id, email: person.email, name: 'Olivia Owner', role: 'MANAGER', status: 'ACTIVE' });
    const again = await t.gql(AcceptInvitationDocument, { input: { token, password: PASSWORD } });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Their password did not change: they still log in to their own workspace with it.
    const home = expectData(await t.gql(LogInDocument, { input: { email: person.email, password: PASSWORD, workspaceId: person.workspaceId } }));
    expect(home.logIn.member.id).toBe(person.memberId);
  });

  it('a person without an account sets their password when accepting, as before', async () => {
    const email = uniqueEmail('newbie');
    const { inviteMember } = expectData(
      await t.gql(InviteMemberDocument, { input: { email, name: 'Nina New', role: 'MEMBER', accessScope: 'ALL' } }, { token: ws.admin.token }),
    );
    const { acceptInvitation } = expectData(
      await t.gql(AcceptInvitationDocument, { input: { token: inviteMember.invitationToken, password: 'a brand new password' } }),
    );
    expect(acceptInvitation.member).toMatchObject({ email, name: 'Nina New', status: 'ACTIVE' });
    expectData(await t.gql(LogInDocument, { input: { email, password: 'a brand new password' } }));
  });
});
