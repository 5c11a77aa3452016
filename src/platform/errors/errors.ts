import { GraphQLError } from 'graphql';
import { ErrorCode, httpStatusOf } from './error-code';
import { ErrorReason } from './error-reason';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Base of every error we raise on purpose: its message and extensions are safe to show to clients. */
export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;
  protected constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions });
  }

  /** `extensions.reason`, when the code alone does not say which failure this is. */
  get reason(): ErrorReason | undefined {
    return this.extensions.reason as ErrorReason | undefined;
  }
}

/** Extensions of an error class that takes a reason (left out of the answer when none is given). */
const withReason = (reason: ErrorReason | undefined): { reason?: ErrorReason } => (reason ? { reason } : {});

export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Authentication required') {
    super(message, { code: ErrorCode.UNAUTHENTICATED });
  }
}

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'Not allowed', reason?: ErrorReason) {
    super(message, { code: ErrorCode.FORBIDDEN, ...withReason(reason) });
  }
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(what = 'Record') {
    super(`${what} not found`, { code: ErrorCode.NOT_FOUND, reason: ErrorReason.RECORD_NOT_FOUND });
  }
}

/** The value, or NOT_FOUND naming what was missing (e.g. a loader's null). */
export function requireFound<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw new NotFoundError(what);
  return value;
}

export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    readonly fields: FieldProblem[],
    message = fields.length === 1 ? `Invalid input: ${fields[0].path} ${fields[0].message}` : 'Invalid input',
    reason?: ErrorReason,
  ) {
    super(message, { code: ErrorCode.BAD_USER_INPUT, ...withReason(reason), fields });
  }

  static field(path: string, message: string, reason?: ErrorReason): BadUserInputError {
    return new BadUserInputError([{ path, message }], undefined, reason);
  }
}

export class ConflictError extends AppError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, extra: { reason: ErrorReason } & Record<string, unknown>) {
    super(message, { code: ErrorCode.CONFLICT, ...extra });
  }
}

export class RateLimitedError extends AppError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(readonly retryAfterSeconds: number, message = 'Too many attempts') {
    super(`${message}; retry after ${retryAfterSeconds} seconds`, {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
    });
  }
}

export class PayloadTooLargeError extends AppError {
  readonly code = ErrorCode.PAYLOAD_TOO_LARGE;
  constructor(limitBytes: number) {
    super(`Payload larger than ${limitBytes} bytes`, { code: ErrorCode.PAYLOAD_TOO_LARGE, limitBytes });
  }
}

export class QueryTooComplexError extends AppError {
  readonly code = ErrorCode.QUERY_TOO_COMPLEX;
  constructor(message: string, extra: Record<string, unknown>) {
    super(message, { code: ErrorCode.QUERY_TOO_COMPLEX, ...extra });
  }
}

/**
 * An AppError refusing a request before execution (a plugin hook), marked for Apollo Server with the HTTP status of
 * its code (`httpStatusOf`). Apollo answers an unmarked error thrown there with 500; it reads `extensions.http` and
 * strips it from the body, and the error formatter shapes the answer from the AppError itself (`originalError`).
 * Not for errors raised during execution, whose status stays 200 with partial data.
 */
export function refusalBeforeExecution(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions, http: { status: httpStatusOf[error.code] } },
  });
}

/** The database cannot be reached (down, restarting, refusing connections): the client may retry later. */
export class UnavailableError extends AppError {
  readonly code = ErrorCode.UNAVAILABLE;
  constructor(readonly retryAfterSeconds: number, message = 'The service is temporarily unavailable') {
    super(`${message}; retry after ${retryAfterSeconds} seconds`, { code: ErrorCode.UNAVAILABLE, retryAfterSeconds });
  }
}
