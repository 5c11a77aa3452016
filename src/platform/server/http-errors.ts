import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger';
import { ErrorCode, httpStatusOf } from '../errors/error-code';
import { mapError } from '../errors/format-error';

/** Errors raised before GraphQL runs (body parsing, size limits) answered in the GraphQL error shape. */
export function httpErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let code = ErrorCode.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    let extensions: Record<string, unknown> = {};
    if (error.type === 'entity.too.large' || error.status === 413) {
      code = ErrorCode.PAYLOAD_TOO_LARGE;
      message = `Request body larger than ${maxBodyBytes} bytes`;
    } else if (error.type === 'entity.parse.failed') {
      code = ErrorCode.GRAPHQL_PARSE_FAILED;
      message = 'Request body is not valid JSON';
    } else if (error.status && error.status >= 400 && error.status < 500) {
      code = ErrorCode.BAD_USER_INPUT;
      message = 'Malformed request';
    } else {
      // Anything else a route passed on: the mapping GraphQL uses (ours, a database race or outage, or a 500).
      const mapped = mapError(error);
      if (mapped.log) logger[mapped.log.level]({ err: error, path: req.path }, `${mapped.log.message} (unhandled HTTP error)`);
      ({ code, message, extensions } = mapped);
    }
    sendError(res, code, message, extensions);
  };
}

/** Answers outside GraphQL (HTTP endpoints) in the GraphQL error shape, with the status of the code. */
export function sendError(res: Response, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(httpStatusOf[code]).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}
