import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../support/database';

const root = path.join(__dirname, '..', '..');

/** A process of test/support/jobs-process.ts (the server or the worker, with the test tasks), or src/worker.ts. */
function spawnProcess(entry: string, args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
  });
}

interface Watched {
  exited: Promise<number | null>;
  output: () => string;
  /** Resolves when a JSON log line matches. */
  logged: (match: (line: Record<string, unknown>) => boolean, timeoutMs?: number) => Promise<Record<string, unknown>>;
}

function watch(child: ChildProcessWithoutNullStreams): Watched {
  let output = '';
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const text of chunk.toString().split('\n')) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.match(line))) waiter.resolve(line);
    }
  });
  return {
    exited: new Promise((resolve) => child.once('close', (code) => resolve(code))),
    output: () => output,
    logged: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const found = lines.find(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`not logged in time:\n${output}`)), timeoutMs);
        waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      }),
  };
}

const msg = (text: string, label?: string) => (line: Record<string, unknown>) => line.msg === text && (label === undefined || line.label === label);

describe('background jobs across a process\'s life', () => {
  let database: { url: string; drop(): Promise<void> };
  let sql: Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  const addJob = async (payload: Record<string, unknown>): Promise<string> => {
    const { rows } = await sql.query<{ id: string }>("SELECT (graphile_worker.add_job('test.sleep', $1::json)).id::text AS id", [JSON.stringify(payload)]);
    return rows[0].id;
  };
  const jobRow = async (id: string) =>
    (await sql.query<{ attempts: number; last_error: string | null; locked_at: Date | null; due_in: number }>(
      'SELECT attempts, last_error, locked_at, extract(epoch FROM run_at - now())::float8 AS due_in FROM graphile_worker.jobs WHERE id = $1',
      [id],
    )).rows;

  it('SIGTERM while a job runs: the server drains, lets the job finish, then exits 0', async () => {
    const child = spawnProcess('test/support/jobs-process.ts', ['server'], { DATABASE_URL: database.url });
    const watched = watch(child);
    try {
      await watched.logged(msg('vinculo is listening'));
      const id = await addJob({ label: 'finishes', ms: 1500 });
      await watched.logged(msg('test job started', 'finishes'));
      child.kill('SIGTERM');
      expect(await watched.exited).toBe(0);
      const output = watched.output();
      expect(output.indexOf('"test job finished"')).toBeGreaterThan(-1);
      expect(output.indexOf('"test job finished"')).toBeLessThan(output.indexOf('"vinculo stopped"'));
      expect(await jobRow(id)).toEqual([]); // completed, not left for a retry
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('SIGTERM while jobs run past the grace period: they are aborted or failed back to the queue, to be retried', async () => {
    const child = spawnProcess('test/support/jobs-process.ts', ['server'], {
      DATABASE_URL: database.url,
      JOBS_CONCURRENCY: '2',
      JOBS_SHUTDOWN_GRACE_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '6000',
    });
    const watched = watch(child);
    try {
      await watched.logged(msg('vinculo is listening'));
      const honours = await addJob({ label: 'honours abort', ms: 60_000 });
      const stubborn = await addJob({ label: 'ignores abort', ms: 60_000, ignoreAbort: true });
      await watched.logged(msg('test job started', 'honours abort'));
      await watched.logged(msg('test job started', 'ignores abort'));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      expect(await watched.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(watched.output()).not.toContain('"test job finished"');
      for (const id of [honours, stubborn]) {
        const [row] = await jobRow(id);
        // Back in the queue: unlocked, one attempt spent, due again after the back-off.
        expect(row).toMatchObject({ attempts: 1, locked_at: null });
        expect(row.last_error).toEqual(expect.any(String));
        expect(row.due_in).toBeGreaterThan(0);
      }
      await sql.query('SELECT graphile_worker.complete_jobs($1::bigint[])', [[honours, stubborn]]); // not for the next test
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('`npm run worker` (src/worker.ts) runs jobs without HTTP and stops cleanly on SIGTERM', async () => {
    const real = spawnProcess('src/worker.ts', [], { DATABASE_URL: database.url });
    const realWatched = watch(real);
    const worker = spawnProcess('test/support/jobs-process.ts', ['worker'], { DATABASE_URL: database.url });
    const watched = watch(worker);
    try {
      await realWatched.logged(msg('vinculo worker is running jobs'));
      await watched.logged(msg('vinculo worker is running jobs'));
      await addJob({ label: 'in the worker', ms: 10 });
      await watched.logged(msg('test job finished', 'in the worker'));
      worker.kill('SIGTERM');
      real.kill('SIGTERM');
      expect(await watched.exited).toBe(0);
      expect(await realWatched.exited).toBe(0);
      expect(realWatched.output()).toContain('vinculo worker stopped');
      expect(realWatched.output()).not.toMatch(/"port"|listening/);
    } finally {
      for (const child of [real, worker]) if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
