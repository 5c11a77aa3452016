import type { AccessScope, Role } from './roles';

/** A logged-in member of a workspace, acting through an access token. */
export interface MemberPrincipal {
  kind: 'member';
  workspaceId: string;
  membershipId: string;
  userId: string;
  role: Role;
  accessScope: AccessScope;
}

/** An integration acting through an API key: the whole workspace, within the key's scopes. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  workspaceId: string;
  apiKeyId: string;
  scopes: ReadonlySet<string>;
}

export type Principal = MemberPrincipal | ApiKeyPrincipal;

/** Who to record as the actor of a change. */
export const actorOf = (principal: Principal): { membershipId: string | null; apiKeyId: string | null } =>
  principal.kind === 'member'
    ? { membershipId: principal.membershipId, apiKeyId: null }
    : { membershipId: null, apiKeyId: principal.apiKeyId };
