import { registerEnumType } from 'type-graphql';
import type { SortKey } from './keyset';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

export interface Ordering<F extends string> {
  field: F;
  direction: OrderDirection;
}

/**
 * Sort keys for a list from the client's `orderBy` (or the list's default): each field once, in the order
 * asked, then the id, so the order is total and pages are stable.
 */
export function sortKeysOf<T extends { id: string }, F extends string>(
  orderBy: readonly Ordering<F>[] | null | undefined,
  defaults: readonly Ordering<F>[],
  keys: Record<F, Omit<SortKey<T>, 'direction'>>,
  idSql: string,
): SortKey<T>[] {
  const requested = orderBy?.length ? orderBy : defaults;
  const seen = new Set<F>();
  const chosen = requested
    .filter((order) => !seen.has(order.field) && seen.add(order.field))
    .map((order) => ({ ...keys[order.field], direction: order.direction }));
  return [...chosen, { sql: idSql, type: 'uuid', direction: 'ASC', value: (row: T) => row.id }];
}
