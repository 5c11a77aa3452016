import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { SelectedFields } from '../graphql/selection';

/**
 * The lean read path. A list that only feeds GraphQL does not need TypeORM entities: it selects the columns the
 * client's selection needs (plus the record's keys) as plain raw columns and builds each row with a prepared
 * setter per column, on the entity's prototype. Measured by `npm run bench:graphql`: entity hydration, the pg
 * parsing of unused columns (dates, arrays, search text) and the garbage they leave were most of a page's CPU.
 */

/**
 * Which entity properties a record type's GraphQL fields need. A selected field named like an entity property
 * (or an embedded one, such as `createdBy`) loads it; `needs` adds what a field resolver reads (`typeLabel`
 * reads `type`); `always` is loaded for every read (the id and workspace, what scope checks and loaders use).
 */
export interface ProjectionSpec {
  always?: readonly string[];
  needs?: Readonly<Record<string, readonly string[]>>;
}

/** The entity properties one read loads (resolved to columns against the entity's metadata when read). */
export interface Projection {
  readonly properties: ReadonlySet<string>;
  /** Stable text of the properties: reads with the same one share their column plan. */
  readonly key: string;
  /** What the same statement also reads for each row (data/embedded-reads.ts): lists and values hanging off it. */
  readonly embeds?: readonly Embed[];
  /** A page's total count, read in the page's own statement (pagination/keyset.ts). */
  readonly total?: boolean;
}

/**
 * A value read for each row in the row's own statement, as a correlated sub-select: a list hanging off the row
 * (an account's contacts, as one JSON array) or a value of another table (its primary owner's id). The row's
 * field resolver finds it on `property` and needs no loader and no statement of its own.
 */
export interface Embed {
  /** Where the value goes on the row (never an entity property). */
  readonly property: string;
  /** For a row of `alias`: the SQL expression, its parameters, and how the raw value becomes the property's. */
  select(alias: string): { sql: string; params: ObjectLiteral; read: (raw: unknown) => unknown };
  /**
   * The same value hangs off many rows of one statement (a page's primary owners: a seller owns many accounts).
   * Equal raw values (embedded-reads.ts sends them as JSON text) are then read once per statement and the one
   * value is shared by those rows, so the value must never be changed per row.
   */
  readonly repeats?: boolean;
}

/** The same columns, with reads embedded in the statement and the page's total count when asked. */
export function extendProjection(projection: Projection, extra: { embeds?: readonly Embed[]; total?: boolean }): Projection {
  if (!extra.embeds?.length && !extra.total) return projection;
  return { ...projection, embeds: [...(projection.embeds ?? []), ...(extra.embeds ?? [])], total: Boolean(projection.total || extra.total) };
}

export interface RecordProjection {
  /** The properties for a selection (memoized on the selection, which is memoized on the document). */
  of(fields: SelectedFields): Projection;
}

const BASE_PROPERTIES = ['id', 'workspaceId'];

export function defineProjection(spec: ProjectionSpec): RecordProjection {
  const always = [...BASE_PROPERTIES, ...(spec.always ?? [])];
  const memo = new WeakMap<SelectedFields, Projection>();
  return {
    of(fields) {
      let projection = memo.get(fields);
      if (!projection) {
        const properties = new Set(always);
        for (const field of fields) for (const property of spec.needs?.[field] ?? [field]) properties.add(property);
        projection = projectionOf(properties);
        memo.set(fields, projection);
      }
      return projection;
    },
  };
}

/** A projection of exactly these properties (and the base ones). */
export function projectionOf(properties: Iterable<string>): Projection {
  const all = new Set([...BASE_PROPERTIES, ...properties]);
  return { properties: all, key: [...all].sort().join(',') };
}

/** Two reads batched together load what either needs. */
export function unionOf(projections: readonly Projection[]): Projection {
  const first = projections[0];
  // A batch's keys nearly always come from one selection (50 accounts' contacts): one projection object.
  if (projections.every((projection) => projection === first || projection.key === first.key)) return first;
  return projectionOf(projections.flatMap((projection) => [...projection.properties]));
}

export interface ColumnRead {
  /** `"alias"."column"` */
  databaseName: string;
  /** Read as JSON (`to_json`): a text array then comes through the driver's JSON.parse, not its array parser. */
  asJson: boolean;
  set: (row: Record<string, unknown>, raw: unknown) => void;
}

/** Array columns whose elements JSON carries exactly (strings): parsed natively instead of char by char in JS. */
const JSON_READABLE_ARRAYS = new Set<unknown>(['text', 'varchar', 'character varying', 'uuid', String]);
const readsAsJson = (column: ColumnMetadata): boolean => column.isArray && !column.transformer && JSON_READABLE_ARRAYS.has(column.type);

