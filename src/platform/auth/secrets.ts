import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha-256 in hex: for high-entropy secrets (refresh tokens, API keys, invitation tokens), not passwords. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
