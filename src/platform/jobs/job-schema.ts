import { runMigrations } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger } from '../logging/logger';
import { workerLogger } from './job-runner';

/**
 * Installs or upgrades the queue's own schema (`graphile_worker`: jobs, queues, add_job …) with
 * graphile-worker's migrations, which it versions itself (graphile_worker.migrations) and which are safe to run
 * from instances starting together. Run at start-up next to ours (RUN_MIGRATIONS), whether or not this instance
 * runs jobs: an API-only instance enqueues through graphile_worker.add_job too. The test template database runs it
 * once (scripts/prepare-test-database.ts). Works on PostgreSQL 12 and later (15 and 18 here).
 */
export async function installJobQueueSchema(url: string, logger?: Logger): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 2, application_name: 'vinculo-jobs-migrate' });
  const lost = (error: Error) => logger?.warn({ err: error }, 'job queue migration connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    await runMigrations(logger ? { pgPool: pool, logger: workerLogger(logger) } : { pgPool: pool });
  } finally {
    await pool.end();
  }
}