/** Column types whose value pg already returns as the entity holds it (no TypeORM preparation needed). */
const AS_PARSED = new Set<unknown>([
  'uuid', 'text', 'varchar', 'character varying', 'jsonb', 'json', 'integer', 'int', 'int4', 'smallint', 'boolean', 'bool',
  'numeric', 'decimal', 'timestamptz', 'timestamp with time zone', Boolean, String, Number,
]);

const plans = new WeakMap<EntityMetadata, Map<string, ColumnRead[]>>();

/** The columns a projection loads, with how each sets its value (embedded properties included). */
export function columnPlan(metadata: EntityMetadata, projection: Projection): ColumnRead[] {
  let byProjection = plans.get(metadata);
  if (!byProjection) plans.set(metadata, (byProjection = new Map()));
  let plan = byProjection.get(projection.key);
  if (!plan) {
    plan = metadata.columns
      .filter((column) => projection.properties.has(column.propertyPath.split('.')[0]))
      .map((column) => ({ databaseName: column.databaseName, asJson: readsAsJson(column), set: setterOf(metadata, column) }));
    byProjection.set(projection.key, plan);
  }
  return plan;
}

function setterOf(metadata: EntityMetadata, column: ColumnMetadata): ColumnRead['set'] {
  const driver = metadata.connection.driver;
  const prepare =
    readsAsJson(column) || (!column.transformer && !column.isArray && AS_PARSED.has(column.type))
      ? (raw: unknown) => raw
      : (raw: unknown) => driver.prepareHydratedValue(raw, column) as unknown;
  const path = column.propertyPath.split('.');
  if (path.length === 1) {
    const [property] = path;
    return (row, raw) => (row[property] = prepare(raw));
  }
  return (row, raw) => {
    let target = row;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = prepare(raw);
  };
}

/** Prefix of the raw column aliases of lean reads (`lean_0`, `lean_1`, …; sort values are `lean_key_0`, …). */
const COLUMN = 'lean_';

/** Every column of the entity: for small rows (settings entries, links) read whole but without hydration. */
export const ALL_COLUMNS = 'all';
export type LeanColumns = Projection | typeof ALL_COLUMNS;

const allColumnsOf = new WeakMap<EntityMetadata, Projection>();
export function resolved(metadata: EntityMetadata, columns: LeanColumns): Projection {
  if (columns !== ALL_COLUMNS) return columns;
  let projection = allColumnsOf.get(metadata);
  if (!projection) {
    projection = projectionOf(metadata.columns.map((column) => column.propertyPath.split('.')[0]));
    allColumnsOf.set(metadata, projection);
  }
  return projection;
}

/**
 * Selects the columns of `alias` that `columns` needs, as raw aliases `<prefix><i>` (replacing the query's
 * select when `replace`); returns the function that turns a raw row into the record.
 */
function addLeanColumns<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T> | SelectQueryBuilder<ObjectLiteral>,
  alias: string,
  metadata: EntityMetadata,
  columns: LeanColumns,
  prefix: string,
  replace: boolean,
): (raw: Record<string, unknown>) => Record<string, unknown> {
  const projection = resolved(metadata, columns);
  const plan = columnPlan(metadata, projection);
  plan.forEach((column, i) => {
    const selection = column.asJson ? `to_json("${alias}"."${column.databaseName}")` : `"${alias}"."${column.databaseName}"`;
    if (i === 0 && replace) query.select(selection, `${prefix}0`);
    else query.addSelect(selection, `${prefix}${i}`);
  });
  const names = plan.map((_, i) => `${prefix}${i}`);
  const embeds = (columns === ALL_COLUMNS ? [] : (columns.embeds ?? [])).map((embed, i) => {
    const selected = embed.select(alias);
    const name = `${prefix}e${i}`;
    query.addSelect(`(${selected.sql})`, name);
    setEmbedParameters(query, selected.params);
    return { property: embed.property, name, read: embed.repeats ? readOncePerValue(selected.read) : selected.read };
  });
  const build = rowBuilder(metadata, plan);
  return (raw) => {
    const row = build((i) => raw[names[i]]);
    for (const embed of embeds) row[embed.property] = embed.read(raw[embed.name]);
    return row;
  };
}

/** `read` memoized on the raw text for the statement whose rows it reads (see `Embed.repeats`). */
function readOncePerValue(read: (raw: unknown) => unknown): (raw: unknown) => unknown {
  const values = new Map<unknown, unknown>();
  return (raw) => {
    if (typeof raw !== 'string') return read(raw);
    let value = values.get(raw);
    if (value === undefined && !values.has(raw)) values.set(raw, (value = read(raw)));
    return value;
  };
}

/** A function that builds a lean record from its plan's raw values (`valueAt(i)`: the plan's i-th column). */
export function rowBuilder(metadata: EntityMetadata, plan: readonly ColumnRead[]): (valueAt: (i: number) => unknown) => Record<string, unknown> {
  const prototype = metadata.target instanceof Function ? (metadata.target.prototype as object) : Object.prototype;
  return (valueAt) => {
    const row = Object.create(prototype) as Record<string, unknown>;
    for (let i = 0; i < plan.length; i++) plan[i].set(row, valueAt(i));
    return (checkUnloadedReads ? guarded(row, metadata) : row) as Record<string, unknown>;
  };
}

