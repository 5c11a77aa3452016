import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Takes the caller's `x-request-id` (bounded) or makes one; echoes it and keeps it in `res.locals.requestId`. */
export const requestId: RequestHandler = (req, res, next) => {
  // The header straight from Node's parsed headers (what `req.get` returns, without its case folding and
  // Referer special case); repeated headers arrive joined by Node.
  const header = req.headers['x-request-id'];
  const id = (typeof header === 'string' && header.slice(0, 100)) || randomUUID();
  res.locals.requestId = id;
  res.setHeader('x-request-id', id);
  next();
};
