import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { GraphQLObjectType } from 'graphql';
import { PrebuiltJsonList, prebuiltFieldsOf } from '../graphql/prebuilt-json';
import { columnPlan, joinedRelation, mainOf, presenceIndex, resolved, rowBuilder, type ColumnRead, type Embed, type LeanColumns } from './lean-rows';

/**
 * Reads embedded in a parent's statement (see `Embed` in lean-rows.ts). Measured by `npm run bench:graphql`: a
 * page's child list read by its own statement costs a round trip, a query built by TypeORM, the driver's parsing
 * of every child row and column, and a DataLoader batch; as one JSON array per parent row it costs a correlated
 * sub-select and one native JSON.parse. The child rows come from the child service's own scoped query (its
 * `visible()`, correlated to the parent row), so the scope rules stay the ones of the child's kind.
 */

const INSTANT = {
  sql: (column: string) => `FLOOR(EXTRACT(EPOCH FROM ${column}) * 1000)`,
  read: (value: unknown) => (value === null ? null : new Date(value as number)),
};

/** Column types whose JSON value is not the one the driver would hand the entity: how to read them back. */
const FROM_JSON: Record<string, { sql: (column: string) => string; read: (value: unknown) => unknown }> = {
  // JSON numbers would lose digits: exact decimals travel as text, as the driver gives them.
  numeric: { sql: (column) => `CAST(${column} AS text)`, read: (value) => value },
  decimal: { sql: (column) => `CAST(${column} AS text)`, read: (value) => value },
  bigint: { sql: (column) => `CAST(${column} AS text)`, read: (value) => value },
  int8: { sql: (column) => `CAST(${column} AS text)`, read: (value) => value },
  // An instant as whole milliseconds since the epoch, floored (the driver's parse drops the microseconds the
  // same way, before 1970 too): `new Date(number)` costs a fraction of parsing ISO text with an offset.
  timestamptz: INSTANT,
  'timestamp with time zone': INSTANT,
};
const AS_IS = { sql: (column: string) => column, read: (value: unknown) => value };

function jsonReadOf(column: ColumnMetadata): { sql: (column: string) => string; read: (value: unknown) => unknown } {
  const type = typeof column.type === 'string' ? column.type : '';
  // A time without zone would come back as local time: not used by lean records, refused rather than shifted.
  if (type === 'timestamp' || type === 'timestamp without time zone') throw new Error(`embedded read of ${column.propertyPath}: a timestamp without time zone`);
  return column.isArray ? AS_IS : (FROM_JSON[type] ?? AS_IS);
}

export interface EmbeddedListSpec<T extends ObjectLiteral> {
  /** Where the list goes on the parent row. */
  property: string;
  /**
   * The child rows of one parent row of `parentAlias`, through the child's scoped query (its `visible()`), with
   * the relations named in `joined` joined (`innerJoin…` / `leftJoin…`).
   */
  rows(parentAlias: string): SelectQueryBuilder<T>;
  /** The list's order (SQL over the query's aliases; the last key unique). */
  order: readonly { sql: string; direction: 'ASC' | 'DESC' }[];
  /** The most rows per parent (default: all of them, for lists bounded by nature: an account's interests). */
  limit?: number;
  /** The child columns to read. */
  projection: LeanColumns;
  /** Joined relations set on each child (null when a left join found nothing), like readLean's. */
  joined?: Readonly<Record<string, LeanColumns>>;
  /** Many parent rows share the same list (see `Embed.repeats`): read once per statement, shared. */
  repeats?: boolean;
}

interface EmbeddedPart {
  alias: string;
  /** Where a joined relation's record goes on the child (null for the child itself). */
  property: string | null;
  plan: readonly ColumnRead[];
  /** Per plan column: its SQL in the JSON object and how its JSON value is read back. */
  reads: ReturnType<typeof jsonReadOf>[];
  /** Where the part's first column is in the row's JSON array (the child's columns, then each joined relation's). */
  offset: number;
  /** The plan column whose null says a joined record is absent. */
  presentIndex: number;
  build: ReturnType<typeof rowBuilder>;
}

