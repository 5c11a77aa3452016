// The seeded workspace `npm run bench:graphql` measures: database vinculo_bench_<accounts>_<contacts>, seeded with
// scripts/seed.ts (or reused with BENCH_REUSE=true when a complete seed of that size is there), an API key with
// accounts:read + identity:read, and the scenario inputs found in its data.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { LessThan, type DataSource } from 'typeorm';
import { memberPrincipal } from '../../src/identity/auth.service';
import { ApiKey } from '../../src/identity/api-key.entity';
import { Membership } from '../../src/identity/membership.entity';
import { Role } from '../../src/identity/roles';
import { AccessTokens } from '../../src/platform/auth/access-tokens';
import { loadConfig } from '../../src/platform/config/config';
import { createDataSource } from '../../src/platform/db/data-source';
import { entities } from '../../src/entities';
import { loadOrCreateSecret } from '../../src/platform/db/server-secrets';
import { createLogger } from '../../src/platform/logging/logger';
import { createServices, type Services } from '../../src/services';
import { seedWorkspace } from '../seed';
import type { ScenarioInputs } from './scenarios';
import { databaseUrlOf, withClient } from './util';

export const BENCH_KEY_NAME = 'bench:graphql (accounts:read, identity:read)';

export interface BenchWorkspaceOptions {
  adminUrl: string;
  accounts: number;
  contacts: number;
  reuse: boolean;
  log: (line: string) => void;
  /** Name of the API key made for this run (default BENCH_KEY_NAME): keys of that name from earlier runs are revoked. */
  keyName?: string;
}

export interface BenchWorkspace {
  database: string;
  databaseUrl: string;
  workspaceId: string;
  /** Secret of a fresh API key with accounts:read + identity:read. */
  apiKey: string;
  reused: boolean;
  seedSeconds: number | null;
  inputs: ScenarioInputs;
}

export async function prepareWorkspace(options: BenchWorkspaceOptions): Promise<BenchWorkspace> {
  const database = `vinculo_bench_${options.accounts}_${options.contacts}`;
  const databaseUrl = databaseUrlOf(options.adminUrl, database);
  const workspaceName = `Bench ${options.accounts} accounts, ${options.contacts} contacts`;
  const exists = await withClient(options.adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return found.rowCount === 1;
  });
  let workspaceId = exists && options.reuse ? await completeSeed(databaseUrl, workspaceName, options) : null;
  const reused = workspaceId !== null;
  if (!reused) {
    await withClient(options.adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${database}"`);
    });
  }
  const logger = createLogger('warn');
  const db = createDataSource({ url: databaseUrl, logger, poolSize: 6, entities });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const config = loadConfig({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false' });
    const secret = await loadOrCreateSecret(db, 'access_token_signing_key');
    const services = createServices({ db, config, tokens: new AccessTokens(secret, config.ACCESS_TOKEN_TTL_SECONDS), logger });
    let seedSeconds: number | null = null;
    if (!workspaceId) {
      options.log(`seeding ${database}: ${options.accounts} accounts, ${options.contacts} contacts (kept for BENCH_REUSE=true)…`);
      const started = performance.now();
      const seeded = await seedWorkspace(db, services, { accounts: options.accounts, contacts: options.contacts, workspaceName });
      seedSeconds = (performance.now() - started) / 1000;
      workspaceId = seeded.workspaceId;
    }
    const apiKey = await benchApiKey(db, services, workspaceId, options.keyName ?? BENCH_KEY_NAME);
    return { database, databaseUrl, workspaceId, apiKey, reused, seedSeconds, inputs: await scenarioInputs(db, workspaceId) };
  } finally {
    await db.destroy();
  }
}

/** The workspace id when `databaseUrl` holds a finished seed of the asked size (the records go in one transaction). */
async function completeSeed(databaseUrl: string, workspaceName: string, options: BenchWorkspaceOptions): Promise<string | null> {
  return withClient(databaseUrl, async (client) => {
    const tables = await client.query(`SELECT to_regclass('public.contacts') IS NOT NULL AS ready`);
    if (!tables.rows[0]?.ready) return null;
    const found = await client.query<{ id: string; accounts: number; contacts: number }>(
      `SELECT w.id, (SELECT count(*)::int FROM accounts a WHERE a.workspace_id = w.id) AS accounts,
              (SELECT count(*)::int FROM contacts c WHERE c.workspace_id = w.id) AS contacts
         FROM workspaces w WHERE w.name = $1`,
      [workspaceName],
    );
    const row = found.rows[0];
    return found.rowCount === 1 && row.accounts === options.accounts && row.contacts === options.contacts ? row.id : null;
  });
}

/**
 * A new API key with accounts:read + identity:read (Member.email needs identity:read), made by the OWNER through
 * the service layer; keys of runs older than an hour are revoked (only their hashes were kept). Not younger ones:
 * several runs share the bench database, and revoking a running one's key turns its numbers into refusals.
 */
async function benchApiKey(db: DataSource, services: Services, workspaceId: string, name: string): Promise<string> {
  const owner = await db.getRepository(Membership).findOneOrFail({ where: { workspaceId, role: Role.OWNER }, order: { createdAt: 'ASC' } });
  const principal = memberPrincipal(owner);
  for (const old of await db.getRepository(ApiKey).find({ where: { workspaceId, name, createdAt: LessThan(new Date(Date.now() - 3_600_000)) } })) {
    await services.apiKeys.revoke(principal, old.id);
  }
  const created = await services.apiKeys.create(principal, { name, scopes: ['accounts:read', 'identity:read'] });
  return created.secret;
}

/** The busiest city of CUSTOMER/PROSPECT accounts, the account with most contacts, and a search word with a typo. */
async function scenarioInputs(db: DataSource, workspaceId: string): Promise<ScenarioInputs> {
  const [city] = await db.query<{ city: string; accounts: number }[]>(
    `SELECT billing_address->>'city' AS city, count(*)::int AS accounts FROM accounts
      WHERE workspace_id = $1 AND archived_at IS NULL AND type IN ('CUSTOMER', 'PROSPECT') AND billing_address->>'city' IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [workspaceId],
  );
  const [account] = await db.query<{ id: string; contacts: number }[]>(
    `SELECT c.account_id AS id, count(*)::int AS contacts FROM contacts c
      WHERE c.workspace_id = $1 AND c.account_id IS NOT NULL AND c.archived_at IS NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [workspaceId],
  );
  // A plain-ASCII word of the company names, moderately common, typed with one letter doubled.
  const words = await db.query<{ word: string }[]>(
    `SELECT word FROM accounts, regexp_split_to_table(name, ' ') AS word
      WHERE workspace_id = $1 AND word ~ '^[A-Z][a-z]{5,}$'
      GROUP BY word ORDER BY abs(count(*) - 50), word LIMIT 1`,
    [workspaceId],
  );
  if (!city || !account || !words.length) throw new Error('the seeded workspace has no city, account with contacts or name word');
  const word = words[0].word;
  const middle = Math.floor(word.length / 2);
  return {
    city: city.city,
    cityMatches: city.accounts,
    accountId: account.id,
    accountContacts: account.contacts,
    searchWord: word,
    searchTypo: `${word.slice(0, middle)}${word[middle]}${word.slice(middle)}`.toLowerCase(),
  };
}
