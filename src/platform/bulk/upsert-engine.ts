import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { actorRefOf } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { FieldProblem } from '../errors/errors';
import { diffFields } from '../timeline/diff';
import type { NewTimelineEntry, TimelineService } from '../timeline/timeline.service';
import { EntityColumns } from './entity-columns';
import { updateChangedColumns, type ChangedRow } from './update-changed';
import type { CreatedRecord, UpdatedRecord, UpsertableRecord, UpsertContext, UpsertDeclaration } from './upsert-declaration';
import { errorResult, okResult, parseUpsertRows, UpsertStatus, type ParsedRow, type UpsertRowResult } from './upsert-rows';

/** One call's state: the results in input order and the timeline entries to write at the end. */
interface Batch {
  context: UpsertContext;
  results: UpsertRowResult[];
  entries: NewTimelineEntry[];
}

/**
 * The one bulk upsert by externalId, for every `upsert*` mutation and import: every row gets a result (CREATED,
 * UPDATED, UNCHANGED or ERROR with its fields), valid rows are written even when others fail, and the work is
 * set-based: a fixed number of statements whatever the number of rows (up to MAX_UPSERT_ROWS).
 *
 * In one transaction: existing records are locked FOR UPDATE (in id order, so concurrent batches don't
 * deadlock) and only their changed columns are written, so racing upserts and edits serialize instead of losing
 * changes; new records go in one INSERT ... ON CONFLICT DO NOTHING, and a row another request created meanwhile
 * (the INSERT waited for it) is then processed as an update.
 */
