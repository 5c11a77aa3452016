import type { IncomingMessage } from 'node:http';
import express, { type Router } from 'express';
import { BadUserInputError, PayloadTooLargeError } from '../platform/errors/errors';
import type { Logger } from '../platform/logging/logger';
import type { ContextSources } from '../platform/server/context-factory';
import { answerHttp, authorizeHttp, sendMethodNotAllowed } from '../platform/server/http-endpoint';
import { requestId as assignRequestId } from '../platform/server/request-id';

/** The media types a raw message may be posted as. */
const MESSAGE_TYPES = new Set(['message/rfc822', 'text/plain']);

/**
 * The inbound capture endpoints (README "Inbound email and calls"), both with `Authorization: Bearer <API key or
 * access token>` and leads:write (members: any role); errors in the GraphQL `{ errors: [...] }` shape:
 * - `POST /inbound/email`: the raw RFC 822 message as the body (Content-Type message/rfc822 or text/plain), at most
 *   `maxEmailBytes` (else 413 PAYLOAD_TOO_LARGE).
 * - `POST /inbound/calls`: a JSON call report (at most `maxJsonBytes`).
 * Both answer 201 with what was created or linked, 200 with `duplicate: true` for a message or call seen before.
 */
export function inboundRouter(contexts: ContextSources, logger: Logger, limits: { maxEmailBytes: number; maxJsonBytes: number }): Router {
  const { services } = contexts;
  const router = express.Router();
  router.use(['/inbound/email', '/inbound/calls'], assignRequestId);

  router.post('/inbound/email', async (req, res) => {
    await answerHttp(req, res, logger, 'POST /inbound/email', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'leads:write');
      const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!MESSAGE_TYPES.has(type)) throw BadUserInputError.field('input.message', 'must be sent as the body with Content-Type message/rfc822 or text/plain');
      if (Number(req.get('content-length') ?? 0) > limits.maxEmailBytes) throw new PayloadTooLargeError(limits.maxEmailBytes);
      const raw = await readBody(req, limits.maxEmailBytes);
      if (!raw.length) throw BadUserInputError.field('input.message', 'is required: send the raw message as the body');
      const answer = await services.inbound.email(principal, raw);
      res.status(answer.status).json(answer.body);
    });
  });

  router.post('/inbound/calls', express.json({ limit: limits.maxJsonBytes }), async (req, res) => {
    await answerHttp(req, res, logger, 'POST /inbound/calls', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'leads:write');
      if (!req.is('application/json') || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        throw BadUserInputError.field('input', 'must be a JSON object (Content-Type application/json)');
      }
      const answer = await services.inbound.call(principal, req.body);
      res.status(answer.status).json(answer.body);
    });
  });

  router.all(['/inbound/email', '/inbound/calls'], (req, res) => sendMethodNotAllowed(req, res, 'POST'));
  return router;
}

/** The whole body, refusing (without reading the rest) as soon as it passes `maxBytes`. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      req.off('data', onData);
      req.pause();
      reject(new PayloadTooLargeError(maxBytes));
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
  });
}
