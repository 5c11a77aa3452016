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

/**
 * An integration acting through an API key: the whole workspace, within the key's scopes. `apiKeyId` is null for
 * the server itself acting for an anonymous public channel (a web form post: systemPrincipal), recorded as SYSTEM.
 */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  workspaceId: string;
  apiKeyId: string | null;
  scopes: ReadonlySet<string>;
}

/**
 * The server acting in a workspace on behalf of no member and no key (a public web form's post): sees the whole
 * workspace within `scopes`; its changes are recorded with a SYSTEM actor. Never built from a request's credentials.
 */
export const systemPrincipal = (workspaceId: string, scopes: readonly string[]): ApiKeyPrincipal => ({
  kind: 'apiKey',
  workspaceId,
  apiKeyId: null,
  scopes: new Set(scopes),
});

export type Principal = MemberPrincipal | ApiKeyPrincipal;

/** Who to record as the actor of a change. */
export const actorOf = (principal: Principal): { membershipId: string | null; apiKeyId: string | null } =>
  principal.kind === 'member'
    ? { membershipId: principal.membershipId, apiKeyId: null }
    : { membershipId: null, apiKeyId: principal.apiKeyId };
