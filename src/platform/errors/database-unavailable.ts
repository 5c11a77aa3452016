/**
 * The one decision "did this fail because the database cannot be reached?", shared by the GraphQL error
 * formatter, the GraphQL context and the plain HTTP endpoints, so they all answer 503 UNAVAILABLE alike.
 */

/** How long clients are told to wait (`Retry-After`, `extensions.retryAfterSeconds`) while the database is down. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures reaching PostgreSQL (Node's `code`). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs meaning "the server is going away or not accepting yet": 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now, 53300 too_many_connections; and class 08 (connection exceptions), matched below.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres and pg-pool raise these without a code when a connection is lost or cannot be had in time. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // "Connection terminated unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

function looksUnavailable(error: object): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  return typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Looks through the wrappers: GraphQL's originalError (and its NonErrorThrown `thrownValue`, for errors that are
 * not `instanceof Error` in this realm), TypeORM's driverError, `cause`, AggregateError's `errors`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (looksUnavailable(error)) return true;
  const { originalError, driverError, cause, thrownValue, errors } = error as {
    originalError?: unknown;
    driverError?: unknown;
    cause?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return [originalError, driverError, cause, thrownValue].some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
