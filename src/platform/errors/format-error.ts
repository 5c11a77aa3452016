import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logging/logger';
import { AppError } from './errors';
import { ErrorCode } from './error-code';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

/** Codes GraphQL/Apollo assign before execution; their messages describe the request, not our internals. */
const REQUEST_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** graphql-js reports bad variable values as text: `... at "input.email"; ...`; lift the path into `fields`. */
function variableProblem(message: string): { path: string; message: string } | undefined {
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return undefined;
  return { path: match[2] ?? match[1], message: match[3] };
}

/**
 * Services check uniqueness and versions first; a concurrent request can still win the race between check and
 * write. PostgreSQL then refuses (unique violation, serialization failure, deadlock): that is a CONFLICT the
 * client may retry, described without constraint names or SQL.
 */
function concurrencyConflict(error: unknown): string | undefined {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown } | undefined)?.driverError?.code;
  if (code === '23505') return 'A record with the same unique value was just written by another request';
  if (code === '40001' || code === '40P01') return 'A concurrent change interfered; retry the operation';
  return undefined;
}

/**
 * The single place errors are shaped for clients: every error gets `extensions.code`; anything we did not
 * raise on purpose becomes INTERNAL_SERVER_ERROR with a generic message (the details go to the log only).
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const appError = findAppError(error);
    if (appError) {
      return {
        message: appError.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...appError.extensions, code: appError.code },
      };
    }
    const code = formatted.extensions?.code;
    const original = error instanceof GraphQLError ? error.originalError : error;
    const isRequestError =
      typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (!original || original instanceof GraphQLError);
    if (isRequestError) {
      const extensions: Record<string, unknown> = { code };
      if (code === ErrorCode.BAD_USER_INPUT) {
        const problem = variableProblem(formatted.message);
        if (problem) extensions.fields = [problem];
      }
      return { message: formatted.message, locations: formatted.locations, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      // Over HTTP the unavailable-status plugin turns this into 503 with Retry-After.
      logger.warn({ err: original, path: formatted.path }, 'database unavailable while serving a request');
      return {
        message: `The database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.UNAVAILABLE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      };
    }
    const concurrent = concurrencyConflict(original);
    if (concurrent) {
      logger.warn({ err: original, path: formatted.path }, 'request lost a race with a concurrent change');
      return { message: concurrent, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.CONFLICT } };
    }
    logger.error({ err: original ?? error, path: formatted.path }, 'unexpected error while serving a request');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
