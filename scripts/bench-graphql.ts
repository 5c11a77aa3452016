// Load benchmark of the compiled GraphQL server against the physical limit of this stack.
//
// Usage: npm run bench:graphql            (README "Benchmarks" has the table it prints)
//   BENCH_DATABASE_URL  admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_ACCOUNTS, BENCH_CONTACTS   size of the seeded workspace (default 10000 and 30000)
//   BENCH_REUSE=true    reuse database vinculo_bench_<accounts>_<contacts> when it holds a complete seed
//   BENCH_DURATION_S    seconds per measured run (default 5); BENCH_ROUNDS rounds (default 3)
//   BENCH_CONNECTIONS   concurrent connections of autocannon (default 20)
//   BENCH_SCENARIOS     comma list: accountPage,filteredPage,accountWithContacts,contactsPage,search (default all)
//   BENCH_LOG_LEVEL     the server's LOG_LEVEL (default info: the production default, one line per request)
//
// Builds dist/ when stale, seeds (scripts/seed.ts), starts `node dist/src/main.js` (NODE_ENV=production) and
// scripts/bench/baseline-server.cjs (one hand-written SQL statement per scenario) as child processes, checks both
// answer the same JSON, then runs interleaved rounds (per round, per scenario: GraphQL, then baseline) with
// autocannon. Reports medians over rounds; writes bench-results/graphql-<timestamp>.json. Exit code 1 when a
// scenario's answers differ or a check fails.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/platform/config/config';
import { differences } from './bench/compare';
import { measure, prometheusSum, warmUp, type LoadOptions, type Target } from './bench/load';
import { ensureBuilt, freePort, startChild, type ChildServer } from './bench/processes';
import { finish, table, type ScenarioResult } from './bench/report';
import { ACCOUNT_CURSOR, ACCOUNT_PAGE, SCENARIO_NAMES, scenariosFor, type Scenario } from './bench/scenarios';
import { prepareWorkspace } from './bench/workspace';
import { booleanEnv, DEFAULT_ADMIN_URL, field, gql, median, out, positiveInt, redacted, withClient } from './bench/util';

const WARM_UP_SECONDS = 2;
const PAGE = 50;

function scenarioFilter(): Set<string> {
  const raw = process.env.BENCH_SCENARIOS?.trim();
  const names = raw ? raw.split(',').map((name) => name.trim()).filter(Boolean) : [...SCENARIO_NAMES];
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIO_NAMES.join(', ')})`);
  return new Set(names);
}

function graphqlTarget(server: ChildServer, apiKey: string): Target {
  return {
    kind: 'graphql',
    server,
    request: (scenario) => ({
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    }),
    async counters() {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const statements = prometheusSum(text, 'vinculo_sql_statements_total');
      if (statements === undefined) throw new Error('the server exposes no vinculo_sql_statements_total');
      const requests = prometheusSum(text, 'vinculo_http_requests_total', ['method="POST"', 'route="/graphql"']) ?? 0;
      return { statements, requests };
    },
  };
}

function baselineTarget(server: ChildServer): Target {
  return {
    kind: 'baseline',
    server,
    request: (scenario) => ({ path: `/scenario/${scenario.name}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario.variables) }),
    async counters() {
      const stats = await (await fetch(`${server.url}/stats`)).json();
      return { statements: Number(field(stats, 'statements')), requests: Number(field(stats, 'requests')) };
    },
  };
}

