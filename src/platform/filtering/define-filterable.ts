import { Field, InputType } from 'type-graphql';
import { existsSql, type FilterField, type RelatedRows } from './filter-fields';
import { SqlFilter } from './sql-filter';
import { wordsOf } from '../graphql/descriptions';

/** A domain's filterable fields, by GraphQL field name. */
export type FilterFields = Record<string, FilterField<never>>;

type ValueOf<F> = F extends FilterField<infer V> ? V : never;

/** The client's conditions on the fields (all optional; given ones combine with AND). */
export type ConditionsOf<F extends FilterFields> = { [K in keyof F]?: ValueOf<F[K]> | null };

/** A filter input: the conditions, composable with and / or / not. */
export type FilterOf<F extends FilterFields> = ConditionsOf<F> & {
  and?: FilterOf<F>[] | null;
  or?: FilterOf<F>[] | null;
  not?: FilterOf<F> | null;
};

export interface FilterSpec<F extends FilterFields> {
  /** The GraphQL input type name (`AccountFilter`). */
  name: string;
  description?: string;
  fields: F;
}

/** What a declaration gives: the GraphQL input class and its compiler. */
export interface Filterable<F extends FilterFields, I> {
  /** The type-graphql input class (use it in `@Arg(..., () => X.Input)`). */
  Input: new () => I;
  fields: F;
  /** One parameterised SQL condition (null: no condition); values that are refused name their `path`. */
  compile: (sql: SqlFilter, filter: I | null | undefined, path?: string) => string | null;
}

export interface CombinableFilterable<F extends FilterFields> extends Filterable<F, FilterOf<F>> {
  /** Whether the filter says something about `field` anywhere in its and / or / not (not inside relations). */
  mentions: (field: keyof F, filter: FilterOf<F> | null | undefined) => boolean;
}

type FieldDescription = Pick<FilterField<never>, 'type' | 'description' | 'hint'>;

/** A field's description: the declaration's own, or one made from its name and kind ("Created at: instant comparisons."). */
const describeField = (key: string, spec: FieldDescription): string => {
  if (spec.description) return spec.description;
  const words = wordsOf(key);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${spec.hint ?? 'conditions'}.`;
};

function inputClass<I>(name: string, description: string, fields: Record<string, FieldDescription>): new () => I {
  const input = { [name]: class {} }[name] as new () => I;
  for (const [key, spec] of Object.entries(fields)) {
    Field(spec.type, { nullable: true, description: describeField(key, spec) })(input.prototype, key);
  }
  InputType(name, { description })(input);
  return input;
}

function compileConditions<F extends FilterFields>(fields: F, sql: SqlFilter, conditions: ConditionsOf<F>, path: string): (string | null)[] {
  return Object.entries(fields).map(([key, spec]) => {
    const value = conditions[key];
    return value == null ? null : spec.compile(sql, value as never, `${path}.${key}`);
  });
}

/**
 * Conditions without and / or / not, for a relation's rows (`hasContact: { email: … }`): see `exists`.
 */
export function defineConditions<F extends FilterFields>(spec: FilterSpec<F>): Filterable<F, ConditionsOf<F>> {
  return {
    Input: inputClass<ConditionsOf<F>>(spec.name, spec.description ?? 'Conditions on related rows; the given fields combine with AND.', spec.fields),
    fields: spec.fields,
    compile: (sql, conditions, path = 'filter') => (conditions ? SqlFilter.and(compileConditions(spec.fields, sql, conditions, path)) : null),
  };
}

/**
 * A domain's filter, declared once: the GraphQL input (every field nullable, plus `and`, `or`, `not` of the same
 * type) and its compiler. Column expressions come from the declaration, client values become parameters.
 */
export function defineFilterable<F extends FilterFields>(spec: FilterSpec<F>): CombinableFilterable<F> {
  // and / or / not are of the class being made: the type functions run later, when the schema is built.
  const self = (): new () => FilterOf<F> => input;
  const input = inputClass<FilterOf<F>>(spec.name, spec.description ?? 'Typed conditions; the given fields combine with AND; and / or / not compose filters.', {
    and: { type: () => [self()], description: 'Every one of these filters holds.' },
    or: { type: () => [self()], description: 'At least one of these filters holds (an empty list: no condition).' },
    not: { type: self, description: 'This filter does not hold (rows where it is unknown, because a value is unset, are kept).' },
    ...spec.fields,
  });
  const compile = (sql: SqlFilter, filter: FilterOf<F> | null | undefined, path = 'filter'): string | null => {
    if (!filter) return null;
    const { and, or, not } = filter;
    return SqlFilter.and([
      ...(and ?? []).map((f, i) => compile(sql, f, `${path}.and[${i}]`)),
      or?.length ? SqlFilter.or(or.map((f, i) => compile(sql, f, `${path}.or[${i}]`) ?? 'TRUE')) : null,
      // IS NOT TRUE, not NOT: a condition that is unknown for a row (a null column) does not hold, so `not` keeps it.
      not ? `(${compile(sql, not, `${path}.not`) ?? 'TRUE'}) IS NOT TRUE` : null,
      ...compileConditions(spec.fields, sql, filter, path),
    ]);
  };
  const mentions = (field: keyof F, filter: FilterOf<F> | null | undefined): boolean =>
    filter != null &&
    (filter[field] != null || [...(filter.and ?? []), ...(filter.or ?? []), ...(filter.not ? [filter.not] : [])].some((f) => mentions(field, f)));
  return { Input: input, fields: spec.fields, compile, mentions };
}

/**
 * A relation filter: matches when some related row satisfies the other declaration's filter (with an empty one:
 * when there is such a row). E.g. a contact's `account:` is `exists(accountFilter, { from: 'accounts a', where: … })`.
 */
export const exists = <F extends FilterFields, I>(
  related: Filterable<F, I>,
  rows: RelatedRows,
  options: { description?: string } = {},
): FilterField<I> => ({
  type: () => related.Input,
  description: options.description,
  hint: 'matches when a related row satisfies every given condition',
  compile: (sql, value, path) => existsSql(rows, related.compile(sql, value, path)),
});
