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

/**
 * A request context whose logger child and DataLoaders are made on first use: most requests (a `me`, an
 * integrator's single read, a refused credential) never log from a resolver, and many touch few loaders. The
 * lazy parts are prototype accessors over own fields, so Apollo's per-operation copy (`Object.assign` onto the same
 * prototype) keeps working, and an assigned value (a subscription event's fresh loaders) replaces the lazy one.
 */
class LazyRequestContext implements RequestContext {
  private ownLogger: Logger | undefined = undefined;
  private ownLoaders: AppLoaders | undefined = undefined;

  constructor(
    readonly requestId: string,
    public auth: RequestContext['auth'],
    readonly services: AppServices,
    readonly createLoaders: ContextSources['createLoaders'],
    private readonly parentLogger: Logger,
  ) {}

  get logger(): Logger {
    return (this.ownLogger ??= this.parentLogger.child({ requestId: this.requestId }));
  }

  set logger(logger: Logger) {
    this.ownLogger = logger;
  }

  get loaders(): AppLoaders {
    return (this.ownLoaders ??= this.createLoaders(() => this.auth.principal));
  }

  set loaders(loaders: AppLoaders) {
    this.ownLoaders = loaders;
  }
}

/** Builds a request context: authenticates the credential once; its logger child and DataLoaders come on first use. */
export async function buildContext(
  sources: ContextSources,
  logger: Logger,
  credential: string | null,
  requestId: string = randomUUID(),
): Promise<RequestContext> {
  const { services } = sources;
  const authentication = credential ? await services.auth.authenticate(credential) : null;
  const auth = { principal: authentication?.principal ?? null, error: authentication?.error ?? null };
  return new LazyRequestContext(requestId, auth, services, sources.createLoaders, logger);
}

/**
 * A new request context for one subscription event: the caller's principal as it is now (the socket's holder is
 * kept current by re-authentication), held for the whole event, and fresh DataLoaders. graphql-ws builds one
 * context per operation, not per event: reusing its loaders would serve rows cached when the subscription began.
 */
export function freshContextFor(context: RequestContext): RequestContext {
  const auth = { principal: context.auth.principal, error: context.auth.error };
  return new LazyRequestContext(randomUUID(), auth, context.services, context.createLoaders, context.logger);
}
