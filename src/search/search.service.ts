import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AccountsService } from '../accounts/accounts.service';
import type { ContactsService } from '../accounts/contacts.service';
import type { DealsService } from '../deals/deals.service';
import { scopeGranted } from '../platform/auth/scopes';
import type { LeadsService } from '../leads/leads.service';
import type { Principal } from '../platform/auth/principal';
import { searchLimitOf, searchTermsOf, type SearchTerms } from './search-query';
import { SearchableType, type SearchHit } from './search.types';

export interface SearchArgs {
  query: string;
  types?: SearchableType[] | null;
  first?: number | null;
}

const SCORE = 'search_score';

/** SQL parameters shared by every per-type query (prefixed so they never collide with the scope's). */
function paramsOf(terms: SearchTerms): Record<string, unknown> {
  return {
    searchText: terms.text,
    searchTerm: terms.term,
    searchPrefix: terms.prefix,
    searchWordPrefix: terms.wordPrefix,
    searchTaxId: terms.taxId,
    searchTaxIdPrefix: terms.taxIdPrefix,
    searchPhone: terms.phone,
    searchPhonePrefix: terms.phonePrefix,
    searchPhoneSuffix: terms.phoneSuffix,
    ...Object.fromEntries(terms.likes.map((like, i) => [`searchLike${i}`, like])),
  };
}

/**
 * The match predicate on `<alias>.search_text`: substring (ILIKE: cheapest, so first) or word similarity
 * (`search_text %> q`, i.e. word_similarity(q, search_text) >= pg_trgm.word_similarity_threshold, default 0.6:
 * the query close to some stretch of the text, which is what finds "acmee" in "acme iberia s.l. b123…").
 * Both are served by the (workspace_id, search_text gin_trgm_ops) index. Whole-string similarity (`%`) is
 * not used to match: search_text joins name, legal name, tax id, emails and phone digits (~100 characters),
 * so a short query never reaches its 0.3 threshold, while its GIN scan yields thousands of false candidates.
 */
function matchSql(alias: string, terms: SearchTerms): string {
  const column = `${alias}.search_text`;
  const arms = terms.likes.map((_, i) => `${column} ILIKE :searchLike${i}`);
  if (terms.fuzzy) arms.push(`${column} %> :searchTerm`);
  return `(${arms.join(' OR ')})`;
}

/**
 * Relevance: trigram similarity with the whole record (0..1, the better of whole-text and best-stretch), plus
 * half the word similarity with its title (so "Quetzal Logística" outranks a contact whose email domain
 * merely contains "quetzal"), plus the type's boost; as float8, so SQL and JS order ties identically.
 */
const scoreSql = (alias: string, title: string, boost: string): string =>
  `CAST(GREATEST(similarity(${alias}.search_text, :searchTerm), word_similarity(:searchTerm, ${alias}.search_text))
    + 0.5 * word_similarity(:searchTerm, ${title}) + ${boost} AS float8)`;

/** Exact name, tax id, email or phone: +1; prefix of those: +0.5; a later word of the name starts with it: +0.25. */
const ACCOUNT_BOOST = `CASE
  WHEN lower(a.name) = :searchText OR a.tax_id = :searchTaxId OR :searchText = ANY(a.emails) OR :searchPhone = ANY(a.phones) THEN 1
  WHEN lower(a.name) LIKE :searchPrefix OR a.tax_id LIKE :searchTaxIdPrefix
    OR EXISTS (SELECT 1 FROM unnest(a.emails) AS search_email WHERE search_email LIKE :searchPrefix)
    OR EXISTS (SELECT 1 FROM unnest(a.phones) AS search_phone WHERE search_phone LIKE :searchPhonePrefix OR search_phone LIKE :searchPhoneSuffix) THEN 0.5
  WHEN lower(a.name) LIKE :searchWordPrefix THEN 0.25
  ELSE 0 END`;

const CONTACT_FULL_NAME = `lower(btrim(c.first_name || ' ' || c.last_name))`;

const CONTACT_BOOST = `CASE
  WHEN ${CONTACT_FULL_NAME} = :searchText OR :searchText = ANY(c.emails) OR :searchPhone = ANY(c.phones) THEN 1
  WHEN ${CONTACT_FULL_NAME} LIKE :searchPrefix OR lower(c.last_name) LIKE :searchPrefix
    OR EXISTS (SELECT 1 FROM unnest(c.emails) AS search_email WHERE search_email LIKE :searchPrefix)
    OR EXISTS (SELECT 1 FROM unnest(c.phones) AS search_phone WHERE search_phone LIKE :searchPhonePrefix OR search_phone LIKE :searchPhoneSuffix) THEN 0.5
  WHEN ${CONTACT_FULL_NAME} LIKE :searchWordPrefix THEN 0.25
  ELSE 0 END`;

