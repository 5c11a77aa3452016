import { BadUserInputError } from '../errors/errors';
import { isUuid } from '../validation/ids';
import type { BooleanFilter, DateFilter, DateTimeFilter, DecimalFilter, IdFilter, StringFilter } from './filter-inputs';

/** Escapes LIKE wildcards (PostgreSQL's default escape character is the backslash). */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, '\\$&');

/**
 * Compiles typed filter inputs into one parameterised SQL predicate. Column expressions come from code, never
 * from clients; every client value becomes a named parameter.
 */
export class SqlFilter {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  constructor(private readonly prefix = 'f') {}

  param(value: unknown): string {
    const name = `${this.prefix}${this.counter++}`;
    this.params[name] = value;
    return `:${name}`;
  }

  list(values: readonly unknown[]): string {
    const name = `${this.prefix}${this.counter++}`;
    this.params[name] = values;
    return `(:...${name})`;
  }

  static and(parts: (string | null | undefined)[]): string | null {
    const present = parts.filter((p): p is string => Boolean(p));
    if (present.length === 0) return null;
    return present.length === 1 ? present[0] : present.map((p) => `(${p})`).join(' AND ');
  }

  static or(parts: (string | null | undefined)[]): string | null {
    const present = parts.filter((p): p is string => Boolean(p));
    if (present.length === 0) return null;
    return present.length === 1 ? `(${present[0]})` : `(${present.map((p) => `(${p})`).join(' OR ')})`;
  }

  private nullCheck(expr: string, isNull: boolean | null | undefined): string | null {
    if (isNull == null) return null;
    return isNull ? `${expr} IS NULL` : `${expr} IS NOT NULL`;
  }

  private inList(expr: string, values: readonly unknown[] | null | undefined, negate: boolean): string | null {
    if (values == null) return null;
    if (values.length === 0) return negate ? null : 'FALSE';
    return `${expr} ${negate ? 'NOT IN' : 'IN'} ${this.list(values)}`;
  }

  string(expr: string, filter: StringFilter | null | undefined): string | null {
    if (!filter) return null;
    return SqlFilter.and([
      filter.eq != null ? `${expr} = ${this.param(filter.eq)}` : null,
      filter.ne != null ? `${expr} IS DISTINCT FROM ${this.param(filter.ne)}` : null,
      this.inList(expr, filter.in, false),
      this.inList(expr, filter.notIn, true),
      filter.contains != null ? `${expr} ILIKE ${this.param(`%${escapeLike(filter.contains)}%`)}` : null,
      filter.startsWith != null ? `${expr} ILIKE ${this.param(`${escapeLike(filter.startsWith)}%`)}` : null,
      filter.endsWith != null ? `${expr} ILIKE ${this.param(`%${escapeLike(filter.endsWith)}`)}` : null,
      this.nullCheck(expr, filter.isNull),
    ]);
  }

  /** A text[] column matches when any of its elements matches the string filter. */
  anyOfArray(arrayExpr: string, filter: StringFilter | null | undefined): string | null {
    if (!filter) return null;
    const element = `elem_${this.prefix}${this.counter++}`;
    const { isNull, ...rest } = filter;
    const inner = this.string(element, rest);
    return SqlFilter.and([
      inner ? `EXISTS (SELECT 1 FROM unnest(${arrayExpr}) AS ${element} WHERE ${inner})` : null,
      isNull == null ? null : isNull ? `cardinality(${arrayExpr}) = 0` : `cardinality(${arrayExpr}) > 0`,
    ]);
  }

  /**
   * An id comparison. Ids are uuids: anything else is refused as BAD_USER_INPUT at its path in the filter
   * (`filter.ownerId.in[0]`), before PostgreSQL would refuse the whole statement.
   */
  id(expr: string, filter: IdFilter | null | undefined, path: string): string | null {
    if (!filter) return null;
    SqlFilter.requireIds(path, filter);
    return SqlFilter.and([
      filter.eq != null ? `${expr} = ${this.param(filter.eq)}` : null,
      filter.ne != null ? `${expr} IS DISTINCT FROM ${this.param(filter.ne)}` : null,
      this.inList(expr, filter.in, false),
      this.inList(expr, filter.notIn, true),
      this.nullCheck(expr, filter.isNull),
    ]);
  }

  /** Refuses any given id that is not a uuid, naming where it is (`<path>.eq`, `<path>.in[2]`). */
  static requireIds(path: string, filter: IdFilter): void {
    for (const operator of ['eq', 'ne'] as const) {
      const value = filter[operator];
      if (value != null) SqlFilter.requireId(`${path}.${operator}`, value);
    }
    for (const operator of ['in', 'notIn'] as const) {
      filter[operator]?.forEach((value, i) => SqlFilter.requireId(`${path}.${operator}[${i}]`, value));
    }
  }

  static requireId(path: string, value: string): void {
    if (!isUuid(value)) throw BadUserInputError.field(path, 'is not a valid id');
  }

  enumeration<E extends string>(
    expr: string,
    filter: { eq?: E | null; ne?: E | null; in?: E[] | null; notIn?: E[] | null } | null | undefined,
  ): string | null {
    if (!filter) return null;
    return SqlFilter.and([
      filter.eq != null ? `${expr} = ${this.param(filter.eq)}` : null,
      filter.ne != null ? `${expr} <> ${this.param(filter.ne)}` : null,
      this.inList(expr, filter.in, false),
      this.inList(expr, filter.notIn, true),
    ]);
  }

  range(expr: string, filter: DateTimeFilter | DateFilter | DecimalFilter | null | undefined, cast = ''): string | null {
    if (!filter) return null;
    const value = (v: unknown) => `${this.param(v)}${cast}`;
    const ne = 'ne' in filter ? filter.ne : undefined;
    return SqlFilter.and([
      filter.eq != null ? `${expr} = ${value(filter.eq)}` : null,
      ne != null ? `${expr} IS DISTINCT FROM ${value(ne)}` : null,
      filter.gt != null ? `${expr} > ${value(filter.gt)}` : null,
      filter.gte != null ? `${expr} >= ${value(filter.gte)}` : null,
      filter.lt != null ? `${expr} < ${value(filter.lt)}` : null,
      filter.lte != null ? `${expr} <= ${value(filter.lte)}` : null,
      this.nullCheck(expr, filter.isNull),
    ]);
  }

  boolean(expr: string, filter: BooleanFilter | null | undefined): string | null {
    if (!filter) return null;
    return SqlFilter.and([
      filter.eq != null ? `${expr} = ${this.param(filter.eq)}` : null,
      this.nullCheck(expr, filter.isNull),
    ]);
  }
}
