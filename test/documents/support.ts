import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { TestApp } from '../support/test-app';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, decodable 1x1 RGB PNG (signature, IHDR, IDAT, IEND with correct CRCs). */
export function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
  const scanline = Buffer.from([0, 0xff, 0x80, 0x00]); // filter byte + one orange pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanline)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface UploadParts {
  recordId?: string;
  typeId?: string;
  fileName?: string;
  /** The file part; `claimedType` is what the client says (the server must ignore it). */
  file?: { bytes: Buffer; name: string; claimedType?: string };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: { document?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const authHeaders = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** POST /documents as multipart/form-data (Node's FormData and Blob, as a browser would send it). */
export async function upload(t: TestApp, token: string | null, parts: UploadParts): Promise<HttpAnswer> {
  const form = new FormData();
  if (parts.recordId) form.set('recordId', parts.recordId);
  if (parts.typeId) form.set('typeId', parts.typeId);
  if (parts.fileName) form.set('fileName', parts.fileName);
  if (parts.file) form.set('file', new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.claimedType ?? 'application/pdf' }), parts.file.name);
  const response = await fetch(`${t.url}/documents`, { method: 'POST', body: form, headers: authHeaders(token) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as HttpAnswer['json'] };
}

/** GET a download URL; the body as bytes when 200, else parsed JSON errors. */
export async function download(t: TestApp, token: string | null, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}${path}`, { headers: { ...authHeaders(token), ...headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = response.status >= 400 ? (JSON.parse(bytes.toString('utf8')) as HttpAnswer['json']) : null;
  return { status: response.status, headers: response.headers, bytes, json };
}

/** Rows of every table an attach writes (documents, contents, document timeline entries). */
export async function documentRowCounts(t: TestApp): Promise<{ documents: number; contents: number; entries: number }> {
  const [row] = (await t.app.db.query(`
    SELECT (SELECT count(*) FROM documents)::int AS documents,
           (SELECT count(*) FROM document_contents)::int AS contents,
           (SELECT count(*) FROM timeline_entries WHERE kind LIKE 'DOCUMENT_%')::int AS entries`)) as { documents: number; contents: number; entries: number }[];
  return row;
}

export const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown =>
  result.errors?.[0]?.extensions?.code;
