import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal';
import { allowedPrincipal } from '../auth/guard';
import type { ApiScope } from '../auth/scopes';
import { ErrorCode } from '../errors/error-code';
import { mapError } from '../errors/format-error';
import type { Logger } from '../logging/logger';
import { bearerFrom, buildContext, type ContextSources } from './context-factory';
import { sendError } from './http-errors';
import { sendIfUnavailable } from './unavailable';

/**
 * The shared pieces of every non-GraphQL HTTP endpoint (documents, imports, forms, inbound): authentication with
 * the same bearer and @Guard decision as /graphql, and one way of answering errors in the GraphQL error shape.
 */

/** Authenticates the bearer like /graphql does and applies the same @Guard decision `{ scope }` (members: any role). */
export async function authorizeHttp(contexts: ContextSources, logger: Logger, req: Request, res: Response, scope: ApiScope): Promise<Principal> {
  const context = await buildContext(contexts, logger, bearerFrom(req.get('authorization')), res.locals.requestId as string);
  return allowedPrincipal(context.auth, [{ scope }]);
}

/**
 * Runs a handler, answering any error in the GraphQL error shape (`{ errors: [{ message, extensions: { code } }] }`)
 * with the status of its code; unexpected errors are logged, never shown. `endpoint` names the route in logs.
 */
export async function answerHttp(req: Request, res: Response, logger: Logger, endpoint: string, run: () => Promise<void>): Promise<void> {
  const requestId = res.locals.requestId as string;
  try {
    await run();
  } catch (error) {
    if (res.headersSent) {
      logger.error({ err: error, path: req.path, requestId }, 'error after the response started');
      res.destroy();
      return;
    }
    // A body we did not read (refused early) is not worth receiving: close the connection after answering.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (sendIfUnavailable(res, error)) {
      logger.warn({ err: error, path: req.path, requestId }, `database unavailable while serving ${endpoint}`);
      return;
    }
    // The same mapping as GraphQL's (e.g. a unique-violation race is 409 CONFLICT, reason CONCURRENT_WRITE).
    const mapped = mapError(error);
    if (mapped.log) logger[mapped.log.level]({ err: error, path: req.path, requestId }, `${mapped.log.message} (${endpoint})`);
    if (mapped.code === ErrorCode.UNAUTHENTICATED) res.setHeader('WWW-Authenticate', 'Bearer');
    const retryAfter = mapped.extensions.retryAfterSeconds;
    if (mapped.code === ErrorCode.RATE_LIMITED && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    sendError(res, mapped.code, mapped.message, mapped.extensions);
  }
}

/** Answers 405 with the allowed methods. */
export function sendMethodNotAllowed(req: Request, res: Response, allow: string): void {
  res.setHeader('Allow', allow);
  res.status(405).json({ errors: [{ message: `${req.method} is not supported here`, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}
