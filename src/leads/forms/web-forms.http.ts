import { createHash } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { BadUserInputError, ForbiddenError, PayloadTooLargeError } from '../../platform/errors/errors';
import type { Logger } from '../../platform/logging/logger';
import { clientIpOf } from '../../platform/server/client-ip';
import { answerHttp, sendMethodNotAllowed } from '../../platform/server/http-endpoint';
import { requestId as assignRequestId } from '../../platform/server/request-id';
import type { WebForm } from './web-form.entity';
import type { WebFormPostsService } from './web-form-posts.service';
import { thankYouOf, type WebFormsService } from './web-forms.service';
import { widgetScript } from './widget-script';

export interface WebFormsHttpOptions {
  forms: WebFormsService;
  posts: WebFormPostsService;
  /** TRUST_PROXY: proxies in front whose X-Forwarded-For entries are believed. */
  trustedProxyHops: number;
  /** Largest body accepted (MAX_BODY_BYTES). */
  maxBodyBytes: number;
}

/** Runs an express body parser as a promise, turning its errors into ours (400 / 413). */
const parseWith = (parser: RequestHandler, req: Request, res: Response, limit: number): Promise<void> =>
  new Promise((resolve, reject) => {
    parser(req, res, (error?: unknown) => {
      if (!error) return resolve();
      const failure = error as { type?: string; status?: number };
      if (failure.type === 'entity.too.large' || failure.status === 413) reject(new PayloadTooLargeError(limit));
      else reject(BadUserInputError.field('body', failure.type === 'entity.parse.failed' ? 'is not valid JSON' : 'could not be read'));
    });
  });

/**
 * CORS for a form: a request with an Origin header is allowed only from the form's exact origins; the answer then
 * names that origin (never `*`). Other origins get no CORS headers, and their posts are refused (FORBIDDEN).
 */
function originAllowed(form: WebForm, req: Request, res: Response): boolean {
  const origin = req.get('origin');
  res.vary('Origin');
  if (!origin) return true; // not a cross-origin browser request (a server, curl, a same-origin page)
  if (!form.allowedOrigins.includes(origin.toLowerCase())) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  return true;
}

/** A browser's own form submission (a page navigation), not fetch or a server: it can follow a 303. */
const isNavigation = (req: Request): boolean => {
  const mode = req.get('sec-fetch-mode');
  if (mode) return mode === 'navigate';
  return !!req.is('application/x-www-form-urlencoded') && (req.get('accept') ?? '').includes('text/html');
};

/**
 * The public web form endpoints (README "Web forms"), no credentials: the form's public key is the only one.
 * - `OPTIONS /forms/:key`: CORS preflight, answered 204 for the form's allowed origins only (403 otherwise).
 * - `POST /forms/:key`: urlencoded or JSON; rate-limited per sender and per form (429 RATE_LIMITED, Retry-After);
 *   honeypot hits answered as a success; invalid values 400 BAD_USER_INPUT with `fields` (paths = field names);
 *   success 201 `{ ok, message, redirectUrl }`, or 303 to the redirect URL for a plain browser post.
 * - `GET /forms/:key/widget.js`: the widget (widget-script.ts), cacheable for 5 minutes.
 * Unknown, inactive or archived keys: 404 NOT_FOUND. Errors use the GraphQL `{ errors: [...] }` shape.
 */
export function webFormsRouter(logger: Logger, options: WebFormsHttpOptions): Router {
  const { forms, posts, maxBodyBytes } = options;
  const router = express.Router();
  const urlencoded = express.urlencoded({ extended: false, limit: maxBodyBytes, parameterLimit: 200 });
  const json = express.json({ limit: maxBodyBytes });
  router.use(['/forms/:key', '/forms/:key/widget.js'], assignRequestId);

  router.options('/forms/:key', async (req, res) => {
    await answerHttp(req, res, logger, 'the web form endpoint', async () => {
      const form = await forms.byPublicKey(String(req.params.key));
      if (!req.get('origin') || !originAllowed(form, req, res)) throw new ForbiddenError('This origin may not post this form');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
    });
  });

  router.post('/forms/:key', async (req, res) => {
    await answerHttp(req, res, logger, 'the web form endpoint', async () => {
      const form = await forms.byPublicKey(String(req.params.key));
      if (!originAllowed(form, req, res)) throw new ForbiddenError('This origin may not post this form');
      // Before reading the body: a flood costs one statement per request, spam and honeypot hits included.
      await posts.limit(form, clientIpOf(req, options.trustedProxyHops));
      if (req.is('application/json')) await parseWith(json, req, res, maxBodyBytes);
      else if (req.is('application/x-www-form-urlencoded')) await parseWith(urlencoded, req, res, maxBodyBytes);
      else throw BadUserInputError.field('body', 'must be application/x-www-form-urlencoded or application/json');
      const body: unknown = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw BadUserInputError.field('body', 'must be an object of field names and values');
      // A honeypot hit gets the same answer as a success: the bot learns nothing.
      await posts.post(form, body as Record<string, unknown>, { referer: req.get('referer') ?? null });
      res.setHeader('Cache-Control', 'no-store');
      if (form.redirectUrl && isNavigation(req)) {
        res.redirect(303, form.redirectUrl);
        return;
      }
      res.status(201).json({ ok: true, message: thankYouOf(form), redirectUrl: form.redirectUrl });
    });
  });

  router.get('/forms/:key/widget.js', async (req, res) => {
    await answerHttp(req, res, logger, 'the web form widget', async () => {
      const form = await forms.byPublicKey(String(req.params.key));
      const script = widgetScript(form);
      const etag = `"${createHash('sha256').update(script).digest('base64url').slice(0, 27)}"`;
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      // Short: a form's change reaches pages within 5 minutes; revalidation by ETag is cheap.
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.setHeader('ETag', etag);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.get('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      res.send(script);
    });
  });

  router.all('/forms/:key', (req, res) => sendMethodNotAllowed(req, res, 'POST, OPTIONS'));
  router.all('/forms/:key/widget.js', (req, res) => sendMethodNotAllowed(req, res, 'GET'));
  return router;
}
