import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../errors/database-unavailable';
import { ErrorCode, httpStatusOf } from '../errors/error-code';
import { UnavailableError } from '../errors/errors';
import { sendError } from './http-errors';

const retryAfterOf = (extensions: Record<string, unknown> | undefined): number => {
  const seconds = extensions?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : DATABASE_RETRY_AFTER_SECONDS;
};

/**
 * Errors are shaped by the formatter after Apollo has chosen the HTTP status, so a resolver that met a down
 * database would answer 200 (or 500). When any error of the answer is UNAVAILABLE, answer 503 with Retry-After.
 */
export function unavailableStatusPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const unavailable = response.body.singleResult.errors?.find((error) => error.extensions?.code === ErrorCode.UNAVAILABLE);
          if (!unavailable) return;
          response.http.status = httpStatusOf[ErrorCode.UNAVAILABLE];
          response.http.headers.set('retry-after', String(retryAfterOf(unavailable.extensions)));
        },
      };
    },
  };
}

/**
 * For the GraphQL context function: authentication reads the database before any plugin runs, so a failure
 * there carries its HTTP status itself (Apollo reads `extensions.http` of context errors).
 */
export function asUnavailableContextError(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  const unavailable = new UnavailableError(DATABASE_RETRY_AFTER_SECONDS, 'The database is unavailable');
  return new GraphQLError(unavailable.message, {
    originalError: unavailable,
    extensions: {
      ...unavailable.extensions,
      http: {
        status: httpStatusOf[ErrorCode.UNAVAILABLE],
        headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/** For plain HTTP endpoints: answers 503 UNAVAILABLE with Retry-After when `error` is a database outage. */
export function sendIfUnavailable(res: Response, error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  sendError(res, ErrorCode.UNAVAILABLE, `The database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds`, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
  return true;
}
