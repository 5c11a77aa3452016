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
