import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AppServices } from '../context/context';
import type { Logger } from '../logging/logger';

/**
 * Background work, declared once per kind of job: a domain defines a task beside the service that causes it
 * (`defineTask({ name, payload: zodSchema, run })`), lists it in the composition root (src/tasks.ts, as entities
 * and resolvers are), and enqueues it from a command's transaction with `enqueue(manager, task, payload)`.
 * The queue is graphile-worker's, in PostgreSQL (schema `graphile_worker`); see job-runner.ts for how jobs run.
 *
 * Delivery is at least once: a job whose run was cut short (a crash, or a shutdown past the grace period) runs
 * again, so a handler must be idempotent (re-check what it is about to do, key its writes).
 */

/** What a handler receives besides its payload. */
export interface JobContext {
  /** Every service of the app (the composition root completes AppServices). */
  services: AppServices;
  /** Scoped to this job (task, job id, attempt). */
  logger: Logger;
  job: {
    id: string;
    /** 1 on the first run; the retry count plus one after failures. */
    attempt: number;
    maxAttempts: number;
    /** For a scheduled (cron) run: the time it was due (UTC); null for an enqueued job. */
    scheduledFor: Date | null;
  };
  /**
   * Aborted when the process is shutting down and the grace period is over (JOBS_SHUTDOWN_GRACE_MS): a long job
   * should stop at its next checkpoint and throw; it is then retried (by this or another instance).
   */
  signal: AbortSignal;
}

/** A recurring run of a task (graphile-worker's crontab: UTC only). */
export interface TaskSchedule<P> {
  /**
   * A 5-field crontab pattern (minute hour day-of-month month day-of-week), evaluated in **UTC**. Per-workspace
   * time zones are not a crontab's business: compute the next run in the workspace's zone and `enqueue` it
   * with `runAt`.
   */
  cron: string;
  /** The payload of every scheduled run. */
  payload: P;
  /** Runs missed while no worker was up, within this many seconds, are run late (default 0: skipped). */
  backfillSeconds?: number;
}

export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  /** The job's identifier in the queue, `<domain>.<verb>` (e.g. `leads.notifyAssignee`); unique. */
  readonly name: string;
  /** What the task does (for the reader; README lists the tasks). */
  readonly description: string;
  /** The payload's schema: checked when enqueued (a bad payload fails the command) and again when run. */
  readonly payload: S;
  /** Attempts before the job is left failed (default 25, graphile-worker's); retries back off exponentially. */
  readonly maxAttempts?: number;
  /** Jobs of one queue name run one at a time, in order (e.g. one queue per record); default: no queue. */
  readonly queueName?: (payload: z.output<S>) => string | null;
  readonly schedule?: TaskSchedule<z.input<S>>;
  /** Throws to fail the attempt (it is retried with back-off until maxAttempts). */
  run(payload: z.output<S>, context: JobContext): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any task, whatever its payload schema
export type AnyTask = TaskDefinition<any>;

const TASK_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Task names travel in the queue: two declarations of one name would run each other's jobs. */
const declaredNames = new Set<string>();

export function defineTask<S extends z.ZodType>(definition: TaskDefinition<S>): TaskDefinition<S> {
  if (!TASK_NAME.test(definition.name)) throw new Error(`task name "${definition.name}" must look like "<domain>.<verb>"`);
  if (declaredNames.has(definition.name)) throw new Error(`the task "${definition.name}" is declared twice`);
  declaredNames.add(definition.name);
  if (definition.schedule) definition.payload.parse(definition.schedule.payload);
  return definition;
}

/** The names of every task defined in this process (a test checks src/tasks.ts lists them all). */
export const definedTaskNames = (): string[] => [...declaredNames].sort();

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /**
   * De-duplicates: a pending job with the same key is replaced by this one (payload, runAt...), so e.g. "recount
   * the workspace's counters" enqueued ten times runs once. A running job is not touched (a new one is queued).
   */
  jobKey?: string;
  /** Lower runs first (default 0). */
  priority?: number;
}

/**
 * Enqueues a job in the caller's transaction (`manager` is the command's EntityManager): it becomes visible to
 * workers when the transaction commits, and a rolled-back command enqueues nothing. Returns the job's id.
 */
export async function enqueue<S extends z.ZodType>(
  manager: EntityManager,
  task: TaskDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<string> {
  const parsed = task.payload.parse(payload) as z.output<S>;
  const rows: { id: string }[] = await manager.query(
    `SELECT (graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5,
            job_key => $6, priority => $7)).id::text AS id`,
    [
      task.name,
      // The payload as given (validated): the handler parses it again, so transforms run once, at run time.
      JSON.stringify(payload),
      task.queueName?.(parsed) ?? null,
      options.runAt ?? null,
      task.maxAttempts ?? null,
      options.jobKey ?? null,
      options.priority ?? null,
    ],
  );
  return rows[0].id;
}
