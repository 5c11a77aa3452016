import { randomBytes } from 'node:crypto';
import {
  AcceptInvitationDocument,
  CreateApiKeyDocument,
  CreateTeamDocument,
  InviteMemberDocument,
  SignUpDocument,
  type AccessScope,
  type Role,
} from '../generated/graphql';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (label = 'user'): string => `${label}.${randomBytes(5).toString('hex')}@example.test`;

export interface Actor {
  memberId: string;
  email: string;
  token: string;
  refreshToken: string;
}

export function expectData<T>(result: { data?: T | null; errors?: readonly unknown[] }): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`expected data, got ${JSON.stringify(result.errors ?? result)}`);
  }
  return result.data;
}

export async function signUpOwner(t: TestApp, workspaceName = 'Acme'): Promise<Actor & { workspaceId: string }> {
  const email = uniqueEmail('owner');
  const { signUp } = expectData(
    await t.gql(SignUpDocument, { input: { workspaceName, name: 'Olivia Owner', email, password: PASSWORD } }),
  );
  return {
    workspaceId: signUp.workspace.id,
    memberId: signUp.member.id,
    email,
    token: signUp.accessToken,
    refreshToken: signUp.refreshToken,
  };
}

/** Invites a member and accepts the invitation as them; returns their tokens. */
export async function addMember(
  t: TestApp,
  adminToken: string,
  role: Role,
  accessScope: AccessScope,
  teamIds: string[] = [],
): Promise<Actor> {
  const email = uniqueEmail(role.toLowerCase());
  const { inviteMember } = expectData(
    await t.gql(InviteMemberDocument, { input: { email, role, accessScope, teamIds } }, { token: adminToken }),
  );
  const { acceptInvitation } = expectData(
    await t.gql(AcceptInvitationDocument, {
      input: { token: inviteMember.invitationToken as string, password: PASSWORD, name: `${role} ${accessScope}` },
    }),
  );
  return { memberId: inviteMember.member.id, email, token: acceptInvitation.accessToken, refreshToken: acceptInvitation.refreshToken };
}

export async function createTeam(t: TestApp, adminToken: string, name: string, memberIds: string[] = []): Promise<string> {
  const { createTeam: team } = expectData(await t.gql(CreateTeamDocument, { input: { name, memberIds } }, { token: adminToken }));
  return team.id;
}

export async function createApiKey(t: TestApp, adminToken: string, scopes: string[], expiresAt?: string): Promise<string> {
  const { createApiKey: created } = expectData(
    await t.gql(CreateApiKeyDocument, { input: { name: 'test key', scopes, expiresAt } }, { token: adminToken }),
  );
  return created.secret;
}

export interface TestWorkspace {
  workspaceId: string;
  owner: Actor;
  admin: Actor;
  manager: Actor;
  member: Actor;
  /** A MEMBER with OWN scope: sees only the accounts they own. */
  ownMember: Actor;
  teamId: string;
}

/**
 * A workspace with a member of each role and of each scope: OWNER and ADMIN (ALL), MANAGER (TEAM, in the
 * workspace's team), MEMBER (ALL) and MEMBER (OWN).
 */
export async function createWorkspace(t: TestApp, name = 'Acme'): Promise<TestWorkspace> {
  const owner = await signUpOwner(t, name);
  const admin = await addMember(t, owner.token, 'ADMIN', 'ALL');
  const manager = await addMember(t, owner.token, 'MANAGER', 'TEAM');
  const member = await addMember(t, owner.token, 'MEMBER', 'ALL');
  const ownMember = await addMember(t, owner.token, 'MEMBER', 'OWN');
  const teamId = await createTeam(t, owner.token, `Team ${randomBytes(3).toString('hex')}`, [manager.memberId]);
  return { workspaceId: owner.workspaceId, owner, admin, manager, member, ownMember, teamId };
}