async function baselineData(server: ChildServer, scenario: Scenario): Promise<unknown> {
  const response = await fetch(`${server.url}/scenario/${scenario.name}`, { method: 'POST', body: JSON.stringify(scenario.variables) });
  const body: unknown = await response.json();
  if (response.status !== 200) throw new Error(`baseline ${scenario.name}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

interface CostCheck {
  claim: string;
  statements: Record<string, number>;
  medianMs?: Record<string, number>;
  holds: boolean;
}

/**
 * "Statement count the same for 5 and 50 rows; page 100 by cursor costs what page 1 does": statements of one
 * account-page request each (the /metrics delta), and for the deep page also the median of 20 sequential requests.
 */
async function costChecks(graphql: Target, graphqlUrl: string, apiKey: string): Promise<CostCheck[]> {
  const statementsOf = async (variables: Record<string, unknown>) => {
    const before = (await graphql.counters()).statements;
    await gql(graphqlUrl, apiKey, ACCOUNT_PAGE, variables);
    return (await graphql.counters()).statements - before;
  };
  /** Median latency of 20 sequential requests each, the two pages alternating (so drift hits both alike). */
  const medianMsOf = async (pages: Record<string, Record<string, unknown>>) => {
    const samples = Object.fromEntries(Object.keys(pages).map((name) => [name, [] as number[]]));
    for (let i = 0; i < 20; i += 1) {
      for (const [name, variables] of Object.entries(pages)) {
        const started = performance.now();
        await gql(graphqlUrl, apiKey, ACCOUNT_PAGE, variables);
        samples[name].push(performance.now() - started);
      }
    }
    return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Math.round(median(values) * 10) / 10]));
  };
  const five = await statementsOf({ first: 5 });
  const fifty = await statementsOf({ first: PAGE });
  const checks: CostCheck[] = [{ claim: 'account page: statement count the same for 5 and 50 rows', statements: { first5: five, first50: fifty }, holds: five === fifty }];

  const total = Number(field(await gql(graphqlUrl, apiKey, ACCOUNT_PAGE, { first: 1 }), 'accounts', 'totalCount'));
  const deepPage = Math.min(100, Math.ceil(total / PAGE));
  if (deepPage < 2) return checks;
  let after: string | null = null;
  for (let skipped = 0; skipped < (deepPage - 1) * PAGE; ) {
    const first = Math.min(500, (deepPage - 1) * PAGE - skipped);
    after = String(field(await gql(graphqlUrl, apiKey, ACCOUNT_CURSOR, { first, after }), 'accounts', 'pageInfo', 'endCursor'));
    skipped += first;
  }
  const pages = { page1: { first: PAGE }, [`page${deepPage}`]: { first: PAGE, after } };
  const statements = { page1: await statementsOf(pages.page1), [`page${deepPage}`]: await statementsOf({ first: PAGE, after }) };
  const medianMs = await medianMsOf(pages);
  const [first, last] = Object.values(statements);
  checks.push({ claim: `account page ${deepPage} by cursor costs what page 1 does (statements; latency for reference)`, statements, medianMs, holds: first === last });
  return checks;
}

/** Extra node flags for the GraphQL server only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" (NODE_OPTIONS refuses --cpu-prof). */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  const accounts = positiveInt('BENCH_ACCOUNTS', 10_000);
  const contacts = positiveInt('BENCH_CONTACTS', 30_000);
  const rounds = positiveInt('BENCH_ROUNDS', 3);
  const load: LoadOptions = { connections: positiveInt('BENCH_CONNECTIONS', 20), durationSeconds: positiveInt('BENCH_DURATION_S', 5) };
  const wanted = scenarioFilter();
  const logLevel = process.env.BENCH_LOG_LEVEL || 'info';
  const poolSize = loadConfig({ DB_POOL_SIZE: process.env.DB_POOL_SIZE }).DB_POOL_SIZE;
  const startedAt = new Date();

  const entry = ensureBuilt();
  const postgres = await withClient(adminUrl, async (client) => (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
  out(`vinculo GraphQL benchmark: node ${process.version}, PostgreSQL ${postgres} at ${redacted(adminUrl)}`);
  const workspace = await prepareWorkspace({ adminUrl, accounts, contacts, reuse: booleanEnv('BENCH_REUSE'), log: out });
  out(`database ${workspace.database}: ${workspace.reused ? 'reused' : `seeded in ${workspace.seedSeconds?.toFixed(1)} s`}`);

  const graphqlPort = await freePort();
  const graphqlServer = await startChild('graphql server', entry, {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: workspace.databaseUrl,
    RUN_MIGRATIONS: 'true',
    SEED_DEMO: 'false',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    PORT: String(graphqlPort),
    METRICS: 'true',
    DB_POOL_SIZE: String(poolSize),
  }, graphqlPort, '/readyz', serverNodeArgs());
  const baselinePort = await freePort();
  const baselineServer = await startChild('baseline server', path.join(__dirname, 'bench', 'baseline-server.cjs'), {
    ...process.env,
    DATABASE_URL: workspace.databaseUrl,
    BASELINE_WORKSPACE_ID: workspace.workspaceId,
    PORT: String(baselinePort),
    DB_POOL_SIZE: String(poolSize),
  }, baselinePort, '/stats').catch(async (error: unknown) => {
    await graphqlServer.stop();
    throw error;
  });
  let failed = false;
  try {
    const graphql = graphqlTarget(graphqlServer, workspace.apiKey);
    const baseline = baselineTarget(baselineServer);
    const graphqlUrl = `${graphqlServer.url}/graphql`;
    out(`servers: graphql pid ${graphqlServer.pid} (NODE_ENV=production, LOG_LEVEL=${logLevel}, pool ${poolSize}), baseline pid ${baselineServer.pid} (pool ${poolSize})`);
    out(`load: ${load.connections} connections, ${rounds} round(s) of ${load.durationSeconds} s per scenario and server, ${WARM_UP_SECONDS} s warm-up first\n`);

    const scenarios = scenariosFor(workspace.inputs).filter((s) => wanted.has(s.name));
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const data = await gql(graphqlUrl, workspace.apiKey, scenario.query, scenario.variables);
      const expected = await baselineData(baselineServer, scenario);
      const diff = isDeepStrictEqual(data, expected) ? [] : differences(data, expected);
      out(`${diff.length ? 'DIFFERENT' : 'equal    '}  ${scenario.name}: ${scenario.description}`);
      for (const line of diff) out(`             ${line}`);
      if (diff.length) failed = true;
      results.push({ name: scenario.name, description: scenario.description, equal: !diff.length, differences: diff, rounds: [] });
    }

    const checks = await costChecks(graphql, graphqlUrl, workspace.apiKey);
    out('');
    for (const check of checks) {
      const ms = check.medianMs ? `; median ${Object.entries(check.medianMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}` : '';
      out(`${check.holds ? 'holds    ' : 'FAILS    '}  ${check.claim}: ${Object.entries(check.statements).map(([k, v]) => `${k} ${v}`).join(', ')} statements${ms}`);
      if (!check.holds) failed = true;
    }

    for (let round = 1; round <= rounds; round += 1) {
      for (const [i, scenario] of scenarios.entries()) {
        const result = results[i];
        if (!result.equal) continue;
        if (round === 1) {
          await warmUp(graphql, scenario, load, WARM_UP_SECONDS);
          await warmUp(baseline, scenario, load, WARM_UP_SECONDS);
        }
        const graphqlRun = await measure(graphql, scenario, load);
        const baselineRun = await measure(baseline, scenario, load);
        result.rounds.push({ graphql: graphqlRun, baseline: baselineRun });
        out(`round ${round}/${rounds} ${scenario.name.padEnd(20)} graphql ${graphqlRun.reqPerSec.toFixed(0).padStart(6)} req/s, baseline ${baselineRun.reqPerSec.toFixed(0).padStart(6)} req/s`);
      }
    }

    const finished = results.map(finish);
    out('');
    for (const line of table(finished)) out(line);
    out('\nmedians over rounds; CPU = server process user+system time / requests answered; SQL = statements sent / requests;');
    out('ratios = graphql / baseline. Baseline: one hand-written SQL statement per request, JSON built by PostgreSQL.');
    if (finished.some((r) => (r.graphql?.failures ?? 0) + (r.baseline?.failures ?? 0) > 0)) failed = true;

    const directory = path.join(__dirname, '..', 'bench-results');
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `graphql-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      node: process.version,
      postgres,
      options: { accounts, contacts, rounds, ...load, warmUpSeconds: WARM_UP_SECONDS, logLevel, poolSize, scenarios: [...wanted] },
      workspace: { database: workspace.database, reused: workspace.reused, seedSeconds: workspace.seedSeconds, inputs: workspace.inputs },
      checks,
      scenarios: finished,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    out(`\nresults: ${path.relative(process.cwd(), file)}`);
  } finally {
    await Promise.all([graphqlServer.stop(), baselineServer.stop()]);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-graphql failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