/** What a part's columns need beside its plan, computed once per plan (plans are cached). */
const partsByPlan = new WeakMap<readonly ColumnRead[], Omit<EmbeddedPart, 'alias' | 'property' | 'offset'>>();

function partOf(alias: string, metadata: EntityMetadata, columns: LeanColumns, offset: number, property: string | null): EmbeddedPart {
  const plan = columnPlan(metadata, resolved(metadata, columns));
  let part = partsByPlan.get(plan);
  if (!part) {
    part = {
      plan,
      reads: plan.map((column) => jsonReadOf(metadata.columns.find((candidate) => candidate.databaseName === column.databaseName) as ColumnMetadata)),
      presentIndex: presenceIndex(plan),
      build: rowBuilder(metadata, plan),
    };
    partsByPlan.set(plan, part);
  }
  return { ...part, alias, property, offset };
}

/** A parent's list as one JSON array, in order, of lean child records (at most `limit`). */
export function embeddedList<T extends ObjectLiteral>(spec: EmbeddedListSpec<T>): Embed {
  return {
    property: spec.property,
    repeats: spec.repeats,
    select(parentAlias) {
      const rows = spec.rows(parentAlias);
      const { alias, metadata } = mainOf(rows);
      const main = partOf(alias, metadata, spec.projection, 0, null);
      let offset = main.plan.length;
      const joins = Object.entries(spec.joined ?? {}).map(([property, columns]) => {
        const join = joinedRelation(rows, property);
        const part = partOf(join.alias, join.metadata, columns, offset, property);
        offset += part.plan.length;
        return part;
      });
      const fields = [main, ...joins]
        .flatMap((part) => part.plan.map((column, i) => part.reads[i].sql(`"${part.alias}"."${column.databaseName}"`)))
        .join(', ');
      // An array, not an object: no key per value to send and parse (and up to 100 columns, a function's limit).
      rows.select(`json_build_array(${fields})`, 'embedded_row');
      const order = orderAndLimit(rows, spec);
      const recordOf = (part: EmbeddedPart, element: unknown[]) => part.build((i) => part.reads[i].read(element[part.offset + i]));
      // As text, parsed when the statement's rows are read: a parsed value (the driver's JSON.parse on arrival) lives
      // while the rest of the result streams in over later socket reads, and 96 % of it outlived a young-generation
      // collection (HEAP_SURVIVORS=1 npm run bench:profile); one string per row is cheaper to carry.
      return {
        sql: `SELECT CAST(COALESCE(json_agg(embedded.embedded_row ORDER BY ${order}), '[]'::json) AS text) FROM (${rows.getQuery()}) embedded`,
        params: rows.getParameters(),
        read: (raw) =>
          (JSON.parse(raw as string) as unknown[][]).map((element) => {
            const row = recordOf(main, element);
            for (const join of joins) row[join.property as string] = element[join.offset + join.presentIndex] === null ? null : recordOf(join, element);
            return row;
          }),
      };
    },
  };
}

/** Orders (and limits) the child rows; returns the aggregate's ORDER BY over the sub-select's columns. */
function orderAndLimit(rows: SelectQueryBuilder<ObjectLiteral>, spec: Pick<EmbeddedListSpec<ObjectLiteral>, 'order' | 'limit'>): string {
  spec.order.forEach((key, i) => {
    rows.addSelect(key.sql, `embedded_key_${i}`);
    if (i === 0) rows.orderBy(key.sql, key.direction);
    else rows.addOrderBy(key.sql, key.direction);
  });
  if (spec.limit !== undefined) rows.limit(spec.limit);
  return spec.order.map((key, i) => `embedded.embedded_key_${i} ${key.direction}`).join(', ');
}

export interface PrebuiltListSpec<T extends ObjectLiteral> extends Omit<EmbeddedListSpec<T>, 'joined' | 'repeats'> {
  /** The records' GraphQL type and the plain fields selected on it, in order (selection.ts `plainChildSelection`). */
  prebuilt: { type: GraphQLObjectType; fields: readonly string[] };
}

