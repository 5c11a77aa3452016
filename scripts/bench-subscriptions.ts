// Fan-out benchmark of live subscriptions (issue 10): how event-to-client latency, server CPU and memory grow with
// the number of graphql-ws subscribers, for one viewer and for many distinct viewers.
//
// Usage: npm run bench:subscriptions
//   BENCH_DATABASE_URL  admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SIZES         comma list of subscriber counts (default 1000,5000,10000)
//   BENCH_KINDS         comma list of counters,timeline (default both)
//   BENCH_VIEWERS       comma list of distinct viewers (default 1,50)
//   BENCH_EVENTS        changes fired per run (default 10), one at a time: the next once every subscriber got one
//   BENCH_CPU_PROFILE_DIR  write a V8 CPU profile of the server there (node --cpu-prof)
//
// Starts the server (`node -r @swc-node/register src/main.ts`, NODE_ENV=production, on a fresh database dropped at
// the end), seeds a workspace over HTTP (an owner, 49 admins, an account), and forks the clients
// (scripts/bench/subscription-clients.ts) as a separate process: the file-descriptor limit (20,000) is per process.
// Per run: N sockets of one subscription each, spread over the viewers; counters: activityCountersChanged of the
// owner (each viewer sees it as itself: distinct viewer keys), a change = createFollowUp assigned to the owner;
// timeline: timelineEventAdded of the account, a change = addComment. Latency is from sending the mutation to the
// message's arrival in the client process (same machine clock). Server CPU per event = the server's user+system
// CPU over the events / events; RSS = the server's peak VmRSS during the run.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, sampleProcess, startChild, type ChildServer } from './bench/processes';
import { DEFAULT_ADMIN_URL, databaseUrlOf, field, gql, out, positiveInt, redacted, withClient } from './bench/util';

const root = path.join(__dirname, '..');
const PASSWORD = 'bench subscriptions password';
const MAX_VIEWERS = 50;

const list = (name: string, fallback: string): string[] => (process.env[name]?.trim() || fallback).split(',').map((item) => item.trim()).filter(Boolean);

interface Seed {
  ownerToken: string;
  ownerId: string;
  viewerTokens: string[];
  accountId: string;
  typeId: string;
}

async function seed(graphqlUrl: string): Promise<Seed> {
  const email = `owner.${randomBytes(4).toString('hex')}@bench.test`;
  const signUp = await gql(graphqlUrl, null, 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken member { id } } }', {
    input: { workspaceName: 'Bench', name: 'Bench Owner', email, password: PASSWORD },
  });
  const ownerToken = String(field(signUp, 'signUp', 'accessToken'));
  const ownerId = String(field(signUp, 'signUp', 'member', 'id'));
  const viewerTokens = [ownerToken];
  // ADMINs: a MANAGER may only watch the counters of their teams' members, and the owner is in no team.
  for (let i = 1; i < MAX_VIEWERS; i += 1) {
    const invited = await gql(graphqlUrl, ownerToken, 'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { invitationToken } }', {
      input: { email: `admin${i}.${randomBytes(3).toString('hex')}@bench.test`, role: 'ADMIN', accessScope: 'ALL', teamIds: [] },
    });
    const accepted = await gql(graphqlUrl, null, 'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }', {
      input: { token: String(field(invited, 'inviteMember', 'invitationToken')), password: PASSWORD, name: `Admin ${i}` },
    });
    viewerTokens.push(String(field(accepted, 'acceptInvitation', 'accessToken')));
  }
  const account = await gql(graphqlUrl, ownerToken, 'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', {
    input: { name: 'Watched account', type: 'CUSTOMER' },
  });
  const types = await gql(graphqlUrl, ownerToken, '{ followUpTypes { id kind } }', {});
  const typeId = String((field(types, 'followUpTypes') as { id: string }[])[0].id);
  return { ownerToken, ownerId, viewerTokens, accountId: String(field(account, 'createAccount', 'id')), typeId };
}

/** The forked client process, with a typed request/answer over IPC. */
class Clients {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (message: Record<string, unknown>) => void>();

