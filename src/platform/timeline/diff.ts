import type { FieldChange } from './timeline-entry.entity';

const normalise = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
};

/** Field-by-field changes between two versions of a record (only the fields listed, only those that differ). */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const previous = normalise(before[field]);
    const next = normalise(after[field]);
    if (JSON.stringify(previous) !== JSON.stringify(next)) changes.push({ field, before: previous, after: next });
  }
  return changes;
}
