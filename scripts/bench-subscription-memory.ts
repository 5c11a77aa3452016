// Memory of live subscriptions after their sockets close (issue 10): opens N graphql-ws subscribers (clients in a
// forked process, scripts/bench/subscription-clients.ts) on the activity counters, then on a record's timeline,
// fires a few events, closes them all, and prints the server's heap and RSS: while open, after the close, and
// after a forced full GC. The server runs in this process (compiled, dist/) so its heap can be collected and
// snapshotted; a leak shows as heapUsed after GC growing cycle after cycle.
//
// Usage: npm run bench:subscription-memory
//   BENCH_DATABASE_URL    admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SUBSCRIBERS     subscribers per run (default 1000)
//   BENCH_CYCLES          counters + timeline cycles (default 3)
//   BENCH_GC              false: no forced GC (what V8 alone gives back, as in bench:subscriptions)
//   BENCH_SNAPSHOT_DIR    write V8 heap snapshots there (before, while the first cycle is open, after each cycle)
//   BENCH_SERVER_DIR      the compiled src/ to run (default this checkout's dist/src, built when out of date)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import type * as AppModule from '../src/app';
import type * as ConfigModule from '../src/platform/config/config';
import type * as LoggerModule from '../src/platform/logging/logger';
import { ensureBuilt } from './bench/processes';
import { DEFAULT_ADMIN_URL, databaseUrlOf, field, gql, out, positiveInt, withClient } from './bench/util';

const root = path.join(__dirname, '..');
const PASSWORD = 'bench subscription memory';
const SUBSCRIBERS = positiveInt('BENCH_SUBSCRIBERS', 1000);
const CYCLES = positiveInt('BENCH_CYCLES', 3);
const FORCE_GC = process.env.BENCH_GC !== 'false';
const SNAPSHOTS = process.env.BENCH_SNAPSHOT_DIR;

const gc = (globalThis as { gc?: () => void }).gc;
if (FORCE_GC && !gc) throw new Error('run with node --expose-gc (npm run bench:subscription-memory does)');

/** Several full collections, with turns of the event loop between them (weak maps, finalizers). */
async function fullGc(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    gc?.();
    await sleep(100);
  }
}

let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50).unref();
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1).padStart(7);
/** One line of memory figures; `peak` is the highest RSS since the previous line that reset it. */
function report(label: string, resetPeak = false): void {
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);
  out(`${label.padEnd(36)} ${mib(memory.heapUsed)} ${mib(memory.heapTotal)} ${mib(memory.external)} ${mib(memory.rss)} ${mib(peakRss)}`);
  if (resetPeak) peakRss = 0;
}