const LEAD_BOOST = `CASE
  WHEN lower(l.title) = :searchText OR lower(l.company_name) = :searchText OR lower(l.person_name) = :searchText
    OR :searchText = ANY(l.emails) OR :searchPhone = ANY(l.phones) THEN 1
  WHEN lower(l.title) LIKE :searchPrefix OR lower(l.company_name) LIKE :searchPrefix OR lower(l.person_name) LIKE :searchPrefix
    OR EXISTS (SELECT 1 FROM unnest(l.emails) AS search_email WHERE search_email LIKE :searchPrefix)
    OR EXISTS (SELECT 1 FROM unnest(l.phones) AS search_phone WHERE search_phone LIKE :searchPhonePrefix OR search_phone LIKE :searchPhoneSuffix) THEN 0.5
  WHEN lower(l.title) LIKE :searchWordPrefix THEN 0.25
  ELSE 0 END`;

const joinNonEmpty = (parts: (string | null | undefined)[]): string | null => parts.filter(Boolean).join(' · ') || null;

/**
 * `search(query, types)`: fuzzy, ranked, scope-filtered search across accounts, contacts and leads (these only for
 * API keys with leads:read). Each type starts
 * from its service's visible(principal) query (workspace and portfolio rules live there only), adds the
 * trigram match, ranks in SQL and returns its top `first`; the per-type lists are merged by score.
 * One short transaction with one statement per type, whatever the number of hits: the hits carry the rows
 * they were found in (GraphQL relations below them go through the per-request DataLoaders).
 * Archived records are left out, and so are contacts of archived accounts.
 */
