import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { AuditedRecord } from '../db/audited-record';
import type { FieldProblem } from '../errors/errors';
import type { FieldChange, RecordType } from '../timeline/timeline-entry.entity';
import type { NewTimelineEntry } from '../timeline/timeline.service';
import type { ParsedRow } from './upsert-rows';

/** A record a bulk upsert can key on: a workspace row with an externalId unique per workspace. */
export interface UpsertableRecord extends AuditedRecord {
  id: string;
  workspaceId: string;
  externalId: string | null;
}

/** The transaction of the upsert and who runs it; every hook works inside it. */
export interface UpsertContext {
  manager: EntityManager;
  principal: Principal;
}

/**
 * What one row writes: the property values to set (on the existing record, or of the new one, with the
 * defaults the domain wants), or why it cannot be written (paths relative to the row, e.g. `primaryOwnerId`).
 */
export type RowOutcome<E> = { values: Partial<E> } | { problems: FieldProblem[] };

/** What a row is applied to: the locked record (null when new), the batch's references and who sends it. */
export interface RowSituation<E, Refs> {
  existing: E | null;
  refs: Refs;
  principal: Principal;
}

/** A record the upsert just inserted (with its id), and the row it came from. */
export interface CreatedRecord<E, Row> {
  row: ParsedRow<Row>;
  record: E;
}

/** A record the upsert just changed: as locked, and as written. */
export interface UpdatedRecord<E> {
  before: E;
  after: E;
  changes: FieldChange[];
}

/** A timeline entry of one record (the engine adds its record type and id). */
export type TimelineFacts = Omit<NewTimelineEntry, 'recordType' | 'recordId'>;

/**
 * Everything a domain says about its bulk upsert; the engine (upsert-engine.ts) does the rest: bounds and
 * validates the rows, locks existing records by externalId, checks visibility, classifies each row, inserts
 * and updates set-based (columns from the entity's metadata), writes the timeline and returns a result per row.
 *
 * `Row` is the parsed row, `Refs` what `references` loads once per batch, `View` what change detection compares.
 */
export interface UpsertDeclaration<E extends UpsertableRecord, Row extends { externalId: string }, Refs = undefined, View extends object = E> {
  entity: new () => E;
  recordType: RecordType;
  /** The schema of one row; a row that fails it gets an ERROR result naming its fields, the others go on. */
  rowSchema(principal: Principal): Promise<z.ZodType<Row>> | z.ZodType<Row>;
  /** Loads, in a fixed number of statements, what the rows refer to (active owners, accounts by id...). */
  references?(context: UpsertContext, rows: ParsedRow<Row>[]): Promise<Refs>;
  /** What the row writes on `existing` (null: the record is new), or the row's problems. */
  toRecord(row: ParsedRow<Row>, situation: RowSituation<E, Refs>): RowOutcome<E>;
  /** Properties computed from the others (e.g. search text), applied after the row's values. */
  derived?(record: E): Partial<E>;
  /** What change detection compares (by value, diffFields): an unchanged view leaves the record untouched. */
  tracked: { fields: readonly (keyof View & string)[]; view?: (record: E) => View };
  /** Which of these record ids the principal may see; a row naming another one gets "is already in use". */
  visibleIds(context: UpsertContext, ids: string[]): Promise<Set<string>>;
  /** After the one INSERT (e.g. writing account owners, set-based). */
  afterInsert?(context: UpsertContext, created: CreatedRecord<E, Row>[]): Promise<void>;
  /** After the one UPDATE (e.g. telling others that contacts moved). */
  afterUpdate?(context: UpsertContext, updated: UpdatedRecord<E>[]): Promise<void>;
  timeline: {
    created(record: E): TimelineFacts;
    updated(before: E, after: E, changes: FieldChange[]): TimelineFacts;
  };
}
