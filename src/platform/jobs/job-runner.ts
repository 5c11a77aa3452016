import { EventEmitter } from 'node:events';
import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  type Job,
  type JobHelpers,
  type Runner,
  type TaskList,
  type WorkerEvents,
  type WorkerPool,
} from 'graphile-worker';
import { Pool } from 'pg';
import type { AppServices } from '../context/context';
import type { Logger } from '../logging/logger';
import type { AnyTask } from './task';

/**
 * Runs the queued jobs of this process: graphile-worker's runner over a pg pool of its own (never the
 * request pool), with the tasks the composition root lists (src/tasks.ts) and their cron schedules.
 *
 * - Durable: jobs are rows of `graphile_worker.jobs`, written in the enqueuing command's transaction (task.ts).
 *   New jobs start within milliseconds (LISTEN/NOTIFY); retries and delayed jobs are polled (JOBS_POLL_INTERVAL_MS).
 * - Retries: a failed attempt is retried after exp(min(attempts, 10)) seconds (graphile-worker's back-off:
 *   ~2.7 s, 7.4 s, 20 s, 55 s, 2.5 min … capped at ~6 h), up to the task's maxAttempts (default 25, about 3 days);
 *   then the job stays in the table, failed, with its last error.
 * - Schedules: each task's `schedule` is a crontab line in UTC (graphile-worker's cron; one run per due time
 *   across all instances).
 * - Shutdown (stop): no new jobs are taken; running ones may finish within the grace period, after which their
 *   AbortSignal fires; those still running a second later are failed back to the queue, to be retried with
 *   back-off by any instance (at-least-once: handlers are idempotent).
 */
export interface JobRunnerOptions {
  /** The database URL (the embedded server's when it was started). */
  url: string;
  logger: Logger;
  tasks: readonly AnyTask[];
  services: AppServices;
  /** Jobs run at once by this process. */
  concurrency: number;
  pollIntervalMs: number;
  /** How long running jobs may take to finish on shutdown before they are aborted and failed back to the queue. */
  shutdownGraceMs: number;
}

/**
 * What /readyz reports. `running`: taking jobs, new ones within milliseconds (LISTEN). `polling`: its LISTEN
 * connection is lost and reconnecting with back-off; jobs still run, found by polling (up to JOBS_POLL_INTERVAL_MS
 * late). `failed`: the runner stopped on an error (the instance is not ready). `starting`, `stopped`.
 */
export type JobRunnerState = 'starting' | 'running' | 'polling' | 'failed' | 'stopped';

const FORCE_AFTER_ABORT_MS = 1000;

