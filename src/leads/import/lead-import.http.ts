import type { Request } from 'express';
import express, { type Router } from 'express';
import busboy from 'busboy';
import { BadUserInputError, PayloadTooLargeError } from '../../platform/errors/errors';
import type { Logger } from '../../platform/logging/logger';
import type { ContextSources } from '../../platform/server/context-factory';
import { answerHttp, authorizeHttp, sendMethodNotAllowed } from '../../platform/server/http-endpoint';
import { requestId as assignRequestId } from '../../platform/server/request-id';
import { sanitiseFileName } from '../../documents/file-content';
import type { LeadImport } from './lead-import.entity';

/** Room for the multipart envelope and the `options` part around the file. */
const ENVELOPE_BYTES = 256 * 1024;
const MAX_OPTIONS_BYTES = 64 * 1024;

/**
 * The HTTP side of lead imports (README "Lead import"):
 * - `POST /imports`: multipart/form-data with an `options` part (JSON: mapping, duplicatePolicy, defaults) FIRST,
 *   then the `file` part (CSV or XLSX, at most IMPORT_MAX_BYTES), streamed into PostgreSQL; 202 with the import
 *   (QUEUED). The file and the import are one transaction: a refused upload leaves nothing. Without `options`: 201
 *   with the stored upload (id, format, encoding, delimiter, columns), which `importLeads` then starts.
 * - `GET /imports/:id/results.csv`: the per-row results (row, outcome, message, leadId), streamed.
 * Bearer credentials; members (MEMBER+) or API keys with leads:write (POST) / leads:read (GET); an import outside
 * reach is 404.
 */
export function leadImportsRouter(contexts: ContextSources, logger: Logger): Router {
  const { services } = contexts;
  const router = express.Router();
  router.use(['/imports', '/imports/:id/results.csv'], assignRequestId);

  router.post('/imports', async (req, res) => {
    await answerHttp(req, res, logger, 'the import endpoint', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'leads:write');
      const limit = services.leadImports.maxBytes;
      if (Number(req.get('content-length') ?? 0) > limit + ENVELOPE_BYTES) throw new PayloadTooLargeError(limit);
      const answer = await services.leadImports.inTransaction(async (manager) => {
        const upload = await readImportUpload(req, async (fileName, content) => services.leadImports.storeFile(manager, principal, fileName, content));
        if (!upload.stored) throw BadUserInputError.field('input.file', 'is required: send the file in a part named "file"');
        // Without options: the file is only stored (and checked), for importLeads(input: { uploadId, ... }) to start.
        if (upload.options === undefined) {
          const { facts, columns } = await services.leadImports.describe(manager, upload.stored);
          const { file } = upload.stored;
          return { upload: { id: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes, ...facts, columns } };
        }
        return { import: await services.leadImports.start(manager, principal, upload.stored, upload.options) };
      });
      if ('upload' in answer) res.status(201).json(answer);
      else res.status(202).location(`/imports/${answer.import.id}/results.csv`).json({ import: importJson(answer.import) });
    });
  });

  router.get('/imports/:id/results.csv', async (req, res) => {
    await answerHttp(req, res, logger, 'the import endpoint', async () => {
      const principal = await authorizeHttp(contexts, logger, req, res, 'leads:read');
      const { leadImport, csv } = await services.leadImports.resultsCsv(principal, String(req.params.id));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="import-${leadImport.id}-results.csv"`);
      res.setHeader('Cache-Control', 'private, no-cache');
      res.status(200);
      csv.on('error', (error) => {
        logger.error({ err: error, importId: leadImport.id }, 'results.csv stopped');
        res.destroy();
      });
      csv.pipe(res);
    });
  });

  router.all(['/imports', '/imports/:id/results.csv'], (req, res) => sendMethodNotAllowed(req, res, req.path === '/imports' ? 'POST' : 'GET, HEAD'));
  return router;
}

const importJson = (leadImport: LeadImport) => ({
  id: leadImport.id,
  status: leadImport.status,
  fileName: leadImport.fileName,
  format: leadImport.format,
  encoding: leadImport.encoding,
  delimiter: leadImport.delimiter,
  columns: leadImport.columns,
  duplicatePolicy: leadImport.duplicatePolicy,
  createdAt: leadImport.createdAt.toISOString(),
  resultsUrl: `/imports/${leadImport.id}/results.csv`,
});

/**
 * Reads the multipart body: the `options` JSON part, then the file part, handed as a stream (with back-pressure) to
 * `store`. Fails BAD_USER_INPUT on a malformed body, unknown parts, options after the file or unreadable JSON.
 */
function readImportUpload<T>(
  req: Request,
  store: (fileName: string, content: AsyncIterable<Buffer>) => Promise<T>,
): Promise<{ options: unknown; stored: T | null }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 2, fieldSize: MAX_OPTIONS_BYTES, parts: 3 } });
    } catch {
      reject(BadUserInputError.field('input', 'must be a multipart/form-data body'));
      return;
    }
    let options: unknown = undefined;
    let storing: Promise<T> | null = null;
    let failure: Error | null = null;
    let settled = false;
    const fail = (error: Error) => {
      failure ??= error;
    };
    const finish = (error: Error | null, value?: { options: unknown; stored: T | null }) => {
      if (settled) return;
      settled = true;
      if (error) {
        req.unpipe(parser);
        req.resume();
        reject(error);
      } else resolve(value as { options: unknown; stored: T | null });
    };
    parser.on('field', (name, value, info) => {
      if (name !== 'options') return fail(BadUserInputError.field(`input.${name}`, 'is not a known part (send "options", then "file")'));
      if (options !== undefined) return fail(BadUserInputError.field('input.options', 'is given twice'));
      if (info.valueTruncated) return fail(BadUserInputError.field('input.options', `is longer than ${MAX_OPTIONS_BYTES} bytes`));
      try {
        options = JSON.parse(value);
      } catch {
        fail(BadUserInputError.field('input.options', 'is not valid JSON'));
      }
    });
    parser.on('file', (name, stream, info) => {
      stream.on('error', (error: Error) => fail(error));
      if (name !== 'file' || storing) {
        fail(BadUserInputError.field(`input.${name}`, 'is not expected: send one file in a part named "file"'));
        stream.resume();
        return;
      }
      if (failure) {
        stream.resume();
        return;
      }
      storing = store(sanitiseFileName(info.filename ?? '') ?? 'import', stream);
      storing.catch((error: Error) => {
        fail(error);
        stream.resume();
        // Too large: answer at once, without reading the rest of the body.
        if (error instanceof PayloadTooLargeError) finish(error);
      });
    });
    parser.on('filesLimit', () => fail(BadUserInputError.field('input.file', 'send exactly one file')));
    parser.on('partsLimit', () => fail(BadUserInputError.field('input', 'has too many parts')));
    parser.on('error', () => finish(failure ?? BadUserInputError.field('input', 'is not a well-formed multipart/form-data body')));
    parser.on('close', () => {
      void (async () => {
        const stored = storing ? await storing.catch((error: Error) => (fail(error), null)) : null;
        if (failure) finish(failure);
        else finish(null, { options, stored });
      })();
    });
    req.on('error', (error) => finish(error));
    req.pipe(parser);
  });
}