/**
 * The list as JSON the database builds for the response itself (graphql/prebuilt-json.ts): one object per child
 * row keyed by the selected GraphQL fields, each the entity column of the same name. Read as `embeddedList` when
 * any field's JSON could differ from GraphQL's answer (not a column, a time, a decimal, a nullable column behind a
 * non-null field).
 */
export function prebuiltList<T extends ObjectLiteral>(spec: PrebuiltListSpec<T>): Embed {
  const lean = embeddedList(spec);
  return {
    property: spec.property,
    select(parentAlias) {
      const rows = spec.rows(parentAlias);
      const { alias, metadata } = mainOf(rows);
      const columns = prebuiltColumnsOf(metadata, spec.prebuilt.type, spec.prebuilt.fields);
      if (!columns) return lean.select(parentAlias);
      // Compact JSON text (json_build_object and json_agg would add spaces), each value through to_json: the
      // escapes JSON.stringify writes. GraphQL names are [_A-Za-z][_0-9A-Za-z]*: safe inside SQL literals.
      const members = columns.map(({ field, column }, i) => `'${i ? ',' : '{'}"${field}":' || COALESCE(CAST(to_json("${alias}"."${column.databaseName}") AS text), 'null')`);
      rows.select(`${members.join(' || ')} || '}'`, 'embedded_row');
      const order = orderAndLimit(rows, spec);
      return {
        sql: `SELECT COALESCE('[' || string_agg(embedded.embedded_row, ',' ORDER BY ${order}) || ']', '[]') FROM (${rows.getQuery()}) embedded`,
        params: rows.getParameters(),
        read: (raw) => new PrebuiltJsonList(raw as string),
      };
    },
  };
}

/** Column types whose JSON (to_json) is the value GraphQL answers for a faithful field (prebuilt-json.ts). */
const JSON_FAITHFUL_COLUMNS = new Set(['uuid', 'text', 'varchar', 'character varying', 'citext', 'boolean', 'bool', 'int', 'integer', 'int4', 'smallint', 'int2', 'enum']);

const prebuiltColumnsMemo = new WeakMap<readonly string[], Map<EntityMetadata, { field: string; column: ColumnMetadata }[] | null>>();

/** Each field's column when every field can be prebuilt (memoized: the fields come memoized per document). */
function prebuiltColumnsOf(metadata: EntityMetadata, type: GraphQLObjectType, fields: readonly string[]): { field: string; column: ColumnMetadata }[] | null {
  let byMetadata = prebuiltColumnsMemo.get(fields);
  if (!byMetadata) prebuiltColumnsMemo.set(fields, (byMetadata = new Map()));
  let columns = byMetadata.get(metadata);
  if (columns === undefined) {
    const columnOf = (field: string): ColumnMetadata | undefined =>
      metadata.columns.find((column) => column.propertyName === field && !column.relationMetadata && typeof column.type === 'string' && JSON_FAITHFUL_COLUMNS.has(column.type));
    const faithful = prebuiltFieldsOf(type, fields, (field) => {
      const column = columnOf(field);
      return column ? { nullable: column.isNullable } : null;
    });
    columns = faithful && faithful.map(({ field }) => ({ field, column: columnOf(field) as ColumnMetadata }));
    byMetadata.set(metadata, columns);
  }
  return columns;
}

/** The same embedded read, its value turned into what the field resolver wants (a view, the one row of a list). */
export function mapEmbed(embed: Embed, map: (value: unknown) => unknown): Embed {
  return {
    property: embed.property,
    repeats: embed.repeats,
    select(alias) {
      const selected = embed.select(alias);
      return { ...selected, read: (raw) => map(selected.read(raw)) };
    },
  };
}

/** The embedded value of `property` on a lean row, or `undefined` when the read did not embed it (use the loader). */
export function embeddedOn<V>(row: object, property: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(row, property) ? ((row as Record<string, unknown>)[property] as V) : undefined;
}
