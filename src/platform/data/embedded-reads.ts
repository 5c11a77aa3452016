import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
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
      spec.order.forEach((key, i) => {
        rows.addSelect(key.sql, `embedded_key_${i}`);
        if (i === 0) rows.orderBy(key.sql, key.direction);
        else rows.addOrderBy(key.sql, key.direction);
      });
      if (spec.limit !== undefined) rows.limit(spec.limit);
      const order = spec.order.map((key, i) => `embedded.embedded_key_${i} ${key.direction}`).join(', ');
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
