import { createHash } from 'node:crypto';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';
import { ErrorReason } from '../errors/error-reason';
import { isUuid } from '../validation/ids';
import { isStorableText } from '../validation/storable-text';
import { mainOf, selectLean, type Projection } from '../data/lean-rows';
import type { ConnectionArgs, ConnectionShape, Edge, PageInfo } from './connection';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** What a sort key's values are, so a cursor's values are checked before they reach SQL. */
export type SortValueType = 'text' | 'uuid' | 'timestamp' | 'decimal' | 'integer' | 'boolean';

/** One sort key: a non-null SQL expression, what its values are, and how to read the same value from a loaded row. */
export interface SortKey<T> {
  sql: string;
  type: SortValueType;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | boolean | Date;
}

type CursorValue = string | number | boolean;

const isRoundTripIso = (value: string): boolean => {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
};
const DECIMAL = /^-?\d{1,100}(?:\.\d{1,100})?$/;

const VALID_VALUE: Record<SortValueType, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string' && isStorableText(value),
  uuid: (value) => typeof value === 'string' && isUuid(value),
  // Exactly what encodeCursor writes (Date#toISOString), so no impossible date reaches PostgreSQL.
  timestamp: (value) => typeof value === 'string' && isRoundTripIso(value),
  decimal: (value) => typeof value === 'string' && DECIMAL.test(value),
  integer: (value) => Number.isSafeInteger(value),
  boolean: (value) => typeof value === 'boolean',
};

/**
 * What a cursor is bound to: its list's sort expressions and directions (they name the list's table alias, so
 * an accounts cursor does not fit contacts, nor a NAME cursor an UPDATED_AT order). A short digest keeps
 * cursors small; it only has to tell orderings apart, not resist forgery (the values are checked anyway).
 */
export const orderingTagOf = <T>(keys: readonly SortKey<T>[]): string => {
  const ordering = keys.map((key) => `${key.sql} ${key.direction} ${key.type}`).join('\n');
  let tag = orderingTags.get(ordering);
  if (tag === undefined) {
    tag = createHash('sha256').update(ordering).digest('base64url').slice(0, 12);
    orderingTags.set(ordering, tag);
  }
  return tag;
};
/** Tags by ordering: a digest per request saved; the orderings are the code's (fields x directions), few. */
const orderingTags = new Map<string, string>();

export function encodeCursor(tag: string, values: readonly (string | number | boolean | Date)[]): string {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify({ o: tag, v: plain })).toString('base64url');
}

/** The cursor's key values, each checked against its key's type; anything else is BAD_USER_INPUT at `argument`. */
export function decodeCursor<T>(cursor: string, keys: readonly SortKey<T>[], tag: string, argument: string): CursorValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { o, v } = (decoded ?? {}) as { o?: unknown; v?: unknown };
  if (o !== tag || !Array.isArray(v) || v.length !== keys.length) {
    throw BadUserInputError.field(argument, 'is not a cursor of this list (or the order changed)', ErrorReason.INVALID_CURSOR);
  }
  keys.forEach((key, i) => {
    if (!VALID_VALUE[key.type](v[i])) throw BadUserInputError.field(argument, 'is not a valid cursor', ErrorReason.INVALID_CURSOR);
  });
  return v as CursorValue[];
}

/**
 * The keyset condition "after (or before) this cursor" over the sort keys, as SQL with its parameters (named
 * `<prefix>_<argument>_<i>`), shared by `paginate` and the first-N loader. Mixed directions are supported.
 */