  constructor() {
    this.child = fork(path.join(root, 'scripts', 'bench', 'subscription-clients.ts'), [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
    this.child.on('message', (message: Record<string, unknown>) => {
      const waiter = this.waiting.get(String(message.type));
      this.waiting.delete(String(message.type));
      waiter?.(message);
    });
  }

  when(type: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`clients: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(type, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  send(message: Record<string, unknown>): void {
    this.child.send(message);
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface RunResult {
  kind: string;
  subscribers: number;
  viewers: number;
  p50: number;
  p99: number;
  max: number;
  cpuPerEventMs: number;
  rssMiB: number;
  openSeconds: number;
}

async function run(server: ChildServer, clients: Clients, data: Seed, kind: string, subscribers: number, viewers: number, events: number): Promise<RunResult> {
  const graphqlUrl = `${server.url}/graphql`;
  const tokens = data.viewerTokens.slice(0, viewers);
  const query =
    kind === 'counters'
      ? 'subscription ($memberId: ID) { activityCountersChanged(memberId: $memberId, timeZone: "UTC") { memberId overdue dueToday upcoming } }'
      : 'subscription ($recordId: ID!) { timelineEventAdded(recordId: $recordId) { id kind actor { kind } } }';
  const variables = kind === 'counters' ? { memberId: data.ownerId } : { recordId: data.accountId };
  let fired = 0;
  const fire = () => {
    fired += 1;
    return kind === 'counters'
      ? gql(graphqlUrl, data.ownerToken, 'mutation ($input: NewFollowUpInput!) { createFollowUp(input: $input) { id } }', {
          input: { subject: `Bench ${fired}`, typeId: data.typeId, targetType: 'ACCOUNT', targetId: data.accountId, dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
        })
      : gql(graphqlUrl, data.ownerToken, 'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { recordId: data.accountId, body: `Bench ${fired}` } });
  };

  const openStarted = Date.now();
  const opened = clients.when('opened', 600_000);
  const initial = kind === 'counters' ? clients.when('initial', 600_000) : null;
  clients.send({ type: 'open', url: graphqlUrl.replace(/^http/, 'ws'), count: subscribers, subscriptions: tokens.map((token) => ({ token, query, variables })), initial: kind === 'counters' });
  await opened;
  if (initial) await initial;
  else {
    // No acknowledgement of a subscription: fire until every subscriber got one event, then start counting.
    const live = clients.when('received', 600_000);
    clients.send({ type: 'watch', index: 0 });
    for (let settled = false; !settled; ) {
      await fire();
      settled = await Promise.race([live.then(() => true), sleep(2000).then(() => false)]);
    }
  }
  const openSeconds = (Date.now() - openStarted) / 1000;
  const reset = clients.when('reset');
  clients.send({ type: 'reset' });
  await reset;
  await sleep(500);

  const sentAt: number[] = [];
  let peakRss = sampleProcess(server.pid).rssBytes;
  const cpuBefore = sampleProcess(server.pid).cpuMs;
  for (let index = 0; index < events; index += 1) {
    const received = clients.when('received', 120_000);
    clients.send({ type: 'watch', index });
    sentAt.push(Date.now());
    await fire();
    await received;
    peakRss = Math.max(peakRss, sampleProcess(server.pid).rssBytes);
  }
  const cpuMs = sampleProcess(server.pid).cpuMs - cpuBefore;
  const collected = clients.when('arrivals');
  clients.send({ type: 'collect' });
  const { arrivals } = (await collected) as unknown as { arrivals: number[][] };
  const latencies = arrivals.flatMap((times) => times.slice(0, events).map((time, index) => time - sentAt[index])).sort((a, b) => a - b);
  const closed = clients.when('closed', 120_000);
  clients.send({ type: 'close' });
  await closed;
  await sleep(1000);
  return {
    kind,
    subscribers,
    viewers,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    cpuPerEventMs: cpuMs / events,
    rssMiB: peakRss / 1024 / 1024,
    openSeconds,
  };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const sizes = list('BENCH_SIZES', '1000,5000,10000').map(Number);
  const kinds = list('BENCH_KINDS', 'counters,timeline');
  const viewerCounts = list('BENCH_VIEWERS', '1,50').map((value) => Math.min(MAX_VIEWERS, Number(value)));
  const events = positiveInt('BENCH_EVENTS', 10);
  const database = `vinculo_bench_subs_${randomBytes(3).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const port = await freePort();
  out(`bench:subscriptions on ${redacted(databaseUrlOf(adminUrl, database))}, sizes ${sizes.join('/')}, ${events} events per run`);
  let server: ChildServer | null = null;
  const clients = new Clients();
  try {
    await clients.when('ready');
    server = await startChild(
      'server',
      path.join(root, 'src', 'main.ts'),
      {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrlOf(adminUrl, database),
        RUN_MIGRATIONS: 'true',
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        JWT_SECRET: randomBytes(32).toString('hex'),
        ACCESS_TOKEN_TTL_SECONDS: '7200',
        WS_REAUTH_INTERVAL_MS: '600000',
      },
      port,
      '/readyz',
      ['-r', '@swc-node/register', ...(process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [])],
    );
    const data = await seed(`${server.url}/graphql`);
    out(`server pid ${server.pid}, RSS after seeding ${(sampleProcess(server.pid).rssBytes / 1024 / 1024).toFixed(0)} MiB`);
    out('kind      subscribers  viewers  p50 ms  p99 ms  max ms  server CPU/event ms  peak RSS MiB  open s');
    for (const kind of kinds) {
      for (const viewers of viewerCounts) {
        for (const size of sizes) {
          const result = await run(server, clients, data, kind, size, viewers, events);
          out(
            `${result.kind.padEnd(9)} ${String(result.subscribers).padStart(11)}  ${String(result.viewers).padStart(7)}  ${String(result.p50).padStart(6)}  ${String(result.p99).padStart(6)}  ` +
              `${String(result.max).padStart(6)}  ${result.cpuPerEventMs.toFixed(1).padStart(19)}  ${result.rssMiB.toFixed(0).padStart(12)}  ${result.openSeconds.toFixed(1).padStart(6)}`,
          );
        }
      }
    }
  } finally {
    clients.stop();
    await server?.stop();
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
