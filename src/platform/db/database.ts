import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { installJobQueueSchema } from '../jobs/job-schema';
import type { Logger } from '../logging/logger';
import { createDataSource, type DataSourceOptions } from './data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface Readiness {
  ready: boolean;
  database: 'up' | 'down';
  pendingMigrations: boolean | null;
}

export interface Database {
  dataSource: DataSource;
  /** The connection URL (the embedded server's when it was started): the event bus LISTENs with it. */
  url: string;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

/**
 * Instances starting together take turns: an advisory lock makes the migrations run once. Ours first, then the
 * job queue's own schema (graphile-worker versions it itself).
 */
async function runMigrationsExclusively(dataSource: DataSource, url: string, logger: Logger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    await installJobQueueSchema(url, logger);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

const MIGRATION_LOCK_KEY = 7_142_001;

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset; applies migrations if enabled. */
export async function openDatabase(config: Config, logger: Logger, entities: DataSourceOptions['entities']): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    logger.info({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT, logger });
    url = embedded.url;
  }
  const dataSource = createDataSource({ url, poolSize: config.DB_POOL_SIZE, logger, entities, verifyMemoizedText: config.NODE_ENV === 'test' });
  try {
    await dataSource.initialize();
    if (config.RUN_MIGRATIONS) await runMigrationsExclusively(dataSource, url, logger);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  let closed = false;
  const databaseUrl = url;
  return {
    dataSource,
    url: databaseUrl,
    async readiness() {
      try {
        await dataSource.query('SELECT 1');
        const pendingMigrations = await dataSource.showMigrations();
        return { ready: !pendingMigrations, database: 'up', pendingMigrations };
      } catch {
        return { ready: false, database: 'down', pendingMigrations: null };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
