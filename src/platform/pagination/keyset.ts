import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';
import type { ConnectionArgs, ConnectionShape } from './connection';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** One sort key: a non-null SQL expression and how to read the same value from a loaded row. */
export interface SortKey<T> {
  sql: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | boolean | Date;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

export function decodeCursor(cursor: string, length: number, argument: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw BadUserInputError.field(argument, 'is not a cursor of this list (or the order changed)');
}

/**
 * Keyset ("seek") pagination: a page after a cursor costs what the first page does. The last sort key must be
 * unique (the id), so the order is total and stable. Mixed directions are supported.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  if (args.first != null && args.last != null) {
    throw BadUserInputError.field('first', 'cannot be combined with last');
  }
  for (const [name, value] of [['first', args.first], ['last', args.last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw BadUserInputError.field(name, `must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const countQuery = query.clone();
  const page = query.clone();

  const seek = (cursor: string, argument: string, forward: boolean) => {
    const values = decodeCursor(cursor, keys.length, argument);
    const params: Record<string, unknown> = {};
    const alternatives = keys.map((key, i) => {
      const equalities = keys.slice(0, i).map((previous, j) => `${previous.sql} = :seek_${argument}_${j}`);
      const ascending = (key.direction === 'ASC') === forward;
      return [...equalities, `${key.sql} ${ascending ? '>' : '<'} :seek_${argument}_${i}`].join(' AND ');
    });
    values.forEach((value, i) => (params[`seek_${argument}_${i}`] = value));
    page.andWhere(`(${alternatives.map((a) => `(${a})`).join(' OR ')})`, params);
  };
  if (args.after) seek(args.after, 'after', true);
  if (args.before) seek(args.before, 'before', false);

  keys.forEach((key, i) => {
    const direction = backward ? (key.direction === 'ASC' ? 'DESC' : 'ASC') : key.direction;
    if (i === 0) page.orderBy(key.sql, direction);
    else page.addOrderBy(key.sql, direction);
  });
  const rows = await page.limit(size + 1).getMany();
  const hasMore = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backward) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keys.map((key) => key.value(node))), node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : hasMore,
      hasPreviousPage: backward ? hasMore : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      total ??= countQuery.orderBy().getCount();
      return total;
    },
  };
}

/** Direction and size of a page request, validated like `paginate` does (shared with the first-N loader). */
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