export class SearchService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly leads: LeadsService,
  ) {}

  async search(principal: Principal, args: SearchArgs): Promise<SearchHit[]> {
    const terms = searchTermsOf(args.query);
    const limit = searchLimitOf(args.first);
    const wanted = new Set(args.types?.length ? args.types : Object.values(SearchableType));
    // Deals and leads are other API domains: a key finds them only with their read scope.
    for (const [type, scope] of [[SearchableType.DEAL, 'deals:read'], [SearchableType.LEAD, 'leads:read']] as const) {
      if (principal.kind === 'apiKey' && !scopeGranted(principal.scopes, scope)) wanted.delete(type);
    }
    // pg_trgm declares its operators as cheap as `=` (procost 1), so on a small table the planner may prefer a
    // sequential scan that evaluates word_similarity on every row (0.25 s on 10,000 accounts, against 3 ms
    // through the trigram index). Seq scans stay off for this transaction only (it only reads).
    const lists = await this.db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return [
        wanted.has(SearchableType.ACCOUNT) ? await this.searchAccounts(principal, terms, limit, manager) : [],
        wanted.has(SearchableType.CONTACT) ? await this.searchContacts(principal, terms, limit, manager) : [],
        wanted.has(SearchableType.DEAL) ? await this.searchDeals(principal, terms, limit, manager) : [],
        wanted.has(SearchableType.LEAD) ? await this.searchLeads(principal, terms, limit, manager) : [],
      ];
    });
    return lists
      .flat()
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, limit);
  }

  private async searchAccounts(principal: Principal, terms: SearchTerms, limit: number, manager: EntityManager): Promise<SearchHit[]> {
    const query = this.accounts
      .visible(principal, manager)
      .andWhere('a.archived_at IS NULL')
      .andWhere(matchSql('a', terms), paramsOf(terms))
      .addSelect(scoreSql('a', 'lower(a.name)', ACCOUNT_BOOST), SCORE);
    const rows = await ranked(query, 'a', limit);
    return rows.map(({ entity: account, raw }) => ({
      type: SearchableType.ACCOUNT,
      id: account.id,
      title: account.name,
      subtitle: joinNonEmpty([account.legalName, account.taxId]),
      score: raw.score,
      account,
      contact: null,
      deal: null,
      lead: null,
    }));
  }

  /**
   * Deals whose account is in the caller's portfolio (DealsService.visible) and not archived (AccountsService's
   * visible query as a sub-select), by title and externalId; then their accounts' names, in one more statement.
   */
  private async searchDeals(principal: Principal, terms: SearchTerms, limit: number, manager: EntityManager): Promise<SearchHit[]> {
    const liveAccounts = this.accounts.visible(principal, manager).select('a.id').andWhere('a.archived_at IS NULL');
    const query = this.deals
      .visible(principal, manager)
      .andWhere(`d.account_id IN (${liveAccounts.getQuery()})`, liveAccounts.getParameters())
      .andWhere(matchSql('d', terms), paramsOf(terms))
      .addSelect(scoreSql('d', 'lower(d.title)', DEAL_BOOST), SCORE);
    const rows = await ranked(query, 'd', limit);
    const accounts = rows.length ? await this.accounts.byIds(principal, [...new Set(rows.map(({ entity }) => entity.accountId))], manager) : [];
    const nameOf = new Map(accounts.map((account) => [account.id, account.name]));
    return rows.map(({ entity: deal, raw }) => ({
      type: SearchableType.DEAL,
      id: deal.id,
      title: deal.title,
      subtitle: joinNonEmpty([nameOf.get(deal.accountId), deal.status]),
      score: raw.score,
      account: null,
      contact: null,
      deal,
      lead: null,
    }));
  }

  private async searchContacts(principal: Principal, terms: SearchTerms, limit: number, manager: EntityManager): Promise<SearchHit[]> {
    const query = this.contacts
      .visible(principal, manager)
      .leftJoin('c.account', 'search_account')
      .andWhere('c.archived_at IS NULL')
      .andWhere('(c.account_id IS NULL OR search_account.archived_at IS NULL)')
      .andWhere(matchSql('c', terms), paramsOf(terms))
      .addSelect(scoreSql('c', CONTACT_FULL_NAME, CONTACT_BOOST), SCORE)
      .addSelect('search_account.name', 'search_account_name');
    const rows = await ranked(query, 'c', limit);
    return rows.map(({ entity: contact, raw }) => ({
      type: SearchableType.CONTACT,
      id: contact.id,
      title: `${contact.firstName} ${contact.lastName}`.trim(),
      subtitle: joinNonEmpty([raw.accountName, contact.position]) ?? contact.emails[0] ?? null,
      score: raw.score,
      account: null,
      contact,
      deal: null,
      lead: null,
    }));
  }

  /** Leads of every status (closed and converted ones too: they are how a known prospect is found again). */
  private async searchLeads(principal: Principal, terms: SearchTerms, limit: number, manager: EntityManager): Promise<SearchHit[]> {
    const query = this.leads
      .visible(principal, manager)
      .andWhere(matchSql('l', terms), paramsOf(terms))
      .addSelect(scoreSql('l', 'lower(l.title)', LEAD_BOOST), SCORE);
    const rows = await ranked(query, 'l', limit);
    return rows.map(({ entity: lead, raw }) => ({
      type: SearchableType.LEAD,
      id: lead.id,
      title: lead.title,
      subtitle: joinNonEmpty([lead.companyName !== lead.title ? lead.companyName : null, lead.personName !== lead.title ? lead.personName : null]) ?? lead.emails[0] ?? null,
      score: raw.score,
      account: null,
      contact: null,
      deal: null,
      lead,
    }));
  }
}

/** Exact title: +1; title prefix: +0.5; a later word of the title starts with it: +0.25. */
const DEAL_BOOST = `CASE
  WHEN lower(d.title) = :searchText OR lower(d.external_id) = :searchText THEN 1
  WHEN lower(d.title) LIKE :searchPrefix THEN 0.5
  WHEN lower(d.title) LIKE :searchWordPrefix THEN 0.25
  ELSE 0 END`;

interface RankedRow<T> {
  entity: T;
  raw: { score: number; accountName: string | null };
}

/** Runs a per-type query ordered by score (ties by id) and pairs each entity with its score (one statement). */
async function ranked<T extends { id: string }>(query: SelectQueryBuilder<T>, alias: string, limit: number): Promise<RankedRow<T>[]> {
  const { entities, raw } = await query
    .orderBy(SCORE, 'DESC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(limit)
    .getRawAndEntities<Record<string, unknown>>();
  const byId = new Map(
    raw.map((row) => [
      String(row[`${alias}_id`]),
      { score: Number(row[SCORE]), accountName: typeof row.search_account_name === 'string' ? row.search_account_name : null },
    ]),
  );
  return entities.flatMap((entity) => {
    const found = byId.get(entity.id);
    return found ? [{ entity, raw: found }] : [];
  });
}
