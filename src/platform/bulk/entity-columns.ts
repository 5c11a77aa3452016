import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { sameValue } from '../timeline/diff';

/** The bookkeeping of an AuditedRecord: the engine sets these itself, a row never writes them. */
const BOOKKEEPING_PROPERTIES = new Set(['createdBy', 'updatedBy', 'archivedBy', 'archivedAt']);

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** A table path, schema-qualified or not (`crm.accounts` → `"crm"."accounts"`). */
const quotedPath = (path: string): string => path.split('.').map(quoted).join('.');

/**
 * What a bulk upsert writes of one entity, read from its TypeORM metadata (database names, defaults, generated
 * columns) instead of kept by hand: a new column of the entity is written by upserts without touching them.
 */
export class EntityColumns {
  readonly table: string;
  /** Columns an upsert row may change on an existing record (not the id, key, version, times or actors). */
  private readonly updatable: ColumnMetadata[];
  /** Columns an insert takes from the row (generated ids, version and times are filled in SQL). */
  private readonly insertable: ColumnMetadata[];
  private readonly insertSql: string;

  constructor(dataSource: DataSource, target: EntityTarget<ObjectLiteral>) {
    const metadata = dataSource.getMetadata(target);
    this.table = metadata.tablePath;
    const columns = uniqueByDatabaseName(metadata.columns);
    const workspace = columnOf(metadata, 'workspaceId');
    const externalId = columnOf(metadata, 'externalId');
    assertUniqueKey(metadata, [workspace, externalId]);
    const generated = (column: ColumnMetadata) => column.isVersion || column.isCreateDate || column.isUpdateDate || column.isGenerated;
    // The generated uuid primary key is given by the engine (so rows without an externalId are told apart).
    this.insertable = columns.filter((column) => !generated(column) || (column.isPrimary && column.generationStrategy === 'uuid'));
    this.updatable = columns.filter(
      (column) => !generated(column) && !column.isPrimary && column !== workspace && column !== externalId && !isBookkeeping(column),
    );

    const driver = dataSource.driver;
    const targetColumns: string[] = [];
    const selected: string[] = [];
    for (const column of this.insertable) {
      targetColumns.push(quoted(column.databaseName));
      const value = `v.${quoted(column.databaseName)}`;
      const fallback = column.isNullable ? undefined : driver.normalizeDefault(column);
      // A NOT NULL column the row leaves out takes its declared default (NULL there would be refused anyway).
      selected.push(fallback === undefined ? value : `COALESCE(${value}, ${fallback})`);
    }
    for (const column of columns.filter(generated)) {
      if (column.isGenerated) continue; // ids: given (uuid) or the column's database default
      targetColumns.push(quoted(column.databaseName));
      selected.push(column.isVersion ? '1' : 'now()');
    }
    const key = `${quoted(workspace.databaseName)}, ${quoted(externalId.databaseName)}`;
    this.insertSql = `INSERT INTO ${quotedPath(this.table)} (${targetColumns.join(', ')})
       SELECT ${selected.join(', ')} FROM jsonb_populate_recordset(NULL::${quotedPath(this.table)}, $1::jsonb) AS v
       ON CONFLICT (${key}) WHERE ${quoted(externalId.databaseName)} IS NOT NULL DO NOTHING
       RETURNING id`;
  }

  /**
   * Inserts all records in ONE statement (a single JSON parameter, so no bind-parameter limit). A record whose
   * (workspace, externalId) another transaction holds is skipped: ON CONFLICT waits for that transaction, and
   * the caller treats the row as an update once it committed. Returns the ids inserted (the records carry them).
   */
  async insert(manager: EntityManager, records: ObjectLiteral[]): Promise<Set<string>> {
    if (!records.length) return new Set();
    const rows = records.map((record) => {
      const row: Record<string, unknown> = {};
      for (const column of this.insertable) row[column.databaseName] = column.getEntityValue(record, true);
      return row;
    });
    const inserted: { id: string }[] = await manager.query(this.insertSql, [JSON.stringify(rows)]);
    return new Set(inserted.map((row) => row.id));
  }

  /** The updatable columns whose value differs between the two versions (by value), as database name → new value. */
  changedColumns(before: ObjectLiteral, after: ObjectLiteral): Record<string, unknown> {
    const changed: Record<string, unknown> = {};
    for (const column of this.updatable) {
      const next: unknown = column.getEntityValue(after, true);
      if (!sameValue(column.getEntityValue(before, true), next)) changed[column.databaseName] = next ?? null;
    }
    return changed;
  }
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyPath(property);
  if (!column) throw new Error(`${metadata.name} has no ${property} column: it cannot be upserted by externalId`);
  return column;
}

/** The conflict target of the insert must be a unique index, or racing upserts would create duplicates. */
function assertUniqueKey(metadata: EntityMetadata, key: ColumnMetadata[]): void {
  const found = metadata.indices.some(
    (index) => index.isUnique && index.columns.length === key.length && key.every((column) => index.columns.includes(column)),
  );
  if (!found) throw new Error(`${metadata.name} needs a unique index on (workspaceId, externalId) to be upserted`);
}

const isBookkeeping = (column: ColumnMetadata): boolean =>
  BOOKKEEPING_PROPERTIES.has(column.embeddedMetadata?.propertyName ?? column.propertyName);

/** A relation's join column and the plain column of the same name are one database column. */
function uniqueByDatabaseName(columns: ColumnMetadata[]): ColumnMetadata[] {
  const byName = new Map<string, ColumnMetadata>();
  for (const column of columns) {
    const known = byName.get(column.databaseName);
    if (!known || (known.relationMetadata && !column.relationMetadata)) byName.set(column.databaseName, column);
  }
  return [...byName.values()];
}
