import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service';
import type { ContactsService } from '../accounts/contacts.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { Principal } from '../platform/auth/principal';
import { scopeGranted } from '../platform/auth/scopes';
import { BadUserInputError, type FieldProblem } from '../platform/errors/errors';
import { emailAddress, foldForSearch, normalisePhone, normaliseTaxId } from '../platform/text/normalize';
import { SearchableType } from '../search/search.types';
import { DuplicateCandidate, DuplicateMatchField } from './duplicates.types';
import { LeadStatus, type Lead } from './lead.entity';
import type { LeadsService } from './leads.service';

/** What to look for: normalised keys (any may be empty) and a lead to leave out (the lead itself). */
export interface DuplicateProbe {
  emails: string[];
  phones: string[];
  taxId: string | null;
  /** Folded (lower case, no accents). */
  names: string[];
  excludeLeadId: string | null;
}

export const DUPLICATES_DEFAULT_FIRST = 10;
export const DUPLICATES_MAX_FIRST = 50;

const probeInputSchema = z.object({
  email: emailAddress.nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  taxId: z.string().max(40).nullable().optional(),
  name: z.string().trim().max(300).nullable().optional(),
  first: z.number().int().min(1, `must be between 1 and ${DUPLICATES_MAX_FIRST}`).max(DUPLICATES_MAX_FIRST, `must be between 1 and ${DUPLICATES_MAX_FIRST}`),
});

/** A lead's keys: its emails, phones and names (company, person and title). */
export const probeOfLead = (lead: Pick<Lead, 'id' | 'emails' | 'phones' | 'companyName' | 'personName' | 'title'>): DuplicateProbe => ({
  emails: lead.emails,
  phones: lead.phones,
  taxId: null,
  names: [...new Set([lead.companyName, lead.personName, lead.title].filter((name): name is string => !!name).map(foldForSearch))],
  excludeLeadId: lead.id,
});

interface RawMatch {
  idx: number;
  email: boolean;
  phone: boolean;
  tax: boolean;
  name: number;
}

/** A record's matched fields and score (see DuplicateCandidate.score). */
function scored(match: RawMatch): { score: number; matchedOn: DuplicateMatchField[] } | null {
  const signals: [DuplicateMatchField, number][] = [];
  if (match.email) signals.push([DuplicateMatchField.EMAIL, 1]);
  if (match.tax) signals.push([DuplicateMatchField.TAX_ID, 1]);
  if (match.phone) signals.push([DuplicateMatchField.PHONE, 0.9]);
  if (match.name >= NAME_THRESHOLD) signals.push([DuplicateMatchField.NAME, 0.7 * match.name]);
  if (!signals.length) return null;
  signals.sort((x, y) => y[1] - x[1]);
  return { score: signals[0][1] + 0.1 * (signals.length - 1), matchedOn: signals.map(([field]) => field) };
}

/** pg_trgm's word_similarity threshold (the `<%` operator's default). */
const NAME_THRESHOLD = 0.6;

/**
 * Possible duplicates of a party among the leads, contacts and accounts the caller may see: shared email, phone
 * or tax id (normalised: case, E.164, canonical tax id), or a similar name (trigram word similarity on the
 * records' folded search text), ranked. Each kind starts from its own service's visible(principal) query, so
 * what the caller cannot see is never reported; archived accounts and contacts and converted leads are left
 * out. One statement per kind for any number of probes (Lead.duplicates batches them).
 */
