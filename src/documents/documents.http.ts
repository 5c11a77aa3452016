import express, { type Router } from 'express';
import { BadUserInputError, PayloadTooLargeError } from '../platform/errors/errors';
import type { Logger } from '../platform/logging/logger';
import type { ContextSources } from '../platform/server/context-factory';
import { answerHttp, authorizeHttp, sendMethodNotAllowed } from '../platform/server/http-endpoint';
import { requestId as assignRequestId } from '../platform/server/request-id';
import { unstorableTextProblem } from '../platform/validation/storable-text';
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
    await answerHttp(req, res, logger, 'a document endpoint', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'accounts:write');
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
    await answerHttp(req, res, logger, 'a document endpoint', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'accounts:read');
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
    sendMethodNotAllowed(req, res, req.path === '/documents' ? 'POST' : 'GET, HEAD');
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
