import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { getNamedType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { isFaithfulLeaf, PrebuiltJsonList } from '../graphql/prebuilt-json';
import type { PlainSelection } from '../graphql/selection';
import { readsPlainProperty } from '../graphql/compiled-execution';
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

export interface PrebuiltListSpec<T extends ObjectLiteral> extends Omit<EmbeddedListSpec<T>, 'projection' | 'repeats'> {
  /** The records' GraphQL type and its plain selection (selection.ts `plainChildSelection`). */
  prebuilt: { type: GraphQLObjectType; selection: PlainSelection };
}

/**
 * The list as JSON the database builds for the response itself (graphql/prebuilt-json.ts): one object per child
 * row keyed by the selected GraphQL fields, each leaf the entity column of the same name, each object field the
 * relation of the same name named in `joined`. Read by `otherwise` (the domain's embed of the same rows) when any
 * field's JSON could differ from GraphQL's answer: not a column, a time, a decimal, a nullable column behind a
 * non-null field, a left join behind a non-null field.
 */
export function prebuiltList<T extends ObjectLiteral>(spec: PrebuiltListSpec<T>, otherwise: Embed): Embed {
  return {
    property: spec.property,
    select(parentAlias) {
      const rows = spec.rows(parentAlias);
      const object = prebuiltObjectOf({ rows, record: mainOf(rows), ...spec.prebuilt, joined: spec.joined ?? {} });
      if (!object) return otherwise.select(parentAlias);
      rows.select(object, 'embedded_row');
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

/** One record's JSON object to build: its row (alias and entity) in `rows`, its GraphQL type and selection. */
interface PrebuiltObject {
  rows: SelectQueryBuilder<ObjectLiteral>;
  record: { alias: string; metadata: EntityMetadata };
  type: GraphQLObjectType;
  selection: PlainSelection;
  /** The relations an object field may read (the list's `joined`). */
  joined: Readonly<Record<string, LeanColumns>>;
}

/** Per selection (memoized per document) and type, per entity and alias: the object's SQL, or null. */
const prebuiltObjects = new WeakMap<PlainSelection, WeakMap<GraphQLObjectType, Map<string, string | null>>>();

function prebuiltObjectOf(target: PrebuiltObject): string | null {
  let byType = prebuiltObjects.get(target.selection);
  if (!byType) prebuiltObjects.set(target.selection, (byType = new WeakMap()));
  let byRecord = byType.get(target.type);
  if (!byRecord) byType.set(target.type, (byRecord = new Map()));
  const key = `${target.record.metadata.name}:${target.record.alias}`;
  let sql = byRecord.get(key);
  if (sql === undefined) {
    sql = buildPrebuiltObject(target);
    byRecord.set(key, sql);
  }
  return sql;
}

/**
 * The SQL text of one record's compact JSON object (json_build_object and json_agg would add spaces), each value
 * through to_json: the escapes JSON.stringify writes. GraphQL names are [_A-Za-z][_0-9A-Za-z]*: safe in literals.
 */
function buildPrebuiltObject({ rows, record, type, selection, joined }: PrebuiltObject): string | null {
  const definitions = type.getFields();
  const members: string[] = [];
  for (const entry of selection) {
    const name = typeof entry === 'string' ? entry : entry.field;
    const definition = definitions[name];
    if (!definition || !readsPlainProperty(definition.resolve)) return null; // a field resolver answers otherwise
    let value: string;
    if (typeof entry === 'string') {
      const column = record.metadata.columns.find(
        (candidate) => candidate.propertyName === name && !candidate.relationMetadata && typeof candidate.type === 'string' && JSON_FAITHFUL_COLUMNS.has(candidate.type),
      );
      if (!column || !isFaithfulLeaf(definition.type) || (isNonNullType(definition.type) && column.isNullable)) return null;
      value = `COALESCE(CAST(to_json("${record.alias}"."${column.databaseName}") AS text), 'null')`;
    } else {
      const nestedType = getNamedType(definition.type);
      if (!(name in joined) || !isObjectType(nestedType)) return null;
      const join = joinedRelation(rows, name);
      const nested = buildPrebuiltObject({ rows, record: join, type: nestedType, selection: entry.selection, joined: {} });
      if (!nested) return null;
      if (join.inner) value = `(${nested})`;
      else if (isNonNullType(definition.type)) return null; // a left join that found nothing: GraphQL's error, not null
      else value = `(CASE WHEN "${join.alias}"."id" IS NULL THEN 'null' ELSE ${nested} END)`;
    }
    members.push(`'${members.length ? ',' : '{'}"${name}":' || ${value}`);
  }
  return members.length ? `${members.join(' || ')} || '}'` : null;
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
