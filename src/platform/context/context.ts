import type { Logger } from '../logging/logger';
import type { AppError } from '../errors/errors';
import type { Principal } from '../auth/principal';
import type { TimelineLoaders } from '../timeline/timeline.loaders';

/**
 * The app's services and per-request DataLoaders. Platform knows no domain: the composition root (src/services.ts,
 * src/loaders.ts) completes these interfaces by module augmentation, so resolvers see every service and loader.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- completed by src/services.ts
export interface AppServices {}
export interface AppLoaders {
  timeline: TimelineLoaders;
}

/** What every resolver receives: who is calling, the app's services, and this request's DataLoaders. */
export interface RequestContext {
  requestId: string;
  /**
   * Who is calling. A holder object, because Apollo shallow-copies the context per operation and log-in
   * mutations set the principal mid-request (loaders must see it).
   */
  auth: {
    principal: Principal | null;
    /** Why credentials that were presented were refused; raised only when a guarded field is reached. */
    error: AppError | null;
  };
  services: AppServices;
  loaders: AppLoaders;
  /** Makes a fresh set of this app's DataLoaders (a subscription event gets its own, never the operation's). */
  createLoaders(currentPrincipal: () => Principal | null): AppLoaders;
  logger: Logger;
}

/** The principal of a guarded resolver (the authChecker has already refused anonymous callers). */
export function principalOf(context: RequestContext): Principal {
  if (!context.auth.principal) throw new Error('principalOf() called on an unguarded path');
  return context.auth.principal;
}
