import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { z } from 'zod';
import { BadUserInputError, type FieldProblem } from '../errors/errors';

/** Bulk upserts accept at most this many rows per call. */
export const MAX_UPSERT_ROWS = 1000;

export enum UpsertStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  ERROR = 'ERROR',
}
registerEnumType(UpsertStatus, {
  name: 'UpsertStatus',
  description: 'What a bulk upsert did with one row.',
  valuesConfig: {
    CREATED: { description: 'No record had the row\'s externalId: one was created.' },
    UPDATED: { description: 'The record with the row\'s externalId was changed.' },
    UNCHANGED: { description: 'The record with the row\'s externalId already had these values: nothing was written.' },
    ERROR: { description: 'The row was refused (see message and fields); nothing of it was written, the other rows went on.' },
  },
});

@ObjectType({ description: 'What happened to one row of a bulk upsert.' })
export class UpsertRowResult {
  @Field(() => Int, { description: 'Position of the row in the input (0-based); results come in input order.' }) index: number;
  @Field(() => String, { nullable: true, description: 'The row\'s externalId, trimmed; null when the row had none readable.' })
  externalId: string | null;
  @Field(() => UpsertStatus, { description: 'What happened to the row.' }) status: UpsertStatus;
  @Field(() => ID, { nullable: true, description: 'The record created, updated or left unchanged; null for an ERROR row.' }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Why the row failed ("<path> <problem>", joined by "; "); null unless ERROR.' })
  message: string | null;
  @Field(() => [String], { nullable: true, description: 'Paths of the offending fields (input.rows.<index>.<field>); null unless ERROR.' })
  fields: string[] | null;
}

export const errorResult = (index: number, externalId: string | null, problems: FieldProblem[]): UpsertRowResult => ({
  index,
  externalId,
  status: UpsertStatus.ERROR,
  id: null,
  message: problems.map((p) => `${p.path} ${p.message}`).join('; '),
  fields: problems.map((p) => p.path),
});

export const okResult = (index: number, externalId: string | null, status: UpsertStatus, id: string): UpsertRowResult => ({
  index,
  externalId,
  status,
  id,
  message: null,
  fields: null,
});

export interface ParsedRow<T> {
  index: number;
  /** The key the row is matched on; null (imports only, upsertWithin): the row creates a record unless it names `recordId`. */
  externalId: string | null;
  /** Imports only (upsertWithin): the existing record this row updates, found by the caller (e.g. a duplicate by email). */
  recordId?: string;
  data: T;
}

/**
 * The first pass of every bulk upsert: bounds the row count, validates each row on its own (a bad row gets an
 * ERROR result naming `input.rows.<i>.<field>`, the others go on) and refuses an externalId given twice.
 */
export function parseUpsertRows<S extends z.ZodType<{ externalId: string }>>(
  rows: unknown[],
  schema: S,
): { results: UpsertRowResult[]; valid: ParsedRow<z.output<S>>[] } {
  if (rows.length > MAX_UPSERT_ROWS) {
    throw BadUserInputError.field('input.rows', `must contain at most ${MAX_UPSERT_ROWS} rows (got ${rows.length})`);
  }
  const results: UpsertRowResult[] = new Array(rows.length);
  const valid: ParsedRow<z.output<S>>[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, index) => {
    const path = `input.rows.${index}`;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const rawExternalId = (raw as { externalId?: unknown } | null)?.externalId;
      const problems = parsed.error.issues.map((issue) => ({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message }));
      results[index] = errorResult(index, typeof rawExternalId === 'string' ? rawExternalId.trim() : null, problems);
      return;
    }
    const externalId = parsed.data.externalId;
    if (seen.has(externalId)) {
      results[index] = errorResult(index, externalId, [{ path: `${path}.externalId`, message: 'appears twice in this request' }]);
      return;
    }
    seen.add(externalId);
    valid.push({ index, externalId, data: parsed.data });
  });
  return { results, valid };
}