/** The forked client process, request/answer over IPC (as bench-subscriptions.ts). */
function startClients() {
  const child = fork(path.join(root, 'scripts', 'bench', 'subscription-clients.ts'), [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
  const waiting = new Map<string, (message: Record<string, unknown>) => void>();
  child.on('message', (message: Record<string, unknown>) => {
    const waiter = waiting.get(String(message.type));
    waiting.delete(String(message.type));
    waiter?.(message);
  });
  return {
    when: (type: string) => new Promise<Record<string, unknown>>((resolve) => waiting.set(type, resolve)),
    send: (message: Record<string, unknown>) => child.send(message),
    stop: () => child.kill('SIGTERM'),
  };
}

async function main(): Promise<void> {
  const serverDir = process.env.BENCH_SERVER_DIR || path.dirname(ensureBuilt());
  /* eslint-disable @typescript-eslint/no-require-imports -- the compiled server, chosen at run time */
  const { startApp } = require(path.join(serverDir, 'app')) as typeof AppModule;
  const { loadConfig } = require(path.join(serverDir, 'platform', 'config', 'config')) as typeof ConfigModule;
  const { createLogger } = require(path.join(serverDir, 'platform', 'logging', 'logger')) as typeof LoggerModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const database = `vinculo_bench_submem_${randomBytes(3).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrlOf(adminUrl, database),
    RUN_MIGRATIONS: 'true',
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    WS_REAUTH_INTERVAL_MS: '600000',
  });
  const app = await startApp(config, createLogger('warn'));
  const url = `${app.url}/graphql`;
  const clients = startClients();
  try {
    await clients.when('ready');
    const signUp = await gql(url, null, 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken member { id } } }', {
      input: { workspaceName: 'Bench', name: 'Bench Owner', email: `owner.${randomBytes(4).toString('hex')}@bench.test`, password: PASSWORD },
    });
    const token = String(field(signUp, 'signUp', 'accessToken'));
    const ownerId = String(field(signUp, 'signUp', 'member', 'id'));
    const account = await gql(url, token, 'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Watched', type: 'CUSTOMER' } });
    const accountId = String(field(account, 'createAccount', 'id'));
    const types = await gql(url, token, '{ followUpTypes { id kind } }', {});
    const typeId = String((field(types, 'followUpTypes') as { id: string }[])[0].id);
    out(`bench:subscription-memory: ${SUBSCRIBERS} subscribers, ${CYCLES} cycles, forced GC ${FORCE_GC ? 'on' : 'off'}, server ${serverDir}`);
    out(`${'MiB'.padEnd(36)} ${'heap'.padStart(7)} ${'heapTot'.padStart(7)} ${'extern'.padStart(7)} ${'rss'.padStart(7)} ${'peakRss'.padStart(7)}`);
    await fullGc();
    report('baseline', true);
    if (SNAPSHOTS) v8.writeHeapSnapshot(path.join(SNAPSHOTS, 'baseline.heapsnapshot'));
    let fired = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      for (const kind of ['counters', 'timeline']) {
        const query =
          kind === 'counters'
            ? 'subscription ($memberId: ID) { activityCountersChanged(memberId: $memberId, timeZone: "UTC") { memberId overdue dueToday upcoming } }'
            : 'subscription ($recordId: ID!) { timelineEventAdded(recordId: $recordId) { id kind actor { kind } } }';
        const variables = kind === 'counters' ? { memberId: ownerId } : { recordId: accountId };
        const fire = () => {
          fired += 1;
          return kind === 'counters'
            ? gql(url, token, 'mutation ($input: NewFollowUpInput!) { createFollowUp(input: $input) { id } }', {
                input: { subject: `Bench ${fired}`, typeId, targetType: 'ACCOUNT', targetId: accountId, dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
              })
            : gql(url, token, 'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { recordId: accountId, body: `Bench ${fired}` } });
        };
        const opened = clients.when('opened');
        const initial = kind === 'counters' ? clients.when('initial') : null;
        clients.send({ type: 'open', url: url.replace(/^http/, 'ws'), count: SUBSCRIBERS, subscriptions: [{ token, query, variables }], initial: kind === 'counters' });
        await opened;
        if (initial) await initial;
        else {
          // No acknowledgement of a subscription: fire until every subscriber got one event.
          const live = clients.when('received');
          clients.send({ type: 'watch', index: 0 });
          for (let settled = false; !settled; ) {
            await fire();
            settled = await Promise.race([live.then(() => true), sleep(2000).then(() => false)]);
          }
        }
        const reset = clients.when('reset');
        clients.send({ type: 'reset' });
        await reset;
        for (let index = 0; index < 3; index += 1) {
          const received = clients.when('received');
          clients.send({ type: 'watch', index });
          await fire();
          await received;
        }
        report(`cycle ${cycle} ${kind}: open`);
        if (SNAPSHOTS && cycle === 1) v8.writeHeapSnapshot(path.join(SNAPSHOTS, `open-${kind}.heapsnapshot`));
        const closed = clients.when('closed');
        clients.send({ type: 'close' });
        await closed;
        await sleep(1000);
        report(`cycle ${cycle} ${kind}: closed`);
        if (FORCE_GC) {
          await fullGc();
          report(`cycle ${cycle} ${kind}: closed, after GC`);
        }
        peakRss = 0;
      }
      if (SNAPSHOTS) v8.writeHeapSnapshot(path.join(SNAPSHOTS, `cycle${cycle}.heapsnapshot`));
    }
  } finally {
    clients.stop();
    await app.stop();
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
