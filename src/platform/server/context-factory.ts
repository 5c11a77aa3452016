import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { AppLoaders, AppServices, RequestContext } from '../context/context';
import type { AppError } from '../errors/errors';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';

/** What checking a presented credential gives: the principal, or why the credential was refused. */
export type Authentication = { principal: Principal; error: null } | { principal: null; error: AppError };

/**
 * What platform needs from the composition root to build contexts (it imports no domain): the app's services,
 * among them the authenticator and the event bus, and a factory of per-request DataLoaders.
 */
export interface ContextSources {
  services: AppServices & {
    /** `fresh`: look the credential up again, past any cache (re-checks of open WebSocket connections). */
    auth: { authenticate(credential: string, options?: { fresh?: boolean }): Promise<Authentication> };
    events?: EventBus;
  };
  createLoaders(currentPrincipal: () => Principal | null): AppLoaders;
}

/** Extracts the credential from `Authorization: Bearer <token>` (or a bare token, for WebSocket params). */
export function bearerFrom(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*(?:Bearer\s+)?(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Builds a request context: authenticates the credential once and creates fresh DataLoaders. */
export async function buildContext(
  sources: ContextSources,
  logger: Logger,
  credential: string | null,
  requestId: string = randomUUID(),
): Promise<RequestContext> {
  const { services } = sources;
  const authentication = credential ? await services.auth.authenticate(credential) : null;
  const context: RequestContext = {
    requestId,
    auth: { principal: authentication?.principal ?? null, error: authentication?.error ?? null },
    services,
    logger: logger.child({ requestId }),
    loaders: undefined as unknown as RequestContext['loaders'],
    createLoaders: sources.createLoaders,
  };
  // Made on first use: a subscription's operation context is held as long as its socket and most never load
  // through it (each event gets fresh loaders), so 10,000 subscribers do not hold 10,000 sets of DataLoaders.
  let loaders: RequestContext['loaders'] | undefined;
  Object.defineProperty(context, 'loaders', {
    enumerable: true,
    get: () => (loaders ??= sources.createLoaders(() => context.auth.principal)),
    set: (value: RequestContext['loaders']) => {
      loaders = value;
    },
  });
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
  fresh.loaders = context.createLoaders(() => fresh.auth.principal);
  return fresh;
}
