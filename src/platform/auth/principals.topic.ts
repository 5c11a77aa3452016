import { chunkLists, defineTopic } from '../events/topic';
import type { Principal } from './principal';

/**
 * Credentials whose rights changed (a member removed, their role or access scope changed; an API key revoked),
 * published by identity in the transaction of the change. Open connections of these principals re-authenticate
 * at once (server/websocket.ts listens). Declared here, beside Principal, because that listener is platform's.
 */
export interface PrincipalsChangedEvent {
  workspaceId: string;
  membershipIds: string[];
  apiKeyIds: string[];
}

export const principalsTopic = defineTopic<PrincipalsChangedEvent>('principals', {
  chunk: chunkLists<PrincipalsChangedEvent>('membershipIds', 'apiKeyIds'),
});

/** Which principals a change names: its members and API keys, in its workspace (a test built once per change). */
export function principalsNamedBy(change: PrincipalsChangedEvent): (principal: Principal | null) => boolean {
  const memberships = new Set(change.membershipIds);
  const apiKeys = new Set(change.apiKeyIds);
  return (principal) =>
    principal !== null &&
    principal.workspaceId === change.workspaceId &&
    (principal.kind === 'member' ? memberships.has(principal.membershipId) : principal.apiKeyId !== null && apiKeys.has(principal.apiKeyId));
}
