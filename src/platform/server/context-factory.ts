import { randomUUID } from 'node:crypto';
import { createLoaders } from '../../loaders';
import type { Services } from '../../services';
import type { RequestContext } from '../context/context';
import type { Logger } from '../logging/logger';

/** Extracts the credential from `Authorization: Bearer <token>` (or a bare token, for WebSocket params). */
export function bearerFrom(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*(?:Bearer\s+)?(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Builds a request context: authenticates the credential once and creates fresh DataLoaders. */
export async function buildContext(
  services: Services,
  logger: Logger,
  credential: string | null,
  requestId: string = randomUUID(),
): Promise<RequestContext> {
  const authentication = credential ? await services.auth.authenticate(credential) : null;
  const context: RequestContext = {
    requestId,
    auth: { principal: authentication?.principal ?? null, error: authentication?.error ?? null },
    services,
    logger: logger.child({ requestId }),
    loaders: undefined as unknown as RequestContext['loaders'],
  };
  context.loaders = createLoaders(services, () => context.auth.principal);
  return context;
}

/**
 * A new request context for one subscription event: the caller's principal as it is now (the socket's holder is
 * kept current by re-authentication), held for the whole event, and fresh DataLoaders. graphql-ws builds one
 * context per operation, not per event: reusing its loaders would serve rows cached when the subscription began.
 */
export function freshContextFor(context: RequestContext): RequestContext {
  const requestId = randomUUID();
  const fresh: RequestContext = {
    ...context,
    requestId,
    auth: { principal: context.auth.principal, error: context.auth.error },
    logger: context.logger.child({ requestId }),
  };
  fresh.loaders = createLoaders(context.services, () => fresh.auth.principal);
  return fresh;
}
