import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';

/** What we learn from the bytes themselves; the client's claimed type is never used. */
export interface ContentFacts {
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    utf8.decode(content);
    return true;
  } catch {
    return false;
  }
}

/** Sniffs the type from magic numbers (file-type), else text/plain for NUL-free UTF-8, else octet-stream. */
export async function factsOf(content: Buffer): Promise<ContentFacts> {
  const sniffed = await fromBuffer(content);
  const contentType = sniffed?.mime ?? (isPlainText(content) ? 'text/plain' : 'application/octet-stream');
  return { contentType, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

export const MAX_FILE_NAME_LENGTH = 255;

// C0/C1 controls, and bidirectional overrides/isolates (they can disguise an extension: "gpj.exe").
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only, without
 * control or bidi characters, at most 255 characters (the extension kept). Null when nothing usable is left.
 */
export function sanitiseFileName(raw: string): string | null {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = lastSegment.replace(UNSAFE_CHARACTERS, '').replace(/\s+/g, ' ').trim();
  if (!name || /^\.+$/.test(name)) return null;
  const characters = Array.from(name);
  if (characters.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? Array.from(name.slice(dot)) : [];
  return [...characters.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (whitespace ignored); null when it is not. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  return BASE64.test(compact) ? Buffer.from(compact, 'base64') : null;
}

/** Bytes a base64 text decodes to, without decoding it (to refuse oversized uploads early). */
export const base64Size = (text: string): number => {
  const compact = text.replace(/\s+/g, '');
  return Math.floor((compact.length * 3) / 4) - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
};

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
