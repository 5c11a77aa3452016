// The bulk part of scripts/seed.ts: generates accounts, owners, characteristics, interests and contacts in
// memory, then inserts them set-based (INSERT … SELECT FROM unnest($1::uuid[], …), 1,000 rows a statement).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import { accountSearchText } from '../src/accounts/account-validation';
import { contactSearchText } from '../src/accounts/contact.schemas';
import {
  addressOf,
  citiesOf,
  companyName,
  COUNTRY_WEIGHTS,
  domainOf,
  INDUSTRIES,
  legalNameOf,
  personEmail,
  personName,
  phoneOf,
  POSITIONS,
  taxIdOf,
  type Country,
  type Random,
} from './seed-data';

export interface Seller {
  membershipId: string;
  /** Relative share of the portfolio. */
  weight: number;
  /** Countries whose accounts this member owns. */
  countries: Country[];
}

type ColumnType = 'uuid' | 'text' | 'int' | 'boolean' | 'numeric' | 'date' | 'timestamptz' | 'text[]' | 'jsonb';
type Row = unknown[];

interface Table {
  name: string;
  columns: readonly (readonly [string, ColumnType])[];
  rows: Row[];
}

export interface SeedRecords {
  workspaceId: string;
  tables: Table[];
}

const CHUNK = 1000;
const DAY_MS = 24 * 3600 * 1000;

const table = (name: string, columns: Table['columns']): Table => ({ name, columns, rows: [] });

const ACCOUNT_TYPES = [['CUSTOMER', 40], ['PROSPECT', 30], ['LEAD', 20], ['OTHER', 10]] as const;

const CHARACTERISTICS = [
  { name: 'Segmento', dataType: 'OPTION', options: ['Pyme', 'Gran cuenta', 'Autónomo', 'Sector público'], share: 0.8 },
  { name: 'Número de empleados', dataType: 'NUMBER', options: [], share: 0.6 },
  { name: 'Fecha de alta en ERP', dataType: 'DATE', options: [], share: 0.4 },
  { name: 'Exportador', dataType: 'BOOLEAN', options: [], share: 0.5 },
  { name: 'Código CNAE', dataType: 'TEXT', options: [], share: 0.3 },
] as const;

const INTEREST_AREAS = [
  'Software de gestión', 'Financiación', 'Logística internacional', 'Formación', 'Energía solar', 'Seguros',
  'Consultoría fiscal', 'Comercio electrónico',
];
const INTEREST_KINDS = [['INTEREST', 60], ['DISINTEREST', 20], ['UNMET_NEED', 20]] as const;

export interface GenerateOptions {
  workspaceId: string;
  sellers: Seller[];
  accounts: number;
  contacts: number;
  random: Random;
}

interface AccountMeta {
  id: string;
  domain: string;
  country: Country;
  city: ReturnType<typeof citiesOf>[number][0];
  createdAt: number;
  ownerId: string;
}

