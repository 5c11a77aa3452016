import 'reflect-metadata';
import { startWorker } from './app';
import { runUntilSignalled } from './platform/server/lifecycle';

/**
 * `npm run worker`: a process that only runs background jobs (no HTTP), on the same database and configuration
 * as the server (JOBS_CONCURRENCY, JOBS_POLL_INTERVAL_MS, JOBS_SHUTDOWN_GRACE_MS; JOBS_ENABLED is ignored). Run
 * API-only servers (JOBS_ENABLED=false) beside as many of these as the work needs. On SIGTERM running jobs may
 * finish within JOBS_SHUTDOWN_GRACE_MS; later ones are failed back to the queue and retried.
 */
runUntilSignalled(startWorker).catch((error: unknown) => {
  process.stderr.write(`vinculo worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
