// Measures how long the compiled server takes from spawn to its first GraphQL answer, and its memory then.
//
// Usage: npm run build && npm run bench:start
//   BENCH_RUNS           runs per mode (default 5)
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                        each run creates a database bench_start_<random> on it and drops it afterwards.
//
// Two modes per run, on the same fresh database:
//   cold: first start on an empty database (includes applying every migration)
//   warm: second start on the now-migrated database
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { Client } from 'pg';

const ROOT = path.join(__dirname, '..');
const MAIN_JS = path.join(ROOT, 'dist', 'src', 'main.js');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 10;

interface StartSample {
  /** spawn → the "vinculo is listening" log line */
  listeningMs: number;
  /** spawn → first 200 answer to `{ serverVersion }` */
  firstAnswerMs: number;
  /** resident memory right after the first answer, in MiB (null where /proc is unavailable) */
  rssMiB: number | null;
  /** SIGTERM → process exit */
  shutdownMs: number;
  exitCode: number | null;
}

interface Mode {
  name: string;
  description: string;
  samples: StartSample[];
}

function parseRuns(value: string | undefined): number {
  if (value === undefined || value === '') return 5;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got "${value}"`);
  return runs;
}

async function withAdmin<T>(adminUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `bench_start_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The `url` of the pino line `{"msg":"vinculo is listening","url":"http://…/graphql"}`, if this is that line. */
function listeningUrlOf(line: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (isRecord(parsed) && parsed.msg === 'vinculo is listening' && typeof parsed.url === 'string') return parsed.url;
  return null;
}

function rssMiBOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the server answers `{ serverVersion }` with HTTP 200 and data. */
async function firstAnswer(graphqlUrl: string, deadline: number, exited: () => boolean): Promise<void> {
  for (;;) {
    if (exited()) throw new Error('the server exited before answering');
    if (performance.now() > deadline) throw new Error(`no answer from ${graphqlUrl} within ${START_TIMEOUT_MS} ms`);
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverVersion }' }),
      });
      const body: unknown = await response.json();
      if (response.status === 200 && isRecord(body) && isRecord(body.data) && typeof body.data.serverVersion === 'string') {
        return;
      }
    } catch {
      // not accepting connections yet
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stopServer(child: ChildProcess): Promise<{ exitCode: number | null; shutdownMs: number }> {
  const started = performance.now();
  const exit = waitForExit(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  try {
    const exitCode = await exit;
    return { exitCode, shutdownMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Starts `node dist/src/main.js` on the database, measures it, and stops it with SIGTERM. */
async function measureStart(databaseUrl: string): Promise<StartSample> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
    },
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    const { url, listeningMs } = await new Promise<{ url: string; listeningMs: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (line) => {
        output += `${line}\n`;
        const found = listeningUrlOf(line);
        if (found) {
          clearTimeout(timer);
          resolve({ url: found, listeningMs: performance.now() - spawnedAt });
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (code ${code}, signal ${signal}) before listening`));
      });
    });
    await firstAnswer(url, spawnedAt + START_TIMEOUT_MS, () => exited);
    const firstAnswerMs = performance.now() - spawnedAt;
    const rssMiB = rssMiBOf(child.pid);
    const { exitCode, shutdownMs } = await stopServer(child);
    return { listeningMs, firstAnswerMs, rssMiB, shutdownMs, exitCode };
  } catch (error) {
    if (!exited) await stopServer(child);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n--- server output ---\n${output.trimEnd()}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number): string => `${Math.round(value)} ms`.padStart(8);
const mib = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(1)} MiB`).padStart(10);

function sampleLine(label: string, sample: StartSample): string {
  return [
    label.padEnd(8),
    `first answer ${ms(sample.firstAnswerMs)}`,
    `listening ${ms(sample.listeningMs)}`,
    `rss ${mib(sample.rssMiB)}`,
    `shutdown ${ms(sample.shutdownMs)}`,
    `exit ${sample.exitCode ?? 'signal'}`,
  ].join('  ');
}

function summaryLine(mode: Mode): string {
  const rss = mode.samples.map((s) => s.rssMiB).filter((value): value is number => value !== null);
  return [
    `${mode.name} median`.padEnd(12),
    `first answer ${ms(median(mode.samples.map((s) => s.firstAnswerMs)))}`,
    `listening ${ms(median(mode.samples.map((s) => s.listeningMs)))}`,
    `rss ${mib(rss.length ? median(rss) : null)}`,
    `shutdown ${ms(median(mode.samples.map((s) => s.shutdownMs)))}`,
  ].join('  ');
}

async function main(): Promise<void> {
  if (!fs.existsSync(MAIN_JS)) {
    process.stderr.write(`${path.relative(ROOT, MAIN_JS)} does not exist: run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const runs = parseRuns(process.env.BENCH_RUNS);
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  const cold: Mode = { name: 'cold', description: 'first start on a fresh database (runs every migration)', samples: [] };
  const warm: Mode = { name: 'warm', description: 'start on an already-migrated database', samples: [] };

  const redacted = new URL(adminUrl);
  if (redacted.password) redacted.password = '***';
  process.stdout.write(
    `vinculo start benchmark: node ${process.version}, ${runs} run(s), PostgreSQL at ${redacted.toString()}\n` +
      `  cold: ${cold.description}\n  warm: ${warm.description}\n` +
      '  first answer = spawn → first HTTP 200 to POST /graphql { serverVersion }; rss read after that answer\n\n',
  );

  for (let run = 1; run <= runs; run += 1) {
    const database = await createDatabase(adminUrl);
    try {
      const coldSample = await measureStart(database.url);
      cold.samples.push(coldSample);
      process.stdout.write(`run ${run}/${runs}\n  ${sampleLine('cold', coldSample)}\n`);
      const warmSample = await measureStart(database.url);
      warm.samples.push(warmSample);
      process.stdout.write(`  ${sampleLine('warm', warmSample)}\n`);
    } finally {
      await dropDatabase(adminUrl, database.name);
    }
  }

  process.stdout.write(`\n${summaryLine(cold)}\n${summaryLine(warm)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
