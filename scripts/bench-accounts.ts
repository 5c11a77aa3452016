// Measures account lists and search over real HTTP on a seeded workspace.
//
// Usage: npm run bench:accounts
//   BENCH_ITERATIONS     measured requests per scenario (default 50; a few warm-up requests come first)
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                        a database bench_accounts_<random> is created on it, seeded, and dropped at the end.
//   SEED_ACCOUNTS, SEED_CONTACTS   size of the seeded workspace (default 10000 and 30000)
//
// The app runs in-process (startApp), the workspace is seeded with scripts/seed.ts, and every scenario is a
// POST /graphql with the seeded API key (or a logged-in OWN-scope member):
//   (a) a filtered, sorted account page with totalCount and each primary owner's name
//   (b) the same list, six pages deep (keyset `after` the 5th page's end cursor)
//   (c) search() for a seeded company-name fragment typed with a typo
//   (d) (a) as a MEMBER with access scope OWN
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/platform/config/config';
import { createLogger } from '../src/platform/logging/logger';
import { DEFAULT_ADMIN_URL, field, gql, positiveInt, redacted, withClient } from './bench/util';
import { seedWorkspace, type SeedResult } from './seed';

const WARM_UP = 3;

const ACCOUNT_PAGE = `query BenchAccounts($city: String!, $after: String) {
  accounts(first: 50, after: $after, filter: { type: { in: [CUSTOMER, PROSPECT] }, city: { eq: $city } }, orderBy: [{ field: NAME }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name primaryOwner { name } }
  }
}`;

const SEARCH = `query BenchSearch($query: String!) {
  search(query: $query) { type id title subtitle score account { id name } contact { id firstName lastName } }
}`;

const LOG_IN = `mutation BenchLogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`;

interface Scenario {
  label: string;
  detail: string;
  run: () => Promise<unknown>;
}

interface Stats {
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles. */
function statsOf(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1] };
}

async function measure(scenario: Scenario, iterations: number): Promise<Stats> {
  for (let i = 0; i < WARM_UP; i += 1) await scenario.run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await scenario.run();
    samples.push(performance.now() - started);
  }
  return statsOf(samples);
}

/** The busiest billing city among CUSTOMER/PROSPECT accounts: enough rows for six pages. */
async function busiestCity(app: App, workspaceId: string): Promise<{ city: string; accounts: number }> {
  const [row] = await app.db.query<{ city: string; accounts: number }[]>(
    `SELECT billing_address->>'city' AS city, count(*)::int AS accounts FROM accounts
      WHERE workspace_id = $1 AND archived_at IS NULL AND type IN ('CUSTOMER', 'PROSPECT')
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [workspaceId],
  );
  return row;
}

/** A plain-ASCII word of the seeded company names, moderately common (20-200 accounts), with a typo. */
async function typoFragment(app: App, workspaceId: string): Promise<{ word: string; typo: string }> {
  const rows = await app.db.query<{ word: string }[]>(
    `SELECT word FROM accounts, regexp_split_to_table(name, ' ') AS word
      WHERE workspace_id = $1 AND word ~ '^[A-Z][a-z]{5,}$'
      GROUP BY word HAVING count(*) BETWEEN 20 AND 200 ORDER BY count(*), word LIMIT 1`,
    [workspaceId],
  );
  const word = rows[0]?.word ?? 'Quetzal';
  const middle = Math.floor(word.length / 2);
  return { word, typo: `${word.slice(0, middle)}${word[middle]}${word.slice(middle)}`.toLowerCase() };
}

async function scenariosFor(app: App, seed: SeedResult, graphqlUrl: string): Promise<Scenario[]> {
  const { city, accounts } = await busiestCity(app, seed.workspaceId);
  let after: string | null = null;
  for (let page = 1; page <= 5; page += 1) {
    const data = await gql(graphqlUrl, seed.apiKey, ACCOUNT_PAGE, { city, after });
    after = String(field(data, 'accounts', 'pageInfo', 'endCursor'));
    if (field(data, 'accounts', 'pageInfo', 'hasNextPage') !== true) throw new Error(`${city} has fewer than 6 pages`);
  }
  const { word, typo } = await typoFragment(app, seed.workspaceId);
  const found = field(await gql(graphqlUrl, seed.apiKey, SEARCH, { query: typo }), 'search');
  if (!Array.isArray(found) || !found.some((hit) => String(field(hit, 'title')).includes(word))) {
    throw new Error(`search("${typo}") did not find "${word}"`);
  }
  const seller = seed.members.find((member) => member.role === 'MEMBER' && member.accessScope === 'OWN');
  if (!seller) throw new Error('the seed has no MEMBER with access scope OWN');
  const login = await gql(graphqlUrl, null, LOG_IN, { input: { email: seller.email, password: seed.password } });
  const sellerToken = String(field(login, 'logIn', 'accessToken'));
  const sellerTotal = field(await gql(graphqlUrl, sellerToken, ACCOUNT_PAGE, { city, after: null }), 'accounts', 'totalCount');
  return [
    { label: '(a) filtered page', detail: `API key, city "${city}", ${accounts} matches`, run: () => gql(graphqlUrl, seed.apiKey, ACCOUNT_PAGE, { city, after: null }) },
    { label: '(b) deep page (6th)', detail: 'API key, after the 5th page\'s end cursor', run: () => gql(graphqlUrl, seed.apiKey, ACCOUNT_PAGE, { city, after }) },
    { label: '(c) search with a typo', detail: `API key, "${typo}" for "${word}", ${found.length} hits`, run: () => gql(graphqlUrl, seed.apiKey, SEARCH, { query: typo }) },
    { label: '(d) filtered page, OWN', detail: `${seller.email.split('@')[0]} (MEMBER, OWN), ${String(sellerTotal)} matches`, run: () => gql(graphqlUrl, sellerToken, ACCOUNT_PAGE, { city, after: null }) },
  ];
}

async function main(): Promise<void> {
  const iterations = positiveInt('BENCH_ITERATIONS', 50);
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  const name = `bench_accounts_${randomBytes(6).toString('hex')}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  const out = (line: string) => process.stdout.write(`${line}\n`);

  const version = await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    return String((await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
  });
  let app: App | null = null;
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl.toString(), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'false' });
    app = await startApp(config, createLogger(config.LOG_LEVEL));
    out(`vinculo accounts benchmark: node ${process.version}, PostgreSQL ${version} at ${redacted(adminUrl)}, database ${name}`);
    const seedStarted = performance.now();
    const seed = await seedWorkspace(app.db, app.services, {
      accounts: positiveInt('SEED_ACCOUNTS', 10_000),
      contacts: positiveInt('SEED_CONTACTS', 30_000),
    });
    out(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${Object.entries(seed.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    out(`  ${Object.entries(seed.timingsMs).map(([k, v]) => `${k} ${v} ms`).join('; ')}`);
    const scenarios = await scenariosFor(app, seed, `${app.url}/graphql`);
    out(`\n${iterations} measured requests per scenario (after ${WARM_UP} warm-up), over HTTP, sequential:\n`);
    out(`${'scenario'.padEnd(26)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}   detail`);
    const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(8);
    for (const scenario of scenarios) {
      const stats = await measure(scenario, iterations);
      out(`${scenario.label.padEnd(26)} ${ms(stats.p50)} ${ms(stats.p95)} ${ms(stats.max)}   ${scenario.detail}`);
    }
  } finally {
    await app?.stop();
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-accounts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