/**
 * An embed's parameters join the statement's. They come from the same principal's scope rules, so a name both
 * use holds the same value; one that does not would change the other's meaning: refused loudly.
 */
function setEmbedParameters(query: SelectQueryBuilder<ObjectLiteral>, params: ObjectLiteral): void {
  const existing = query.expressionMap.parameters;
  for (const [name, value] of Object.entries(params)) {
    if (name in existing && existing[name] !== value && JSON.stringify(existing[name]) !== JSON.stringify(value)) {
      throw new Error(`an embedded read's parameter :${name} is already the statement's, with another value`);
    }
  }
  query.setParameters(params);
}

/** Replaces the query's select with the lean columns of `alias`; returns the raw-row-to-record function. */
export function selectLean<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  metadata: EntityMetadata,
  projection: LeanColumns,
): (raw: Record<string, unknown>) => T {
  return addLeanColumns(query, alias, metadata, projection, COLUMN, true) as unknown as (raw: Record<string, unknown>) => T;
}

/**
 * Runs a query over an entity (with `innerJoinAndSelect` / `leftJoinAndSelect` relations named in `joined`) and
 * returns lean records: the main entity's columns of `columns`, each joined relation set on its property (null
 * when a left join found nothing). For the small rows that hang off a page (owners, interests, links).
 */
export async function readLean<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  columns: LeanColumns,
  joined: Readonly<Record<string, LeanColumns>> = {},
): Promise<T[]> {
  const { alias, metadata } = mainOf(query);
  const build = addLeanColumns(query, alias, metadata, columns, COLUMN, true);
  const joins = Object.entries(joined).map(([property, joinColumns], j) => {
    const join = joinedRelation(query, property);
    const prefix = `${COLUMN}j${j}_`;
    const joinedBuild = addLeanColumns(query, join.alias, join.metadata, joinColumns, prefix, false);
    return { property, build: joinedBuild, present: `${prefix}${presenceIndex(columnPlan(join.metadata, resolved(join.metadata, joinColumns)))}` };
  });
  const raws = await query.getRawMany<Record<string, unknown>>();
  return raws.map((raw) => {
    const row = build(raw);
    for (const join of joins) row[join.property] = raw[join.present] === null ? null : join.build(raw);
    return row as T;
  });
}

/** The alias and entity of the relation `property` a query joins (readLean's and embedded reads' `joined`). */
export function joinedRelation<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, property: string): { alias: string; metadata: EntityMetadata; inner: boolean } {
  const join = query.expressionMap.joinAttributes.find((attribute) => attribute.relation?.propertyName === property);
  if (!join) throw new Error(`a lean read joins no relation "${property}" of ${mainOf(query).metadata.name}`);
  return { alias: join.alias.name, metadata: join.alias.metadata, inner: join.direction === 'INNER' };
}

/** Which column of a joined row's plan tells it is there: its id (a left join that found nothing gives nulls throughout). */
export const presenceIndex = (plan: readonly ColumnRead[]): number => Math.max(0, plan.findIndex((column) => column.databaseName === 'id'));

/** The main entity of a query builder and its alias. */
export function mainOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): { alias: string; metadata: EntityMetadata } {
  const main = query.expressionMap.mainAlias;
  if (!main?.hasMetadata) throw new Error('a lean read needs a query over an entity');
  return { alias: main.name, metadata: main.metadata };
}

/**
 * Under tests (NODE_ENV=test, set by the app at start) a lean row throws when code reads an entity property it
 * did not load, so a field resolver whose needs were not declared fails loudly instead of answering null.
 */
let checkUnloadedReads = false;
export function checkLeanReads(enabled: boolean): void {
  checkUnloadedReads = enabled;
}

const propertiesOf = new WeakMap<EntityMetadata, Set<string>>();

/** Every property a lean row sets is its own (nulls included), so "not own" is "not loaded". */
function guarded(row: Record<string, unknown>, metadata: EntityMetadata): object {
  let entityProperties = propertiesOf.get(metadata);
  if (!entityProperties) {
    entityProperties = new Set([
      ...metadata.columns.map((column) => column.propertyPath.split('.')[0]),
      ...metadata.relations.map((relation) => relation.propertyName),
    ]);
    propertiesOf.set(metadata, entityProperties);
  }
  const properties = entityProperties;
  return new Proxy(row, {
    get(target, property, receiver) {
      if (typeof property === 'string' && properties.has(property) && !Object.prototype.hasOwnProperty.call(target, property)) {
        throw new Error(`lean ${metadata.name} row: "${property}" was not loaded; declare it in the record's projection (needs)`);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