export function seekCondition<T>(keys: readonly SortKey<T>[], cursor: string, argument: 'after' | 'before', forward: boolean, prefix: string) {
  const values = decodeCursor(cursor, keys, orderingTagOf(keys), argument);
  const params: Record<string, unknown> = {};
  const alternatives = keys.map((key, i) => {
    const equalities = keys.slice(0, i).map((previous, j) => `${previous.sql} = :${prefix}_${argument}_${j}`);
    const ascending = (key.direction === 'ASC') === forward;
    return `(${[...equalities, `${key.sql} ${ascending ? '>' : '<'} :${prefix}_${argument}_${i}`].join(' AND ')})`;
  });
  values.forEach((value, i) => (params[`${prefix}_${argument}_${i}`] = value));
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

/**
 * Keyset ("seek") pagination: a page after a cursor costs what the first page does. The last sort key must be
 * unique (the id), so the order is total and stable. Mixed directions are supported.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  args: ConnectionArgs,
  options: PageReadOptions = {},
): Promise<ConnectionShape<T>> {
  const { backward, size } = pageRequestOf(args);
  const tag = orderingTagOf(keys);
  const countQuery = query.clone();
  const page = query.clone();

  for (const [argument, cursor, forward] of [['after', args.after, true], ['before', args.before, false]] as const) {
    if (!cursor) continue;
    const seek = seekCondition(keys, cursor, argument, forward, 'seek');
    page.andWhere(seek.sql, seek.params);
  }

  keys.forEach((key, i) => {
    const direction = backward ? (key.direction === 'ASC' ? 'DESC' : 'ASC') : key.direction;
    if (i === 0) page.orderBy(key.sql, direction);
    else page.addOrderBy(key.sql, direction);
  });
  // Asked for with the page: counted in the page's own statement (an uncorrelated sub-select, run once), not by a
  // statement of its own. An empty page (past the end) has no row to carry it: counted apart then.
  const countInPage = options.projection?.total ? countQuery.clone().orderBy().select('COUNT(1)') : null;
  const { rows, cursorOf, total } = options.projection
    ? await leanPage(page, keys, tag, size, options.projection, countInPage)
    : await entityPage(page, keys, tag, size);
  const hasMore = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backward) nodes.reverse();
  return connectionOf(nodes, cursorOf, {
    hasNextPage: backward ? Boolean(args.before) : hasMore,
    hasPreviousPage: backward ? hasMore : Boolean(args.after),
    totalCount: total === undefined ? () => countQuery.orderBy().getCount() : () => Promise.resolve(total),
  });
}

/** How a page is read: with a projection, as lean rows of only its columns (data/lean-rows.ts); else entities. */
export interface PageReadOptions {
  projection?: Projection;
}

export interface ReadPage<T> {
  rows: T[];
  cursorOf: (node: T) => string;
  /** The list's total count, when read with the page. */
  total?: number;
}

async function entityPage<T extends ObjectLiteral>(page: SelectQueryBuilder<T>, keys: SortKey<T>[], tag: string, size: number): Promise<ReadPage<T>> {
  const rows = await page.limit(size + 1).getMany();
  return { rows, cursorOf: (node) => encodeCursor(tag, keys.map((key) => key.value(node))) };
}

/** Lean rows; the sort values come from SQL beside them (`lean_key_<i>`), so cursors need no entity property. */
async function leanPage<T extends ObjectLiteral>(
  page: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  tag: string,
  size: number,
  projection: Projection,
  count: SelectQueryBuilder<T> | null,
): Promise<ReadPage<T>> {
  const { alias, metadata } = mainOf(page);
  const build = selectLean(page, alias, metadata, projection);
  keys.forEach((key, i) => page.addSelect(`(${key.sql})`, `lean_key_${i}`));
  // The count's parameters are the page's own (both are clones of one query).
  if (count) page.addSelect(`(${count.getQuery()})`, 'lean_total');
  const raws = await page.limit(size + 1).getRawMany<Record<string, unknown>>();
  const read = leanRowsOf(raws, build, keys, tag);
  return count && raws.length ? { ...read, total: Number(raws[0].lean_total) } : read;
}

/**
 * Lean rows of raw results (in their order) and their cursors, from the sort values read beside each row
 * (`lean_key_<i>`): shared by `paginate` and the first-N loader.
 */
export function leanRowsOf<T>(
  raws: readonly Record<string, unknown>[],
  build: (raw: Record<string, unknown>) => T,
  keys: readonly SortKey<T>[],
  tag: string,
): ReadPage<T> {
  // The raw row is kept beside each record and its sort values are read only for a cursor someone asks for: a
  // `nodes` page (50 accounts' contacts) encodes none, so it allocates no per-row arrays.
  const rawOf = new Map<T, Record<string, unknown>>();
  const rows = raws.map((raw) => {
    const row = build(raw);
    rawOf.set(row, raw);
    return row;
  });
  return {
    rows,
    cursorOf: (node) => {
      const raw = rawOf.get(node);
      return encodeCursor(tag, raw ? sortValuesOf(raw, keys) : []);
    },
  };
}

/** `lean_key_0`, `lean_key_1`, …: built once, not per row and key. */
const LEAN_KEY_NAMES = Array.from({ length: 8 }, (_, i) => `lean_key_${i}`);
const leanKeyName = (i: number): string => LEAN_KEY_NAMES[i] ?? `lean_key_${i}`;

/** A row's sort values as read beside it (`lean_key_<i>`), in the types cursors hold. */
export function sortValuesOf<T>(raw: Record<string, unknown>, keys: readonly SortKey<T>[]): CursorValue[] {
  return keys.map((key, i) => {
    const value = raw[leanKeyName(i)];
    if (value instanceof Date) return value.toISOString();
    if (key.type === 'integer') return Number(value);
    return value as CursorValue;
  });
}

/**
 * A connection over a page's nodes (shared with the first-N loader). Lazy where a selection may not ask: cursors
 * are encoded only when `edges` or `pageInfo.startCursor`/`endCursor` are read (a `nodes` page of 50 accounts
 * with their contacts would otherwise encode a few hundred cursors no one reads), and `totalCount` runs its
 * statement only when read.
 */
export function connectionOf<T>(
  nodes: T[],
  cursorOf: (node: T) => string,
  page: { hasNextPage: boolean; hasPreviousPage: boolean; totalCount: () => Promise<number> },
): ConnectionShape<T> {
  return new LazyConnection(nodes, cursorOf, page);
}

/**
 * The connection as a class: its getters live on the prototype, so a nested list (one connection per parent row)
 * allocates two small objects instead of object literals with their own accessors and closures.
 */
class LazyConnection<T> implements ConnectionShape<T> {
  private edgeList: Edge<T>[] | undefined;
  private total: Promise<number> | undefined;
  readonly pageInfo: PageInfo;

  constructor(
    readonly nodes: T[],
    private readonly cursorOf: (node: T) => string,
    private readonly page: { hasNextPage: boolean; hasPreviousPage: boolean; totalCount: () => Promise<number> },
  ) {
    this.pageInfo = new LazyPageInfo(this, page.hasNextPage, page.hasPreviousPage);
  }

  get edges(): Edge<T>[] {
    this.edgeList ??= this.nodes.map((node) => ({ cursor: this.cursorOf(node), node }));
    return this.edgeList;
  }

  /** The cursor of the node at `index` (from the edges when they were built), or null outside the page. */
  cursorAt(index: number): string | null {
    if (this.edgeList) return this.edgeList[index]?.cursor ?? null;
    return index >= 0 && index < this.nodes.length ? this.cursorOf(this.nodes[index]) : null;
  }

  get totalCount(): Promise<number> {
    this.total ??= this.page.totalCount();
    return this.total;
  }
}

class LazyPageInfo implements PageInfo {
  constructor(
    private readonly connection: { readonly nodes: readonly unknown[]; cursorAt(index: number): string | null },
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.connection.cursorAt(0);
  }

  get endCursor(): string | null {
    return this.connection.cursorAt(this.connection.nodes.length - 1);
  }
}

/** Direction and size of a page request, validated (shared by `paginate` and the first-N loader). */
export function pageRequestOf(args: ConnectionArgs): { backward: boolean; size: number } {
  if (args.first != null && args.last != null) {
    throw BadUserInputError.field('first', 'cannot be combined with last');
  }
  for (const [name, value] of [['first', args.first], ['last', args.last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw BadUserInputError.field(name, `must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = args.last != null || (args.before != null && args.first == null);
  return { backward, size: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE };
}
