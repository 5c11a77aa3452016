import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Apollo's Express integration (@as-integrations/express5) with less work per request, since every request pays it:
 * the query string is cut from the URL instead of parsed by the legacy `url.parse`, and a complete answer is written
 * with `res.end` rather than Express's `res.send`, which hashes every body for an ETag. GraphQL answers are
 * `Cache-Control: no-store` (noStorePlugin), so that ETag could never serve a revalidation; Node still sets
 * Content-Length, and drops the body of a HEAD answer.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (args: { req: Request; res: Response }) => Promise<TContext>,
): RequestHandler {
  server.assertStarted('graphqlHttpHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before the GraphQL handler.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const queryAt = req.url.indexOf('?');
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: queryAt >= 0 ? req.url.slice(queryAt) : '', body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    // Incremental delivery (@defer), should it be enabled: chunks as they come.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