const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function generateRecords({ workspaceId, sellers, accounts: accountCount, contacts: contactCount, random }: GenerateOptions): SeedRecords {
  const now = Date.now();
  const definitions = table('characteristic_definitions', [['id', 'uuid'], ['workspace_id', 'uuid'], ['name', 'text'], ['data_type', 'text'], ['options', 'text[]']]);
  const areas = table('interest_areas', [['id', 'uuid'], ['workspace_id', 'uuid'], ['name', 'text']]);
  const accounts = table('accounts', [
    ['id', 'uuid'], ['workspace_id', 'uuid'], ['name', 'text'], ['legal_name', 'text'], ['tax_id', 'text'], ['type', 'text'],
    ['emails', 'text[]'], ['phones', 'text[]'], ['website', 'text'], ['industry', 'text'], ['billing_address', 'jsonb'],
    ['shipping_address', 'jsonb'], ['external_id', 'text'], ['search_text', 'text'], ['version', 'int'],
    ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['archived_at', 'timestamptz'],
    ['created_by_member_id', 'uuid'], ['updated_by_member_id', 'uuid'], ['archived_by_member_id', 'uuid'],
  ]);
  const owners = table('account_owners', [['account_id', 'uuid'], ['membership_id', 'uuid'], ['workspace_id', 'uuid'], ['is_primary', 'boolean'], ['created_at', 'timestamptz']]);
  const values = table('account_characteristics', [
    ['account_id', 'uuid'], ['definition_id', 'uuid'], ['workspace_id', 'uuid'], ['text_value', 'text'], ['number_value', 'numeric'],
    ['date_value', 'date'], ['boolean_value', 'boolean'], ['updated_at', 'timestamptz'],
  ]);
  const interests = table('account_interests', [['account_id', 'uuid'], ['area_id', 'uuid'], ['workspace_id', 'uuid'], ['kind', 'text'], ['updated_at', 'timestamptz']]);
  const contacts = table('contacts', [
    ['id', 'uuid'], ['workspace_id', 'uuid'], ['account_id', 'uuid'], ['first_name', 'text'], ['last_name', 'text'], ['position', 'text'],
    ['emails', 'text[]'], ['phones', 'text[]'], ['owner_membership_id', 'uuid'], ['search_text', 'text'], ['version', 'int'],
    ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['archived_at', 'timestamptz'],
    ['created_by_member_id', 'uuid'], ['updated_by_member_id', 'uuid'],
  ]);

  const history = table('timeline_entries', [
    ['workspace_id', 'uuid'], ['occurred_at', 'timestamptz'], ['kind', 'text'], ['record_type', 'text'], ['record_id', 'uuid'],
    ['account_id', 'uuid'], ['data', 'jsonb'], ['actor_member_id', 'uuid'],
  ]);

  const definitionIds = CHARACTERISTICS.map((definition) => {
    const id = randomUUID();
    definitions.rows.push([id, workspaceId, definition.name, definition.dataType, [...definition.options]]);
    return id;
  });
  const areaIds = INTEREST_AREAS.map((name) => {
    const id = randomUUID();
    areas.rows.push([id, workspaceId, name]);
    return id;
  });

  const cities = { ES: citiesOf('ES', random), MX: citiesOf('MX', random), CO: citiesOf('CO', random) };
  const sellersOf = (country: Country) => sellers.filter((s) => s.countries.includes(country)).map((s) => [s.membershipId, s.weight] as const);
  const sellerWeights = { ES: sellersOf('ES'), MX: sellersOf('MX'), CO: sellersOf('CO') };
  const anySeller = sellers.map((s) => [s.membershipId, s.weight] as const);
  const metas: AccountMeta[] = [];

  for (let serial = 1; serial <= accountCount; serial += 1) {
    const id = randomUUID();
    const country = random.weighted(COUNTRY_WEIGHTS);
    const city = random.weighted(cities[country]);
    const name = companyName(random);
    const legalName = random.chance(0.85) ? legalNameOf(name, country, random) : null;
    const taxId = random.chance(0.9) ? taxIdOf(country, serial, name, random) : null;
    const domain = domainOf(name, country, serial);
    const emails = [
      ...(random.chance(0.85) ? [`info@${domain}`] : []),
      ...(random.chance(0.3) ? [`${random.pick(['ventas', 'administracion', 'facturacion', 'compras'])}@${domain}`] : []),
    ];
    const phones = [...(random.chance(0.95) ? [phoneOf(country, city, random, false)] : []), ...(random.chance(0.35) ? [phoneOf(country, city, random, true)] : [])];
    const createdAt = now - Math.floor(random.next() * 3 * 365 * DAY_MS);
    const updatedAt = createdAt + Math.floor(random.next() * (now - createdAt) * 0.5);
    const ownerId = random.weighted(sellerWeights[country].length ? sellerWeights[country] : anySeller);
    const archived = random.chance(0.03);
    const address = addressOf(city, country, random);
    accounts.rows.push([
      id, workspaceId, name, legalName, taxId, random.weighted(ACCOUNT_TYPES), emails, phones,
      random.chance(0.7) ? `https://www.${domain}` : null, random.pick(INDUSTRIES), address,
      random.chance(0.2) ? addressOf(city, country, random) : null, random.chance(0.6) ? `ERP-${String(serial).padStart(6, '0')}` : null,
      accountSearchText({ name, legalName, taxId, emails, phones }), 1, new Date(createdAt), new Date(updatedAt),
      archived ? new Date(updatedAt) : null, ownerId, ownerId, archived ? ownerId : null,
    ]);
    owners.rows.push([id, ownerId, workspaceId, true, new Date(createdAt)]);
    history.rows.push([workspaceId, new Date(createdAt), 'ACCOUNT_CREATED', 'ACCOUNT', id, id, { name }, ownerId]);
    if (random.chance(0.15)) {
      const other = random.weighted(sellerWeights[country].length > 1 ? sellerWeights[country] : anySeller);
      if (other !== ownerId) owners.rows.push([id, other, workspaceId, false, new Date(createdAt)]);
    }
    CHARACTERISTICS.forEach((definition, i) => {
      if (!random.chance(definition.share)) return;
      const row: Row = [id, definitionIds[i], workspaceId, null, null, null, null, new Date(updatedAt)];
      if (definition.dataType === 'OPTION') row[3] = random.pick(definition.options);
      if (definition.dataType === 'TEXT') row[3] = String(random.int(1000, 9999));
      if (definition.dataType === 'NUMBER') row[4] = String(random.weighted([[random.int(1, 9), 50], [random.int(10, 249), 40], [random.int(250, 5000), 10]]));
      if (definition.dataType === 'DATE') row[5] = dateOnly(createdAt - random.int(0, 3650) * DAY_MS);
      if (definition.dataType === 'BOOLEAN') row[6] = random.chance(0.35);
      values.rows.push(row);
    });
    const interestCount = random.int(0, 3);
    const chosen = new Set<string>();
    for (let k = 0; k < interestCount; k += 1) chosen.add(random.pick(areaIds));
    for (const areaId of chosen) interests.rows.push([id, areaId, workspaceId, random.weighted(INTEREST_KINDS), new Date(updatedAt)]);
    metas.push({ id, domain, country, city, createdAt, ownerId });
  }

  for (let serial = 1; serial <= contactCount; serial += 1) {
    const account = metas.length && random.chance(0.97) ? random.pick(metas) : null;
    const country: Country = account?.country ?? random.weighted(COUNTRY_WEIGHTS);
    const city = account?.city ?? random.weighted(cities[country]);
    const person = personName(random);
    const position = random.pick(POSITIONS);
    const emails = random.chance(0.92) ? [personEmail(person, account?.domain ?? 'gmail.com', random)] : [];
    const phones = [...(random.chance(0.85) ? [phoneOf(country, city, random, true)] : []), ...(random.chance(0.25) ? [phoneOf(country, city, random, false)] : [])];
    const createdAt = Math.min(now, (account?.createdAt ?? now - 365 * DAY_MS) + random.int(0, 90) * DAY_MS);
    const creator = account?.ownerId ?? random.weighted(anySeller);
    const contactId = randomUUID();
    contacts.rows.push([
      contactId, workspaceId, account?.id ?? null, person.firstName, person.lastName, position, emails, phones,
      account ? null : creator, contactSearchText({ firstName: person.firstName, lastName: person.lastName, position, emails, phones }), 1,
      new Date(createdAt), new Date(createdAt), random.chance(0.02) ? new Date(now) : null, creator, creator,
    ]);
    history.rows.push([
      workspaceId, new Date(createdAt), 'CONTACT_CREATED', 'CONTACT', contactId, account?.id ?? null,
      { name: `${person.firstName} ${person.lastName}` }, creator,
    ]);
  }
  return { workspaceId, tables: [definitions, areas, accounts, owners, values, interests, contacts, history] };
}

