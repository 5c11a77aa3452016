import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BadUserInputError, PayloadTooLargeError } from '../platform/errors/errors';

export interface ParsedUpload {
  fields: Map<string, string>;
  file: { fileName: string; content: Buffer } | null;
}

/** Room for the multipart envelope around the file (boundaries, part headers, the few small fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const FIELD_NAMES = new Set(['recordId', 'typeId', 'fileName']);

/**
 * Reads a `multipart/form-data` upload of one `file` part and a few small fields, buffering at most
 * `maxFileBytes` of the file: a larger file is PAYLOAD_TOO_LARGE at once, without reading the rest of the body.
 */
export function readMultipartUpload(req: IncomingMessage, maxFileBytes: number): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxFileBytes + 1, files: 1, fields: FIELD_NAMES.size, fieldSize: 1024, parts: FIELD_NAMES.size + 1 },
      });
    } catch {
      reject(BadUserInputError.field('input', 'must be a multipart/form-data body'));
      return;
    }
    const fields = new Map<string, string>();
    const chunks: Buffer[] = [];
    let fileName: string | null = null;
    let size = 0;
    let failure: Error | null = null;
    let settled = false;
    const fail = (error: Error) => {
      failure ??= error;
    };
    /** Gives up at once (the rest of the body is not read; the caller closes the connection). */
    const abort = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      reject(error);
    };

    const truncated = () => BadUserInputError.field('input', 'is not a well-formed multipart/form-data body (it ends inside a part)');
    parser.on('file', (name, stream, info) => {
      // busboy destroys an unfinished file stream with "Unexpected end of form" when the body is cut short: without
      // a listener that 'error' is uncaught and ends the process.
      stream.on('error', () => abort(failure ?? truncated()));
      if (name !== 'file' || fileName !== null) {
        fail(BadUserInputError.field(`input.${name}`, 'is not expected: send one file in a part named "file"'));
        stream.resume();
        return;
      }
      fileName = info.filename ?? '';
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxFileBytes) abort(new PayloadTooLargeError(maxFileBytes));
        else chunks.push(chunk);
      });
    });
    parser.on('field', (name, value, info) => {
      if (!FIELD_NAMES.has(name)) fail(BadUserInputError.field(`input.${name}`, 'is not a known field'));
      else if (info.valueTruncated) fail(BadUserInputError.field(`input.${name}`, 'is too long'));
      else fields.set(name, value);
    });
    parser.on('filesLimit', () => fail(BadUserInputError.field('input.file', 'send exactly one file')));
    parser.on('fieldsLimit', () => fail(BadUserInputError.field('input', 'has too many fields')));
    parser.on('partsLimit', () => fail(BadUserInputError.field('input', 'has too many parts')));
    parser.on('error', () => abort(failure ?? BadUserInputError.field('input', 'is not a well-formed multipart/form-data body')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (failure) reject(failure);
      else resolve({ fields, file: fileName === null ? null : { fileName, content: Buffer.concat(chunks, size) } });
    });
    req.on('error', (error) => abort(error));
    req.pipe(parser);
  });
}
