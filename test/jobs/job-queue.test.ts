import { z } from 'zod';
import { defineTask, definedTaskNames, enqueue } from '../../src/platform/jobs/task';
import { tasks } from '../../src/tasks';
import '../../src/services'; // every domain module, so every task defined under src/ is defined here
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(25);
  }
}

/** What the test tasks did, in this process (the runner is in-process). */
const ran: { label: string; attempt: number; at: number; scheduledFor: Date | null }[] = [];

const recordTask = defineTask({
  name: 'test.record',
  description: 'Records that it ran.',
  payload: z.object({ label: z.string().min(1) }),
  async run({ label }, { job }) {
    ran.push({ label, attempt: job.attempt, at: Date.now(), scheduledFor: job.scheduledFor });
  },
});

const flakyTask = defineTask({
  name: 'test.flaky',
  description: 'Fails its first attempt, succeeds on the second.',
  payload: z.object({ label: z.string() }),
  maxAttempts: 3,
  async run({ label }, { job }) {
    ran.push({ label, attempt: job.attempt, at: Date.now(), scheduledFor: null });
    if (job.attempt === 1) throw new Error('first attempt fails on purpose');
  },
});

const scheduledTask = defineTask({
  name: 'test.nightly',
  description: 'A scheduled task (never due during the test).',
  payload: z.object({ kind: z.literal('nightly') }),
  schedule: { cron: '17 3 * * *', payload: { kind: 'nightly' } },
  async run() {},
});

const labelsRun = () => ran.map((run) => run.label);

describe('the job queue (graphile-worker in PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JOBS_ENABLED: 'true' }, { tasks: [...tasks, recordTask, flakyTask, scheduledTask] });
  });
  afterAll(() => t.stop());

  /** The queue's row of a job (none once it is done, or when it was never committed). */
  const jobRows = (id: string) =>
    t.app.db.query(
      `SELECT j.attempts, j.last_error, j.locked_at, extract(epoch FROM j.run_at - now()) AS due_in
         FROM graphile_worker.jobs j WHERE j.id = $1`,
      [id],
    ) as Promise<{ attempts: number; last_error: string | null; locked_at: Date | null; due_in: string }[]>;

  it('a job enqueued in a committed transaction runs, once', async () => {
    const id = await t.app.db.transaction((manager) => enqueue(manager, recordTask, { label: 'committed' }));
    await until(() => (labelsRun().includes('committed') ? true : undefined));
    await sleep(300);
    expect(labelsRun().filter((label) => label === 'committed')).toEqual(['committed']);
    expect(await jobRows(id)).toEqual([]); // done: graphile-worker deletes completed jobs
  });

  it('a job enqueued in a rolled-back transaction never runs and leaves no row', async () => {
    let id = '';
    await expect(
      t.app.db.transaction(async (manager) => {
        id = await enqueue(manager, recordTask, { label: 'rolled back' });
        throw new Error('the command fails after enqueuing');
      }),
    ).rejects.toThrow('the command fails');
    expect(id).toMatch(/^\d+$/);
    // A job enqueued after it runs; the rolled-back one is nowhere.
    await t.app.db.transaction((manager) => enqueue(manager, recordTask, { label: 'after the rollback' }));
    await until(() => (labelsRun().includes('after the rollback') ? true : undefined));
    await sleep(400); // two poll intervals
    expect(labelsRun()).not.toContain('rolled back');
    expect(await jobRows(id)).toEqual([]);
  });

  it('a payload outside the task\'s schema is refused at enqueue and writes nothing', async () => {
    const count = async () => ((await t.app.db.query('SELECT count(*)::int AS n FROM graphile_worker.jobs')) as { n: number }[])[0].n;
    const before = await count();
    await expect(t.app.db.transaction((manager) => enqueue(manager, recordTask, { label: '' }))).rejects.toThrow(z.ZodError);
    expect(await count()).toBe(before);
  });

  it('a failing job is retried with exponential back-off (first retry about e¹ ≈ 2.7 s later), then succeeds', async () => {
    const id = await t.app.db.transaction((manager) => enqueue(manager, flakyTask, { label: 'flaky' }));
    const first = await until(() => ran.find((run) => run.label === 'flaky' && run.attempt === 1));
    const [failed] = await until(async () => {
      const rows = await jobRows(id);
      return rows.length && rows[0].last_error && !rows[0].locked_at ? rows : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('first attempt fails on purpose');
    // Due e^1 seconds after the failure (a little less now that some time has passed).
    expect(Number(failed.due_in)).toBeGreaterThan(1.5);
    expect(Number(failed.due_in)).toBeLessThanOrEqual(Math.E + 0.1);

    const second = await until(() => ran.find((run) => run.label === 'flaky' && run.attempt === 2), 8000);
    expect(second.at - first.at).toBeGreaterThanOrEqual(2500);
    await until(async () => ((await jobRows(id)).length === 0 ? true : undefined));
  }, 20_000);

  it('a task\'s cron schedule is registered with the queue (UTC crontab) when the runner starts', async () => {
    const known = (await t.app.db.query('SELECT identifier FROM graphile_worker._private_known_crontabs')) as { identifier: string }[];
    expect(known.map((row) => row.identifier)).toContain('test.nightly');
  });

  it('/readyz reports the queue running', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, events: 'listening', jobs: 'running' });
  });
});

describe('an API-only instance (JOBS_ENABLED=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JOBS_ENABLED: 'false' }, { tasks: [recordTask] });
  });
  afterAll(() => t.stop());

  it('reports the queue disabled, is ready, and still enqueues (the jobs wait for a worker)', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, jobs: 'disabled' });
    const id = await t.app.db.transaction((manager) => enqueue(manager, recordTask, { label: 'waits for a worker' }));
    const rows = (await t.app.db.query('SELECT id::text AS id, attempts FROM graphile_worker.jobs WHERE id = $1', [id])) as { attempts: number }[];
    expect(rows).toEqual([{ id, attempts: 0 }]);
  });
});

describe('task declarations', () => {
  it('every task defined under src/ is listed in src/tasks.ts (the runner runs only those)', () => {
    const appTasks = definedTaskNames().filter((name) => !name.startsWith('test.'));
    expect(tasks.map((task) => task.name).sort()).toEqual(appTasks);
  });

  it('a name is declared once, as <domain>.<verb>', () => {
    expect(() => defineTask({ name: 'test.record', description: '', payload: z.object({}), run: async () => {} })).toThrow(/declared twice/);
    expect(() => defineTask({ name: 'Bad Name', description: '', payload: z.object({}), run: async () => {} })).toThrow(/<domain>.<verb>/);
  });
});
