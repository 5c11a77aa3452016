import type { Request } from 'express';

/**
 * The client's address for rate limits. With `trustedHops` 0 it is the socket's peer and X-Forwarded-For is
 * ignored (anyone can write that header). With N trusted proxies in front (TRUST_PROXY=N), each appending the
 * address it received from, the client is the entry N hops back from the peer: entries further left were written
 * by the client and are not believed.
 */
export function clientIpOf(req: Request, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const forwarded = (req.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}
