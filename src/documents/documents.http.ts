import express, { type Request, type Response, type Router } from 'express';
import type { Principal } from '../platform/auth/principal';
import { allowedPrincipal } from '../platform/auth/guard';
import type { ApiScope } from '../platform/auth/scopes';
import { ErrorCode } from '../platform/errors/error-code';
import { BadUserInputError, PayloadTooLargeError } from '../platform/errors/errors';
import { mapError } from '../platform/errors/format-error';
import type { Logger } from '../platform/logging/logger';
import { bearerFrom, buildContext, type ContextSources } from '../platform/server/context-factory';
import { sendError } from '../platform/server/http-errors';
import { requestId as assignRequestId } from '../platform/server/request-id';
import { unstorableTextProblem } from '../platform/validation/storable-text';
import { sendIfUnavailable } from '../platform/server/unavailable';
import type { Document } from './document.entity';
import { downloadPathOf } from './documents.service';
import { contentDisposition } from './file-content';
import { MULTIPART_OVERHEAD_BYTES, readMultipartUpload } from './multipart-upload';

/**
 * The HTTP side of documents (README "Documents"):
 * - `POST /documents`: multipart/form-data with `recordId`, optional `typeId` and `fileName`, and one `file` part
 *   (at most MAX_UPLOAD_BYTES); 201 with the stored document.
 * - `GET /documents/:id/content`: the bytes, to whoever can see the record (404 otherwise).
 * Both take `Authorization: Bearer <access token or API key>`; errors use the GraphQL `{ errors: [...] }` shape.
 */
export function documentsRouter(contexts: ContextSources, logger: Logger): Router {
  const { services } = contexts;
  const router = express.Router();
  router.use(['/documents', '/documents/:id/content'], assignRequestId);

  router.post('/documents', async (req, res) => {
    await answer(req, res, logger, async () => {
      const principal = await authorize(contexts, logger, req, res, 'accounts:write');
      const limit = services.documents.uploadLimitBytes;
      if (Number(req.get('content-length') ?? 0) > limit + MULTIPART_OVERHEAD_BYTES) {
        throw new PayloadTooLargeError(limit);
      }
      const upload = await readMultipartUpload(req, limit);
      // As over GraphQL, ids carrying text PostgreSQL can't store are refused; file names are sanitised instead.
      const problem = unstorableTextProblem({ recordId: upload.fields.get('recordId'), typeId: upload.fields.get('typeId') }, 'input');
      if (problem) throw new BadUserInputError([problem]);
      const recordId = upload.fields.get('recordId');
      if (!recordId) throw BadUserInputError.field('input.recordId', 'is required');
      if (!upload.file) throw BadUserInputError.field('input.file', 'is required: send the file in a part named "file"');
      const document = await services.documents.attach(
        principal,
        {
          recordId,
          typeId: upload.fields.get('typeId') || null,
          fileName: upload.fields.get('fileName') || upload.file.fileName,
          content: upload.file.content,
        },
        { content: 'input.file' },
      );
      res.status(201).location(downloadPathOf(document.id)).json({ document: documentJson(document) });
    });
  });

  router.get('/documents/:id/content', async (req, res) => {
    await answer(req, res, logger, async () => {
      const principal = await authorize(contexts, logger, req, res, 'accounts:read');
      const { document, content } = await services.documents.download(principal, String(req.params.id), etagsOf(req.get('if-none-match')));
      res.setHeader('ETag', `"${document.sha256}"`);
      res.setHeader('Cache-Control', 'private, no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      if (!content) {
        res.status(304).end();
        return;
      }
      res.setHeader('Content-Type', document.contentType);
      res.setHeader('Content-Disposition', contentDisposition(document.fileName));
      res.setHeader('Content-Length', String(content.length));
      res.status(200).end(content);
    });
  });

  router.all(['/documents', '/documents/:id/content'], (req, res) => {
    res.setHeader('Allow', req.path === '/documents' ? 'POST' : 'GET, HEAD');
    res.status(405).json({ errors: [{ message: `${req.method} is not supported here`, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
  });

  return router;
}

const documentJson = (document: Document) => ({
  id: document.id,
  recordType: document.recordType,
  recordId: document.recordId,
  typeId: document.typeId,
  fileName: document.fileName,
  contentType: document.contentType,
  sizeBytes: document.sizeBytes,
  sha256: document.sha256,
  createdAt: document.createdAt.toISOString(),
  downloadUrl: downloadPathOf(document.id),
});

/** Entity tags listed in If-None-Match, without quotes or weakness marks. */
const etagsOf = (header: string | undefined): string[] =>
  (header ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .filter(Boolean);

/** Authenticates the bearer like /graphql does and applies the same @Guard decision `{ scope }` (members: any role). */
async function authorize(contexts: ContextSources, logger: Logger, req: Request, res: Response, scope: ApiScope): Promise<Principal> {
  const context = await buildContext(contexts, logger, bearerFrom(req.get('authorization')), res.locals.requestId as string);
  return allowedPrincipal(context.auth, [{ scope }]);
}

/** Runs a handler, answering any error in the GraphQL error shape; unexpected ones are logged, never shown. */
async function answer(req: Request, res: Response, logger: Logger, run: () => Promise<void>): Promise<void> {
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
      logger.warn({ err: error, path: req.path, requestId }, 'database unavailable while serving a document request');
      return;
    }
    // The same mapping as GraphQL's (e.g. a unique-violation race is 409 CONFLICT, reason CONCURRENT_WRITE).
    const mapped = mapError(error);
    if (mapped.log) logger[mapped.log.level]({ err: error, path: req.path, requestId }, `${mapped.log.message} (document endpoint)`);
    if (mapped.code === ErrorCode.UNAUTHENTICATED) res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, mapped.code, mapped.message, mapped.extensions);
  }
}
