import 'reflect-metadata';
import { startApp } from './app';
import { runUntilSignalled } from './platform/server/lifecycle';

/**
 * The server process: HTTP + WebSocket, and background jobs unless JOBS_ENABLED=false. On SIGTERM
 * (app.stop): stops accepting and drains HTTP + WebSocket while running jobs finish, stops the event bus, closes
 * the pool, stops the embedded PostgreSQL.
 */
runUntilSignalled(startApp, (app) => {
  if (!app.demo) return;
  // Printed once, on the first start: only hashes are stored.
  process.stdout.write(
    [
      '',
      'Demo workspace created. Keep these, they are not shown again:',
      `  admin email:    ${app.demo.email}`,
      `  admin password: ${app.demo.password}`,
      `  API key:        ${app.demo.apiKey}`,
      `  try: curl -s ${app.url}/graphql -H 'content-type: application/json' \\`,
      `         -H 'authorization: Bearer ${app.demo.apiKey}' -d '{"query":"{ me { kind workspace { name } } }"}'`,
      '',
    ].join('\n'),
  );
}).catch((error: unknown) => {
  process.stderr.write(`vinculo failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