export class DuplicatesService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** findDuplicates(email, phone, taxId, name): at least one of them. */
  async find(principal: Principal, input: unknown): Promise<DuplicateCandidate[]> {
    const parsed = probeInputSchema.safeParse(input);
    if (!parsed.success) throw new BadUserInputError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
    const data = parsed.data;
    const problems: FieldProblem[] = [];
    let phone: string | null = null;
    if (data.phone?.trim()) {
      const normalised = normalisePhone(data.phone, (await this.workspaces.current(principal)).defaultCountry);
      if (normalised.ok) phone = normalised.value;
      else problems.push({ path: 'phone', message: normalised.message });
    }
    let taxId: string | null = null;
    if (data.taxId?.trim()) {
      const normalised = normaliseTaxId(data.taxId);
      if (normalised.ok) taxId = normalised.value;
      else problems.push({ path: 'taxId', message: normalised.message });
    }
    const name = data.name ? foldForSearch(data.name).replace(/\s+/g, ' ') : '';
    if (name && name.length < 3) problems.push({ path: 'name', message: 'must have at least 3 characters' });
    if (problems.length) throw new BadUserInputError(problems);
    if (!data.email && !phone && !taxId && !name) {
      throw BadUserInputError.field('email', 'give at least one of email, phone, taxId or name');
    }
    const probe: DuplicateProbe = { emails: data.email ? [data.email] : [], phones: phone ? [phone] : [], taxId, names: name ? [name] : [], excludeLeadId: null };
    return (await this.candidates(principal, [probe], data.first))[0];
  }

  /** The best `limit` candidates of each probe, in probe order. */
  async candidates(
    principal: Principal,
    probes: DuplicateProbe[],
    limit: number,
    manager: EntityManager = this.db.manager,
    options: { exactOnly?: boolean } = {},
  ): Promise<DuplicateCandidate[][]> {
    const found: DuplicateCandidate[][] = probes.map(() => []);
    if (!probes.length) return found;
    const params = {
      dupProbes: JSON.stringify(probes.map((probe, idx) => ({ idx, emails: probe.emails, phones: probe.phones, tax_id: probe.taxId, names: probe.names, exclude_id: probe.excludeLeadId }))),
      dupAllEmails: [...new Set(probes.flatMap((probe) => probe.emails))],
      dupAllPhones: [...new Set(probes.flatMap((probe) => probe.phones))],
      dupWorkspace: principal.workspaceId,
    };
    const add = <T extends ObjectLiteral & { id: string }>(rows: { entity: T; raw: RawMatch }[], type: SearchableType, title: (row: T) => string) => {
      for (const { entity, raw } of rows) {
        const match = scored(raw);
        if (!match) continue;
        found[raw.idx].push({
          type,
          id: entity.id,
          title: title(entity),
          ...match,
          account: type === SearchableType.ACCOUNT ? (entity as never) : null,
          contact: type === SearchableType.CONTACT ? (entity as never) : null,
          lead: type === SearchableType.LEAD ? (entity as never) : null,
        });
      }
    };
    // Accounts and contacts are another API domain: a key without accounts:read sees leads only.
    const seesAccounts = principal.kind === 'member' || scopeGranted(principal.scopes, 'accounts:read');
    if (seesAccounts) {
      const accounts = this.accounts.visible(principal, manager).andWhere('a.archived_at IS NULL');
      add(await matching(accounts, 'a', params, { taxId: true, exactOnly: options.exactOnly, manager }), SearchableType.ACCOUNT, (account) => account.name);
      const contacts = this.contacts
        .visible(principal, manager)
        .leftJoin('c.account', 'dup_account')
        .andWhere('c.archived_at IS NULL')
        .andWhere('(c.account_id IS NULL OR dup_account.archived_at IS NULL)');
      add(await matching(contacts, 'c', params, { exactOnly: options.exactOnly, manager }), SearchableType.CONTACT, (contact) => `${contact.firstName} ${contact.lastName}`.trim());
    }
    const leads = this.leads.visible(principal, manager).andWhere('l.status <> :dupConverted', { dupConverted: LeadStatus.CONVERTED });
    add(await matching(leads, 'l', params, { exclude: true, exactOnly: options.exactOnly, manager }), SearchableType.LEAD, (lead) => lead.title);
    return found.map((candidates) =>
      candidates.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).slice(0, limit),
    );
  }
}

/**
 * One statement: the visible rows of one kind (alias `alias`, columns emails, phones, search_text, and tax_id
 * when `taxId`) matching any probe, each paired with what it matched of which probe.
 */
