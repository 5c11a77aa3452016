import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Takes the caller's `x-request-id` (bounded) or makes one; echoes it and keeps it in `res.locals.requestId`. */
export const requestId: RequestHandler = (req, res, next) => {
  const id = req.get('x-request-id')?.slice(0, 100) || randomUUID();
  res.locals.requestId = id;
  res.setHeader('x-request-id', id);
  next();
};
