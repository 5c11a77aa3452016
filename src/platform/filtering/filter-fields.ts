import { Field, InputType } from 'type-graphql';
import { BooleanFilter, DateFilter, DateTimeFilter, DecimalFilter, IdFilter, StringFilter } from './filter-inputs';
import { SqlFilter } from './sql-filter';
import { wordsOf } from '../graphql/descriptions';

/** The GraphQL input type of a filter field, as type-graphql takes it (`() => StringFilter`, `() => [X]`). */
export type InputTypeRef = () => object;

/**
 * One filterable field: its GraphQL input type, and how a client's value for it becomes a SQL condition.
 * `path` is where the value is in the arguments (`filter.or[1].ownerId`), for BAD_USER_INPUT.
 */
export interface FilterField<V> {
  type: InputTypeRef;
  /** The field's description in the schema; without one, the filter describes it from its name and `hint`. */
  description?: string;
  /** What kind of condition it is ("text comparisons"), for the generated description. */
  hint?: string;
  compile: (sql: SqlFilter, value: V, path: string) => string | null;
}

/**
 * Rows of another table the condition is about, e.g. `{ from: 'account_owners fo', where: 'fo.account_id = a.id' }`:
 * the field matches when such a row satisfies it (an EXISTS sub-query correlated to the outer alias).
 */
export interface RelatedRows {
  from: string;
  where: string;
}

export interface FieldOptions {
  description?: string;
  /** The column is in related rows, not the record's own row. */
  within?: RelatedRows;
}

export const existsSql = (rows: RelatedRows, condition: string | null): string =>
  `EXISTS (SELECT 1 FROM ${rows.from} WHERE ${rows.where}${condition ? ` AND ${condition}` : ''})`;

function field<V>(type: InputTypeRef, options: FieldOptions, hint: string, compile: FilterField<V>['compile']): FilterField<V> {
  const { within, description } = options;
  return {
    type,
    description,
    hint: within ? `${hint}, on related rows (matches when one of them does)` : hint,
    compile: within
      ? (sql, value, path) => {
          const condition = compile(sql, value, path);
          return condition ? existsSql(within, condition) : null;
        }
      : compile,
  };
}

/** Text: eq / ne / in / notIn / contains / startsWith / endsWith (the last three ignore case) / isNull. */
export const text = (expr: string, options: FieldOptions = {}): FilterField<StringFilter> =>
  field(() => StringFilter, options, 'text comparisons', (sql, value) => sql.string(expr, value));

/** A text[] column: matches when any element matches; `isNull: true` means the list is empty. */
export const textList = (arrayExpr: string, options: FieldOptions = {}): FilterField<StringFilter> =>
  field(() => StringFilter, options, 'text comparisons on any element of the list (isNull: true: the list is empty)', (sql, value) =>
    sql.anyOfArray(arrayExpr, value),
  );

/** An id: every given value must be a uuid (BAD_USER_INPUT at its path otherwise). */
export const uuid = (expr: string, options: FieldOptions = {}): FilterField<IdFilter> =>
  field(() => IdFilter, options, 'id comparisons', (sql, value, path) => sql.id(expr, value, path));

export const timestamp = (expr: string, options: FieldOptions = {}): FilterField<DateTimeFilter> =>
  field(() => DateTimeFilter, options, 'instant comparisons', (sql, value) => sql.range(expr, value));

/** A calendar date (LocalDate values). */
export const date = (expr: string, options: FieldOptions = {}): FilterField<DateFilter> =>
  field(() => DateFilter, options, 'calendar-date comparisons', (sql, value) => sql.range(expr, value, '::date'));

export const decimal = (expr: string, options: FieldOptions = {}): FilterField<DecimalFilter> =>
  field(() => DecimalFilter, options, 'exact number comparisons', (sql, value) => sql.range(expr, value, '::numeric'));

export const boolean = (expr: string, options: FieldOptions = {}): FilterField<BooleanFilter> =>
  field(() => BooleanFilter, options, 'Boolean comparisons', (sql, value) => sql.boolean(expr, value));

/** A plain Boolean: true matches rows where `expr` is set (IS NOT NULL), false where it is not (e.g. `archived`). */
export const presence = (expr: string, options: FieldOptions = {}): FilterField<boolean> =>
  field(() => Boolean, options, 'true: it is set; false: it is not', (_sql, value) => (value ? `${expr} IS NOT NULL` : `${expr} IS NULL`));

export interface EnumFilter<E extends string> {
  eq?: E | null;
  ne?: E | null;
  in?: E[] | null;
  notIn?: E[] | null;
}

/** The operator input of one enum, e.g. `AccountTypeFilter` (an `EnumFilterClass` made by enumFilterInput). */
export type EnumFilterClass<E extends string> = new () => EnumFilter<E>;

type EnumOperator = keyof EnumFilter<string>;

const ENUM_OPERATORS: Record<EnumOperator, string> = {
  eq: 'Equal to this value.',
  ne: 'Not equal to this value.',
  in: 'One of these values (an empty list matches nothing).',
  notIn: 'None of these values.',
};

/**
 * Creates the operator input type of a registered enum (`enumFilterInput(AccountType, 'AccountTypeFilter')`),
 * with the operators it offers (all four unless told).
 */
export function enumFilterInput<E extends string>(
  enumType: Record<string, E>,
  name: string,
  operators: readonly EnumOperator[] = ['eq', 'ne', 'in', 'notIn'],
): EnumFilterClass<E> {
  const input = { [name]: class {} }[name] as EnumFilterClass<E>;
  for (const operator of operators) {
    const list = operator === 'in' || operator === 'notIn';
    Field(() => (list ? [enumType] : enumType), { nullable: true, description: ENUM_OPERATORS[operator] })(input.prototype, operator);
  }
  InputType(name, { description: `Comparisons of one ${wordsOf(name.replace(/Filter$/, ''))} value; the given operators combine with AND.` })(input);
  return input;
}

export const enumeration = <E extends string>(
  expr: string,
  input: EnumFilterClass<E>,
  options: FieldOptions = {},
): FilterField<EnumFilter<E>> => field(() => input, options, 'value comparisons', (sql, value) => sql.enumeration(expr, value));

/** A field the domain compiles itself (e.g. typed characteristic values); its input type is the domain's own. */
export const custom = <V>(type: InputTypeRef, compile: FilterField<V>['compile'], options: FieldOptions = {}): FilterField<V> =>
  field(type, options, 'conditions', compile);
