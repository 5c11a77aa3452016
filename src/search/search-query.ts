import { foldForSearch } from '../platform/text/normalize';
import { BadUserInputError } from '../platform/errors/errors';
import { escapeLike } from '../platform/filtering/sql-filter';

export const SEARCH_DEFAULT_FIRST = 20;
export const SEARCH_MAX_FIRST = 100;
export const SEARCH_MIN_QUERY_LENGTH = 2;
export const SEARCH_MAX_QUERY_LENGTH = 200;

/** A search query, normalised, with the SQL parameters every searchable type matches and ranks with. */
export interface SearchTerms {
  /** Lower case, trimmed, runs of white space collapsed to one space. */
  text: string;
  /** What trigram similarity compares against search_text: the digits of a phone-like query, else `text`. */
  term: string;
  /** ILIKE patterns (already escaped) any of which makes a match: the term, plus a compact tax-id form. */
  likes: string[];
  /**
   * Whether trigram similarity also makes a match (typo tolerance). Not for phone-like queries: their digits
   * must appear as typed (a substring), and padded digit trigrams would match nearly every phone number.
   */
  fuzzy: boolean;
  /** LIKE pattern for "starts with the query" boosts on names and emails. */
  prefix: string;
  /** LIKE pattern for "a word starts with the query" boosts on names. */
  wordPrefix: string;
  /** The query in canonical tax-id form (upper case, no separators), or null when it cannot be one. */
  taxId: string | null;
  /** LIKE pattern for a tax id starting with the query, or null. */
  taxIdPrefix: string | null;
  /** `+<digits>` when the query looks like a phone number, else null. */
  phone: string | null;
  /** LIKE pattern for a phone starting with the query's digits (`+34 91…` typed), or null. */
  phonePrefix: string | null;
  /** LIKE pattern for a phone ending with the query's digits (a national number typed: `911 23 45 67`), or null. */
  phoneSuffix: string | null;
}


const PHONE_LIKE = /^\+?[\d\s().\-/]+$/;
const TAX_ID_SEPARATORS = /[\s.\-/]/g;

/**
 * Normalises `query` (lower case, trim, collapse spaces) and derives the match terms: phone-like queries
 * ("+34 911 23 45", "(55) 1234-5678") match by their digits, as search_text stores phone digits; queries that
 * look like a tax id also match in its canonical form ("B-1234.5678" finds B12345678).
 */
export function searchTermsOf(query: string): SearchTerms {
  const text = foldForSearch(query.trim()).replace(/\s+/g, ' ');
  if (text.length < SEARCH_MIN_QUERY_LENGTH) {
    throw BadUserInputError.field('query', `must have at least ${SEARCH_MIN_QUERY_LENGTH} characters`);
  }
  if (text.length > SEARCH_MAX_QUERY_LENGTH) {
    throw BadUserInputError.field('query', `must have at most ${SEARCH_MAX_QUERY_LENGTH} characters`);
  }
  const digits = text.replace(/\D/g, '');
  const phoneLike = PHONE_LIKE.test(text) && digits.length >= SEARCH_MIN_QUERY_LENGTH;
  const term = phoneLike ? digits : text;
  const compact = text.replace(TAX_ID_SEPARATORS, '');
  const taxLike = /^[a-z0-9]{3,20}$/.test(compact) && /\d/.test(compact);
  const likes = [...new Set([term, ...(taxLike ? [compact] : [])])].map((value) => `%${escapeLike(value)}%`);
  return {
    text,
    term,
    likes,
    fuzzy: !phoneLike,
    prefix: `${escapeLike(text)}%`,
    wordPrefix: `% ${escapeLike(text)}%`,
    taxId: taxLike ? compact.toUpperCase() : null,
    taxIdPrefix: taxLike ? `${compact.toUpperCase()}%` : null,
    phone: phoneLike ? `+${digits}` : null,
    phonePrefix: phoneLike ? `+${digits}%` : null,
    phoneSuffix: phoneLike && !text.startsWith('+') && digits.length >= 6 ? `%${digits}` : null,
  };
}

/** Validates the page size: 1 to SEARCH_MAX_FIRST, default SEARCH_DEFAULT_FIRST. */
export function searchLimitOf(first: number | null | undefined): number {
  if (first == null) return SEARCH_DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > SEARCH_MAX_FIRST) {
    throw BadUserInputError.field('first', `must be between 1 and ${SEARCH_MAX_FIRST}`);
  }
  return first;
}
