// Seeds a realistic workspace for development and benchmarks.
//
// Usage: DATABASE_URL=postgres://… npm run seed
//   SEED_ACCOUNTS   accounts to create (default 10000)
//   SEED_CONTACTS   contacts to create (default 30000)
//   SEED_RANDOM     seed of the data generator (default 42: the same data every run, apart from ids and secrets)
//
// Applies pending migrations, creates the OWNER through the real AuthService.signUp, 19 more members in 4 teams
// (real invitations, accepted with a password), an API key with every scope, then inserts accounts, owners,
// characteristics, interests, contacts and their creation history set-based (INSERT … SELECT FROM unnest, 1,000
// rows a statement), in one transaction. Prints the credentials and how long each step took.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { memberPrincipal } from '../src/identity/auth.service';
import { AccessScope, Role } from '../src/identity/roles';
import { AccessTokens } from '../src/platform/auth/access-tokens';
import type { MemberPrincipal } from '../src/platform/auth/principal';
import { ALL_API_SCOPES } from '../src/platform/auth/scopes';
import { loadConfig } from '../src/platform/config/config';
import { createDataSource } from '../src/platform/db/data-source';
import { entities } from '../src/entities';
import { loadOrCreateSecret } from '../src/platform/db/server-secrets';
import { createLogger } from '../src/platform/logging/logger';
import { createServices, type Services } from '../src/services';
import { asciiSlug, personName, Random } from './seed-data';
import { generateRecords, insertRecords, type Seller } from './seed-records';

export interface SeedOptions {
  accounts?: number;
  contacts?: number;
  /** Seed of the data generator. */
  random?: number;
  workspaceName?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface SeededMember {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  accessScope: AccessScope;
  teams: string[];
}

export interface SeedResult {
  workspaceId: string;
  /** Every seeded user (owner included) logs in with this password. */
  password: string;
  owner: SeededMember;
  members: SeededMember[];
  /** Secret of an API key with every scope (shown once: only its hash is stored). */
  apiKey: string;
  counts: Record<string, number>;
  timingsMs: Record<string, number>;
}

const TEAMS = ['Ventas Madrid', 'Ventas Barcelona', 'Cuentas México', 'Cuentas Colombia'] as const;

/** The 19 members besides the OWNER: [role, access scope, team indexes]. */
const MEMBER_PLAN: readonly (readonly [Role, AccessScope, readonly number[]])[] = [
  [Role.ADMIN, AccessScope.ALL, []],
  [Role.MANAGER, AccessScope.TEAM, [0]],
  [Role.MANAGER, AccessScope.TEAM, [1]],
  [Role.MANAGER, AccessScope.TEAM, [2, 3]],
  [Role.MEMBER, AccessScope.ALL, []],
  [Role.MEMBER, AccessScope.OWN, [0]],
  [Role.MEMBER, AccessScope.OWN, [0]],
  [Role.MEMBER, AccessScope.OWN, [0]],
  [Role.MEMBER, AccessScope.TEAM, [0]],
  [Role.MEMBER, AccessScope.OWN, [1]],
  [Role.MEMBER, AccessScope.OWN, [1]],
  [Role.MEMBER, AccessScope.TEAM, [1]],
  [Role.MEMBER, AccessScope.OWN, [2]],
  [Role.MEMBER, AccessScope.OWN, [2]],
  [Role.MEMBER, AccessScope.OWN, [2]],
  [Role.MEMBER, AccessScope.TEAM, [2]],
  [Role.MEMBER, AccessScope.OWN, [3]],
  [Role.MEMBER, AccessScope.OWN, [3]],
  [Role.MEMBER, AccessScope.TEAM, [3]],
];

/** Which country's accounts each team sells to. */
const TEAM_COUNTRY = ['ES', 'ES', 'MX', 'CO'] as const;

function countFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Creates the workspace on an already-migrated database; see the header of this file. */
export async function seedWorkspace(db: DataSource, services: Services, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timingsMs[label] = Math.round(performance.now() - started);
    log(`  ${label.padEnd(34)} ${String(timingsMs[label]).padStart(6)} ms`);
    return result;
  };
  const random = new Random(options.random ?? 42);
  const run = randomBytes(4).toString('hex');
  const domain = `${run}.seed.vinculo.test`;
  const password = randomBytes(12).toString('base64url');

  const { owner, principal } = await timed('owner (AuthService.signUp)', async () => {
    const session = await services.auth.signUp({
      workspaceName: options.workspaceName ?? 'Comercial Iberoamericana',
      name: 'Lucía Ferrer Olmos',
      email: `direccion@${domain}`,
      password,
      timeZone: 'Europe/Madrid',
    });
    const seeded: SeededMember = {
      membershipId: session.membership.id,
      name: 'Lucía Ferrer Olmos',
      email: `direccion@${domain}`,
      role: Role.OWNER,
      accessScope: AccessScope.ALL,
      teams: [],
    };
    return { owner: seeded, principal: memberPrincipal(session.membership) };
  });

