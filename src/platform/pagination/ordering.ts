import { Field, InputType, registerEnumType } from 'type-graphql';
import type { SortKey } from './keyset';
import { wordsOf } from '../graphql/descriptions';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending: A to Z, smallest and oldest first.' }, DESC: { description: 'Descending: Z to A, largest and newest first.' } },
});

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

/**
 * One orderable field: a non-null SQL expression, its value type, and how to read it from a loaded row; `description`
 * is its enum value's (default: "Sort by <its name in words>.").
 */
export type OrderKey<T> = Omit<SortKey<T>, 'direction'> & { description?: string };

export interface OrderingSpec<T, F extends string> {
  /** The GraphQL input name (`AccountOrder`); its field enum is named `<name>Field` (`AccountOrderField`). */
  name: string;
  /** The list's table alias: the id tiebreaker is `<alias>.id`. */
  alias: string;
  keys: Record<F, OrderKey<T>>;
  /** The order when the client gives none. */
  defaults: readonly Ordering<NoInfer<F>>[];
}

export interface Orderable<T, F extends string> {
  /** The field enum, registered with GraphQL (values are the key names). */
  Field: { [K in F]: K };
  /** The type-graphql input class `{ field, direction = ASC }`. */
  Input: new () => Ordering<F>;
  sortKeys: (orderBy: readonly Ordering<F>[] | null | undefined) => SortKey<T>[];
}

/** A list's orderings, declared once: the GraphQL enum and input, and the sort keys (ending with the id). */
export function defineOrdering<T extends { id: string }, F extends string>(spec: OrderingSpec<T, F>): Orderable<T, F> {
  const names = Object.keys(spec.keys) as F[];
  const fieldEnum = Object.fromEntries(names.map((key) => [key, key])) as { [K in F]: K };
  registerEnumType(fieldEnum, {
    name: `${spec.name}Field`,
    description: `What ${spec.name} can sort by.`,
    valuesConfig: Object.fromEntries(names.map((key) => [key, { description: spec.keys[key].description ?? `Sort by ${wordsOf(key)}.` }])) as Record<F, { description: string }>,
  });
  const input = { [spec.name]: class {} }[spec.name] as new () => Ordering<F>;
  Field(() => fieldEnum, { description: 'The field to sort by.' })(input.prototype, 'field');
  Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction; default ASC.' })(input.prototype, 'direction');
  InputType(spec.name, {
    description: 'One sort key: keys apply in the order given (a field given twice counts once), then the id breaks ties.',
  })(input);
  return {
    Field: fieldEnum,
    Input: input,
    sortKeys: (orderBy) => sortKeysOf(orderBy, spec.defaults, spec.keys, `${spec.alias}.id`),
  };
}