/** `{"a","b"}`: a PostgreSQL array literal, passed as text and cast (unnest cannot take ragged 2-D arrays). */
const arrayLiteral = (items: string[]): string => `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

function paramOf(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'text[]') return arrayLiteral(value as string[]);
  if (type === 'jsonb') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Inserts a table's rows 1,000 at a time: one `INSERT … SELECT FROM unnest(...)` statement per chunk. */
async function insertTable(manager: EntityManager, { name, columns, rows }: Table): Promise<void> {
  const viaText = (type: ColumnType) => type === 'text[]' || type === 'jsonb';
  const names = columns.map(([column]) => `"${column}"`).join(', ');
  const selects = columns.map(([, type], i) => (viaText(type) ? `u.c${i}::${type}` : `u.c${i}`)).join(', ');
  const unnests = columns.map(([, type], i) => `$${i + 1}::${viaText(type) ? 'text' : type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO "${name}" (${names}) SELECT ${selects} FROM unnest(${unnests}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await manager.query(sql, columns.map(([, type], i) => chunk.map((row) => paramOf(row[i], type))));
  }
}

/** Inserts everything generated (creation entries of the history included), then merges the GIN pending lists. */
export async function insertRecords(
  manager: EntityManager,
  records: SeedRecords,
  log: (line: string) => void = () => undefined,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // GIN (trigram) entries go to the pending list and are merged once, in bulk, at the end: much cheaper than
  // flushing a 4 MB list over and over during the load.
  await manager.query(`SET LOCAL gin_pending_list_limit = '256MB'`);
  for (const t of records.tables) {
    const started = performance.now();
    await insertTable(manager, t);
    counts[t.name] = t.rows.length;
    log(`    ${t.name.padEnd(32)} ${String(Math.round(performance.now() - started)).padStart(6)} ms  (${t.rows.length} rows)`);
  }
  const started = performance.now();
  const ginIndexes = await manager.query<{ index: string }[]>(
    `SELECT i.indexrelid::regclass::text AS index FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE am.amname = 'gin' AND i.indrelid IN ('accounts'::regclass, 'contacts'::regclass)`,
  );
  for (const { index } of ginIndexes) await manager.query('SELECT gin_clean_pending_list($1::regclass)', [index]);
  log(`    ${'(merge GIN pending lists)'.padEnd(32)} ${String(Math.round(performance.now() - started)).padStart(6)} ms`);
  return counts;
}