async function matching<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  params: { dupProbes: string; dupAllEmails: string[]; dupAllPhones: string[]; dupWorkspace: string },
  options: { taxId?: boolean; exclude?: boolean; exactOnly?: boolean; manager?: EntityManager },
): Promise<{ entity: T; raw: RawMatch }[]> {
  // exactOnly (imports): the rows sharing any of the probes' emails or phones, matched to their probes here by key; a
  // join with the probes made PostgreSQL compare every probe with every row.
  if (options.exactOnly) {
    // Each key looked up on its own (LATERAL: one GIN index probe per key): one overlap of the whole key set
    // (`emails && ARRAY[...1000 keys]`) is costed above a sequential scan, which compares every row with every key (a
    // second per batch at 20k leads, growing). The ids first, then the visible rows by primary key: in one statement
    // PostgreSQL hash-joined the ids with a scan of the table. Same connection: an import's batch sees its own rows.
    const table = query.expressionMap.mainAlias?.metadata.tablePath as string;
    const found: { id: string }[] = await (options.manager ?? query.connection.manager).query(
      `SELECT x.id FROM unnest(CAST($2 AS text[])) AS k(v) CROSS JOIN LATERAL (SELECT x.id FROM ${table} x WHERE x.workspace_id = $1 AND x.emails @> ARRAY[k.v]) x
       UNION
       SELECT x.id FROM unnest(CAST($3 AS text[])) AS k(v) CROSS JOIN LATERAL (SELECT x.id FROM ${table} x WHERE x.workspace_id = $1 AND x.phones @> ARRAY[k.v]) x`,
      [params.dupWorkspace, params.dupAllEmails, params.dupAllPhones],
    );
    if (!found.length) return [];
    query.andWhere(`${alias}.id IN (:...dupFoundIds)`, { dupFoundIds: found.map((row) => row.id) });
    return matchedByKey(await query.getMany(), JSON.parse(params.dupProbes) as ProbeRow[]);
  }
  const tax = options.taxId && !options.exactOnly ? `(dp.tax_id IS NOT NULL AND ${alias}.tax_id = dp.tax_id)` : 'false';
  const name = options.exactOnly ? '0' : `COALESCE((SELECT max(word_similarity(dup_name, ${alias}.search_text)) FROM unnest(dp.names) AS dup_name), 0)`;
  // exactOnly (imports: thousands of probes per statement): shared email or phone only, which the GIN indexes on
  // emails and phones answer without scanning the table once per probe.
  const matches = options.exactOnly
    ? `(${alias}.emails && dp.emails OR ${alias}.phones && dp.phones)`
    : `(${alias}.emails && dp.emails OR ${alias}.phones && dp.phones OR ${tax}
    OR EXISTS (SELECT 1 FROM unnest(dp.names) AS dup_name WHERE dup_name <% ${alias}.search_text))`;
  const { entities, raw } = await query
    .innerJoin(
      '(SELECT * FROM jsonb_to_recordset(CAST(:dupProbes AS jsonb)) AS dp(idx int, emails text[], phones text[], tax_id text, names text[], exclude_id uuid))',
      'dp',
      options.exclude ? `${matches} AND dp.exclude_id IS DISTINCT FROM ${alias}.id` : matches,
      params,
    )
    .addSelect('dp.idx', 'dup_idx')
    .addSelect(`COALESCE(${alias}.emails && dp.emails, false)`, 'dup_email')
    .addSelect(`COALESCE(${alias}.phones && dp.phones, false)`, 'dup_phone')
    .addSelect(tax, 'dup_tax')
    .addSelect(`CAST(${name} AS float8)`, 'dup_name')
    .getRawAndEntities<Record<string, unknown>>();
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  return raw.flatMap((row) => {
    const entity = byId.get(String(row[`${alias}_id`]));
    if (!entity) return [];
    return [{ entity, raw: { idx: Number(row.dup_idx), email: row.dup_email === true, phone: row.dup_phone === true, tax: row.dup_tax === true, name: Number(row.dup_name) } }];
  });
}

interface ProbeRow {
  idx: number;
  emails: string[];
  phones: string[];
  exclude_id: string | null;
}

/** Which probes each record shares an email or phone with (exactOnly), as `matching` reports them. */
function matchedByKey<T extends ObjectLiteral & { id: string }>(entities: T[], probes: ProbeRow[]): { entity: T; raw: RawMatch }[] {
  const byKey = new Map<string, number[]>();
  probes.forEach((probe) => {
    for (const key of [...probe.emails.map((e) => `e:${e}`), ...probe.phones.map((p) => `p:${p}`)]) byKey.set(key, [...(byKey.get(key) ?? []), probe.idx]);
  });
  const matches: { entity: T; raw: RawMatch }[] = [];
  for (const entity of entities) {
    const hits = new Map<number, RawMatch>();
    const hit = (keys: string[] | undefined, prefix: string, field: 'email' | 'phone') => {
      for (const key of keys ?? []) {
        for (const idx of byKey.get(`${prefix}${key}`) ?? []) {
          if (probes[idx].exclude_id === entity.id) continue;
          const match = hits.get(idx) ?? { idx, email: false, phone: false, tax: false, name: 0 };
          match[field] = true;
          hits.set(idx, match);
        }
      }
    };
    hit(entity.emails as string[] | undefined, 'e:', 'email');
    hit(entity.phones as string[] | undefined, 'p:', 'phone');
    for (const raw of hits.values()) matches.push({ entity, raw });
  }
  return matches;
}