  const members = await timed('teams, 19 members (invite + accept)', () => createMembers(services, principal, random, domain, password));
  const apiKey = await timed('API key (every scope)', async () => {
    const created = await services.apiKeys.create(principal, { name: 'Seed key (all scopes)', scopes: [...ALL_API_SCOPES] });
    return created.secret;
  });

  const sellers: Seller[] = [owner, ...members].map((member) => ({
    membershipId: member.membershipId,
    // Account executives carry most of the portfolio; managers some; the owner and admin a few.
    weight: member.role === Role.MEMBER ? 6 : member.role === Role.MANAGER ? 2 : 1,
    countries: member.teams.length
      ? member.teams.map((team) => TEAM_COUNTRY[TEAMS.indexOf(team as (typeof TEAMS)[number])])
      : ['ES', 'MX', 'CO'],
  }));
  const accountCount = options.accounts ?? 10_000;
  const contactCount = options.contacts ?? 30_000;
  const records = await timed(`generate ${accountCount} accounts, ${contactCount} contacts`, async () =>
    generateRecords({ workspaceId: principal.workspaceId, sellers, accounts: accountCount, contacts: contactCount, random }),
  );
  const counts = await timed('insert (one transaction, set-based)', () => db.transaction((manager) => insertRecords(manager, records, log)));
  await timed('analyze', async () => {
    for (const table of ['accounts', 'account_owners', 'account_characteristics', 'account_interests', 'contacts', 'timeline_entries']) {
      await db.query(`ANALYZE ${table}`);
    }
  });
  return { workspaceId: principal.workspaceId, password, owner, members, apiKey, counts, timingsMs };
}

async function createMembers(services: Services, principal: MemberPrincipal, random: Random, domain: string, password: string): Promise<SeededMember[]> {
  const teamIds: string[] = [];
  for (const name of TEAMS) teamIds.push((await services.teams.create(principal, { name })).id);
  const used = new Set<string>();
  const invited: { seeded: SeededMember; token: string }[] = [];
  for (const [role, accessScope, teams] of MEMBER_PLAN) {
    let person = personName(random);
    while (used.has(`${person.firstName} ${person.lastName}`)) person = personName(random);
    used.add(`${person.firstName} ${person.lastName}`);
    const name = `${person.firstName} ${person.lastName}`;
    const email = `${asciiSlug(person.firstName, '.')}.${asciiSlug(person.lastName, '.')}@${domain}`;
    const invitation = await services.members.invite(principal, { email, name, role, accessScope, teamIds: teams.map((i) => teamIds[i]) });
    if (!invitation.invitationToken) throw new Error(`${email} already had a password`);
    invited.push({
      seeded: { membershipId: invitation.membership.id, name, email, role, accessScope, teams: teams.map((i) => TEAMS[i]) },
      token: invitation.invitationToken,
    });
  }
  // Accepting hashes each password (argon2id): in parallel, on libuv's thread pool.
  await Promise.all(invited.map(({ token }) => services.auth.acceptInvitation({ token, password })));
  return invited.map(({ seeded }) => seeded);
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (postgres://…): the database to seed');
  const started = performance.now();
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'false' });
  const logger = createLogger(process.env.LOG_LEVEL || 'warn');
  const db = createDataSource({ url: databaseUrl, logger, poolSize: 6, entities });
  await db.initialize();
  try {
    const migrationsStarted = performance.now();
    const applied = await db.runMigrations({ transaction: 'each' });
    const migrationsMs = Math.round(performance.now() - migrationsStarted);
    const secret = config.JWT_SECRET ?? (await loadOrCreateSecret(db, 'access_token_signing_key'));
    const services = createServices({ db, config, tokens: new AccessTokens(secret, config.ACCESS_TOKEN_TTL_SECONDS), logger });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`vinculo seed: ${applied.length} migration(s) applied in ${migrationsMs} ms`);
    const result = await seedWorkspace(db, services, {
      accounts: countFrom('SEED_ACCOUNTS', 10_000),
      contacts: countFrom('SEED_CONTACTS', 30_000),
      random: countFrom('SEED_RANDOM', 42),
      log: out,
    });
    out(`  ${'total'.padEnd(34)} ${String(Math.round(performance.now() - started)).padStart(6)} ms`);
    out(`\nworkspace ${result.workspaceId}: ${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    out(`\nowner     ${result.owner.email}`);
    out(`password  ${result.password}   (every seeded member uses it)`);
    out(`API key   ${result.apiKey}   (every scope; shown once)`);
    out('\nmembers:');
    for (const m of result.members) out(`  ${m.role.padEnd(8)} ${m.accessScope.padEnd(5)} ${m.email.padEnd(58)} ${m.teams.join(', ')}`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
