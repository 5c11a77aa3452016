import { chunkLists, defineTopic } from '../events/topic';

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