export class UpsertEngine<E extends UpsertableRecord, Row extends { externalId: string }, Refs = undefined, View extends object = E> {
  private readonly columns: EntityColumns;
  private readonly view: (record: E) => View;

  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly declaration: UpsertDeclaration<E, Row, Refs, View>,
  ) {
    this.columns = new EntityColumns(db, declaration.entity);
    this.view = declaration.tracked.view ?? ((record: E) => record as unknown as View);
  }

  async upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    const { results, valid } = parseUpsertRows(rows, await this.declaration.rowSchema(principal));
    await this.db.transaction((manager) => this.upsertWithin(manager, principal, valid, results));
    return results;
  }

  /**
   * The same work inside the caller's transaction, on rows the caller validated (an import's batch, committed with
   * its checkpoint). A row may have no externalId (it creates a record) or name the record it updates
   * (`recordId`). Fills `results` at each row's index and returns it.
   */
  async upsertWithin(manager: EntityManager, principal: Principal, rows: ParsedRow<Row>[], results: UpsertRowResult[] = []): Promise<UpsertRowResult[]> {
    const batch: Batch = { context: { manager, principal }, results, entries: [] };
    const refs = (this.declaration.references ? await this.declaration.references(batch.context, rows) : undefined) as Refs;
    const missing = await this.applyToExisting(batch, refs, rows);
    const skipped = await this.createMissing(batch, refs, missing);
    // Rows another request created meanwhile: the INSERT waited for it to commit; now they are updates.
    const stillMissing = await this.applyToExisting(batch, refs, skipped);
    for (const row of stillMissing) {
      this.fail(batch, row, [{ path: 'externalId', message: 'was changed concurrently by another request; retry the row' }]);
    }
    await this.timeline.record(manager, principal, batch.entries);
    return results;
  }

  /**
   * Rows whose externalId exists: locks those records, compares each row with its locked record and writes only
   * the changed columns (one UPDATE for all). Returns the rows with no record yet.
   */
  private async applyToExisting(batch: Batch, refs: Refs, rows: ParsedRow<Row>[]): Promise<ParsedRow<Row>[]> {
    if (!rows.length) return [];
    const { manager, principal } = batch.context;
    const externalIds = rows.flatMap((row) => (row.externalId !== null && !row.recordId ? [row.externalId] : []));
    const recordIds = rows.flatMap((row) => (row.recordId ? [row.recordId] : []));
    const keys = [externalIds.length ? 'r.externalId IN (:...externalIds)' : '', recordIds.length ? 'r.id IN (:...recordIds)' : ''].filter(Boolean);
    const existing = keys.length
      ? await manager
          .getRepository(this.declaration.entity)
          .createQueryBuilder('r')
          .where('r.workspaceId = :workspaceId', { workspaceId: principal.workspaceId })
          .andWhere(`(${keys.join(' OR ')})`, { externalIds, recordIds })
          .orderBy('r.id')
          .setLock('pessimistic_write')
          .getMany()
      : [];
    const byExternalId = new Map(existing.flatMap((record) => (record.externalId ? [[record.externalId, record] as const] : [])));
    const byId = new Map(existing.map((record) => [record.id, record]));
    const visible = existing.length ? await this.declaration.visibleIds(batch.context, existing.map((record) => record.id)) : new Set<string>();
    const updates: ChangedRow[] = [];
    const updated: UpdatedRecord<E>[] = [];
    const missing: ParsedRow<Row>[] = [];
    for (const row of rows) {
      const current = row.recordId ? byId.get(row.recordId) : row.externalId !== null ? byExternalId.get(row.externalId) : undefined;
      if (!current) {
        missing.push(row);
        continue;
      }
      // Out of the principal's reach: the same answer as for any taken externalId, naming no portfolio.
      if (!visible.has(current.id)) {
        this.fail(batch, row, [{ path: 'externalId', message: 'is already in use' }]);
        continue;
      }
      const outcome = this.declaration.toRecord(row, { existing: current, refs, principal });
      if ('problems' in outcome) {
        this.fail(batch, row, outcome.problems);
        continue;
      }
      const next = this.withDerived({ ...current, ...outcome.values });
      const changes = diffFields(this.view(current), this.view(next), this.declaration.tracked.fields);
      if (!changes.length) {
        batch.results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UNCHANGED, current.id);
        continue;
      }
      updates.push({ id: current.id, changed: this.columns.changedColumns(current, next) });
      updated.push({ before: current, after: next, changes });
      batch.results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UPDATED, current.id);
      batch.entries.push({
        recordType: this.declaration.recordType,
        recordId: current.id,
        ...this.declaration.timeline.updated(current, next, changes),
      });
    }
    const changedColumns = [...new Set(updates.flatMap((update) => Object.keys(update.changed)))].sort();
    await updateChangedColumns(
      manager,
      { table: this.columns.table, workspaceId: principal.workspaceId, columns: changedColumns, actor: actorRefOf(principal) },
      updates,
    );
    if (updated.length) await this.declaration.afterUpdate?.(batch.context, updated);
    return missing;
  }

  /** Inserts the rows with no record yet (one multi-row INSERT); returns those another request created first. */
  private async createMissing(batch: Batch, refs: Refs, rows: ParsedRow<Row>[]): Promise<ParsedRow<Row>[]> {
    if (!rows.length) return [];
    const { manager, principal } = batch.context;
    const actor = actorRefOf(principal);
    const toCreate: CreatedRecord<E, Row>[] = [];
    for (const row of rows) {
      const outcome = this.declaration.toRecord(row, { existing: null, refs, principal });
      if ('problems' in outcome) {
        this.fail(batch, row, outcome.problems);
        continue;
      }
      // The id is chosen here (v4, as the column default would) so rows without an externalId are told apart.
      const record = Object.assign(new this.declaration.entity(), outcome.values, {
        id: randomUUID(),
        externalId: row.externalId,
        workspaceId: principal.workspaceId,
        createdBy: actor,
        updatedBy: actor,
        archivedBy: { memberId: null, apiKeyId: null },
      });
      toCreate.push({ row, record: this.withDerived(record) });
    }
    if (!toCreate.length) return [];
    const createdIds = await this.columns.insert(manager, toCreate.map((created) => created.record));
    const created: CreatedRecord<E, Row>[] = [];
    const skipped: ParsedRow<Row>[] = [];
    for (const { row, record } of toCreate) {
      if (!createdIds.has(record.id)) {
        skipped.push(row);
        continue;
      }
      const id = record.id;
      created.push({ row, record });
      batch.results[row.index] = okResult(row.index, row.externalId, UpsertStatus.CREATED, id);
      batch.entries.push({ recordType: this.declaration.recordType, recordId: id, ...this.declaration.timeline.created(record) });
    }
    if (created.length) await this.declaration.afterInsert?.(batch.context, created);
    return skipped;
  }

  private withDerived(record: E): E {
    return this.declaration.derived ? Object.assign(record, this.declaration.derived(record)) : record;
  }

  /** An ERROR result; the problems' paths are relative to the row and come back as `input.rows.<i>.<path>`. */
  private fail(batch: Batch, row: ParsedRow<Row>, problems: FieldProblem[]): void {
    const absolute = problems.map((problem) => ({ ...problem, path: `input.rows.${row.index}.${problem.path}` }));
    batch.results[row.index] = errorResult(row.index, row.externalId, absolute);
  }
}
