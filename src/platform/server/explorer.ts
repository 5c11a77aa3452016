import path from 'node:path';
import express, { type Router } from 'express';

/**
 * A self-hosted GraphiQL: the page and its scripts are served from this server's own node_modules, so the
 * explorer works offline (Apollo's default landing page loads from a CDN).
 */
export function explorerRouter(graphqlPath: string): Router {
  const router = express.Router();
  const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
  const assets: Record<string, string> = {
    'react.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  };
  router.get('/explorer/:asset', (req, res) => {
    const file = assets[req.params.asset];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(file);
  });
  router.get(graphqlPath, (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsHtml || req.query.query) {
      next();
      return;
    }
    res.type('html').send(explorerHtml(graphqlPath));
  });
  return router;
}

const explorerHtml = (graphqlPath: string): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Vinculo GraphQL explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: '{\\n  "Authorization": "Bearer <access token or API key>"\\n}',
      }),
    );
  </script>
</body>
</html>`;