export class JobRunner {
  private readonly pool: Pool;
  private runner: Runner | null = null;
  /** The runner's worker pool (from its `pool:create` event): a shutdown past the grace period fails its jobs. */
  private workerPool: WorkerPool | null = null;
  private listening = false;
  private failed = false;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: JobRunnerOptions) {
    const names = options.tasks.map((task) => task.name);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    if (twice.length) throw new Error(`tasks listed twice: ${twice.join(', ')}`);
    this.pool = new Pool({ connectionString: options.url, max: options.concurrency + 2, application_name: 'vinculo-jobs' });
    // A client's error (the server restarted, the connection was cut), idle or checked out, must not end the process.
    const lost = (error: Error) => options.logger.warn({ err: error }, 'job queue connection lost');
    this.pool.on('error', lost);
    this.pool.on('connect', (client) => client.on('error', lost));
  }

  get state(): JobRunnerState {
    if (this.stopping) return 'stopped';
    if (this.failed) return 'failed';
    if (!this.runner) return 'starting';
    return this.listening ? 'running' : 'polling';
  }

  /** Starts taking jobs (the queue's schema must be installed: job-schema.ts). */
  async start(): Promise<void> {
    const { options } = this;
    const events: WorkerEvents = new EventEmitter();
    events.on('pool:create', ({ workerPool }) => {
      this.workerPool = workerPool;
    });
    events.on('pool:listen:success', () => {
      this.listening = true;
    });
    events.on('pool:listen:error', () => {
      this.listening = false;
    });
    events.on('job:error', ({ job, error }) =>
      options.logger.warn({ err: error, task: job.task_identifier, jobId: job.id, attempt: job.attempts }, 'job failed; it will be retried'),
    );
    events.on('job:failed', ({ job, error }) =>
      options.logger.error({ err: error, task: job.task_identifier, jobId: job.id, attempts: job.attempts }, 'job failed for the last time'),
    );
    const runner = await run({
      events,
      pgPool: this.pool,
      taskList: this.taskList(),
      parsedCronItems: parseCronItems(
        options.tasks.flatMap((task) =>
          task.schedule
            ? [
                {
                  task: task.name,
                  identifier: task.name,
                  match: task.schedule.cron,
                  payload: task.schedule.payload as Record<string, unknown>,
                  options: { backfillPeriod: (task.schedule.backfillSeconds ?? 0) * 1000, maxAttempts: task.maxAttempts },
                },
              ]
            : [],
        ),
      ),
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs,
      noHandleSignals: true, // the process's shutdown (main.ts, worker.ts) calls stop()
      gracefulShutdownAbortTimeout: options.shutdownGraceMs,
      logger: workerLogger(options.logger),
      // Batched (delay 0) completions and failures are flushed by the shutdown; unbatched ones are fire-and-forget
      // and a job finished just before the pool closes would stay locked, to run again hours later.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    runner.promise.catch((error: unknown) => {
      this.failed = true;
      options.logger.error({ err: error }, 'job runner stopped on an error');
    });
    this.runner = runner;
    // `run` resolves once the LISTEN connection is up.
    this.listening = true;
  }

  /** Stops taking jobs and lets running ones finish (see the class comment); idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const { runner, workerPool } = this;
    const { logger } = this.options;
    if (runner) {
      const graceful = runner.stop().then(
        () => 'stopped' as const,
        (error: unknown) => (logger.warn({ err: error }, 'job runner did not stop cleanly'), 'stopped' as const),
      );
      const late = delay(this.options.shutdownGraceMs + FORCE_AFTER_ABORT_MS, 'late' as const);
      if ((await Promise.race([graceful, late])) === 'late' && workerPool) {
        // Handlers that ignored their AbortSignal: their jobs go back to the queue (one attempt spent, back-off).
        logger.warn('jobs still running after the shutdown grace period: failing them back to the queue');
        await Promise.resolve(workerPool.forcefulShutdown('the process shut down while the job ran')).catch((error: unknown) =>
          logger.warn({ err: error }, 'job runner did not stop cleanly'),
        );
      }
    }
    // Bounded: a client still held by a handler that ignored its signal must not hold the process up.
    await Promise.race([this.pool.end().catch(() => undefined), delay(FORCE_AFTER_ABORT_MS, undefined)]);
  }

  private taskList(): TaskList {
    const { services, logger } = this.options;
    return Object.fromEntries(
      this.options.tasks.map((task) => [
        task.name,
        async (raw: unknown, helpers: JobHelpers) => {
          const { job } = helpers;
          const { _cron: cron, ...rest } = (raw ?? {}) as { _cron?: { ts: string } };
          const payload = task.payload.parse(cron ? rest : raw);
          await task.run(payload, {
            services,
            logger: logger.child({ task: task.name, jobId: job.id, attempt: job.attempts }),
            job: jobInfo(job, cron?.ts),
            signal: helpers.abortSignal,
          });
        },
      ]),
    );
  }
}

const delay = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());

const jobInfo = (job: Job, cronTimestamp: string | undefined) => ({
  id: job.id,
  attempt: job.attempts,
  maxAttempts: job.max_attempts,
  scheduledFor: cronTimestamp ? new Date(cronTimestamp) : null,
});

/** graphile-worker's log lines through our logger: errors and warnings as they are, its chatter at debug. */
export function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { queue: scope, ...(meta ?? {}) };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}
