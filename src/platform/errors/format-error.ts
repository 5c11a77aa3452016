import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logging/logger';
import { AppError } from './errors';
import { ErrorCode, httpStatusOf } from './error-code';
import { ErrorReason } from './error-reason';
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

/** What graphql-js says when the `maxTokens` parse option stops a parse. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/; // graphql 16 writes "more that"

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

const REFUSED_INPUT_CODES = new Set<unknown>([
  '22021', // character_not_in_repertoire: e.g. a NUL or unpaired surrogate reached a text column
  '22P05', // untranslatable_character: e.g. \u0000 inside jsonb
  '22P02', // invalid_text_representation: e.g. a malformed uuid
]);

/**
 * A safety net behind input validation: when PostgreSQL itself refuses a client value as malformed, that is
 * the client's input, not our failure. Answered without the SQL or the offending column.
 */
export function refusedInputMessage(error: unknown): string | undefined {
  const code = (error as { driverError?: { code?: unknown } } | undefined)?.driverError?.code;
  return REFUSED_INPUT_CODES.has(code) ? 'Some input value is malformed (e.g. not a valid id, or text with a NUL character)' : undefined;
}

/** A thrown error as clients see it (GraphQL `errors[]` entries and the HTTP endpoints alike). */
export interface MappedError {
  code: ErrorCode;
  reason: ErrorReason | undefined;
  /** Safe to show: ours, or a generic text for anything we did not raise on purpose. */
  message: string;
  /** `extensions` of the answer: `code`, `reason` when there is one, and the error's details. */
  extensions: Record<string, unknown>;
  /** The status when this error is the whole answer (plain HTTP endpoints, refusals before execution). */
  httpStatus: number;
  /** What to log about it, if anything (details of unexpected errors go there only). */
  log: { level: 'warn' | 'error'; message: string } | null;
}

const mapped = (
  code: ErrorCode,
  message: string,
  details: { reason?: ErrorReason } & Record<string, unknown>,
  log: MappedError['log'],
): MappedError => ({
  code,
  reason: details.reason,
  message,
  extensions: { ...details, code },
  httpStatus: httpStatusOf[code],
  log,
});

/**
 * The one mapping of a thrown error (ours, a database error, anything else) to what clients get, used by the
 * GraphQL error formatter and the plain HTTP endpoints, so both answer alike (a unique-violation race is a
 * 409 CONFLICT with reason CONCURRENT_WRITE over HTTP as over GraphQL).
 */
export function mapError(error: unknown): MappedError {
  const appError = findAppError(error);
  if (appError) return mapped(appError.code, appError.message, appError.extensions, null);
  if (isDatabaseUnavailable(error)) {
    return mapped(
      ErrorCode.UNAVAILABLE,
      `The database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
      { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      { level: 'warn', message: 'database unavailable while serving a request' },
    );
  }
  const concurrent = concurrencyConflict(error);
  if (concurrent) {
    return mapped(ErrorCode.CONFLICT, concurrent, { reason: ErrorReason.CONCURRENT_WRITE }, {
      level: 'warn',
      message: 'request lost a race with a concurrent change',
    });
  }
  const refused = refusedInputMessage(error);
  if (refused) {
    return mapped(ErrorCode.BAD_USER_INPUT, refused, { fields: [] }, { level: 'warn', message: 'database refused a client value' });
  }
  return mapped(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', {}, { level: 'error', message: 'unexpected error while serving a request' });
}

/**
 * The single place errors are shaped for GraphQL clients: every error gets `extensions.code` (and `reason`, see
 * mapError); anything we did not raise on purpose becomes INTERNAL_SERVER_ERROR with a generic message (the
 * details go to the log only).
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const appError = findAppError(error);
    if (appError) {
      const { message, extensions } = mapError(appError);
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const code = formatted.extensions?.code;
    const original = error instanceof GraphQLError ? error.originalError : error;
    const isRequestError =
      typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (!original || original instanceof GraphQLError);
    const tooManyTokens = code === ErrorCode.GRAPHQL_PARSE_FAILED ? TOO_MANY_TOKENS.exec(formatted.message) : null;
    if (isRequestError && tooManyTokens) {
      // graphql-js's `maxTokens` parse option stopped reading the query: a limit, like depth or cost.
      const maxTokens = Number(tooManyTokens[1]);
      const message = `Query has more than ${maxTokens} tokens (the maximum); pass large inputs as variables`;
      return { message, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxTokens } };
    }
    if (isRequestError) {
      const extensions: Record<string, unknown> = { code };
      if (code === ErrorCode.BAD_USER_INPUT) {
        const problem = variableProblem(formatted.message);
        if (problem) extensions.fields = [problem];
      }
      return { message: formatted.message, locations: formatted.locations, extensions };
    }
    // UNAVAILABLE: over HTTP the unavailable-status plugin turns it into 503 with Retry-After.
    const { message, extensions, log } = mapError(original ?? error);
    if (log) logger[log.level]({ err: original ?? error, path: formatted.path }, log.message);
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  };
}
