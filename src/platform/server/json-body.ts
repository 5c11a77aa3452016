import express, { type RequestHandler } from 'express';

/** `application/json`, optionally with `charset=utf-8`: the one body shape GraphQL clients send. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset=(?:utf-8|"utf-8")\s*)?$/i;
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** An error shaped like body-parser's, so httpErrorHandler answers it the same way. */
const bodyError = (type: string, message: string) => Object.assign(new Error(message), { status: 400, statusCode: 400, expose: true, type });

/**
 * The JSON body parser of /graphql: express.json({ limit }) for anything unusual, and for the request every
 * client sends (POST, `application/json` in UTF-8, not compressed, a Content-Length within the limit) a direct
 * read and `JSON.parse`, without body-parser's per-request content-type parsing, type matching, decoder set-up
 * and stream plumbing. Same answers: strict JSON (an object or an array), a leading BOM ignored, a body that is not
 * JSON refused as `entity.parse.failed`, an aborted upload as `request.aborted`; sizes over the limit, empty
 * bodies, other charsets and encodings go to express.json, which answers them as before.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req, res, next) => {
    const length = Number(req.headers['content-length']);
    const contentType = req.headers['content-type'];
    if (
      req.method !== 'POST' ||
      !(length > 0 && length <= limitBytes) ||
      req.headers['content-encoding'] !== undefined ||
      req.headers['transfer-encoding'] !== undefined ||
      contentType === undefined ||
      !PLAIN_JSON.test(contentType)
    ) {
      general(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      req.off('close', onClose);
      next(error);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      // Node's parser stops at Content-Length, so `received` is at most `length` (below: an early end).
      if (received !== length) return settle(bodyError('request.size.invalid', 'request size did not match content length'));
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let first = 0;
      while (first < text.length && JSON_WHITESPACE.has(text.charCodeAt(first))) first += 1;
      if (text[first] !== '{' && text[first] !== '[') return settle(bodyError('entity.parse.failed', 'Request body is not a JSON object or array'));
      try {
        req.body = JSON.parse(text) as unknown;
      } catch {
        return settle(bodyError('entity.parse.failed', 'Request body is not valid JSON'));
      }
      settle();
    };
    const onAbort = () => settle(bodyError('request.aborted', 'request aborted'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('aborted', onAbort);
    req.once('close', onClose);
  };
}
