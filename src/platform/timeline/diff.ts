import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from './timeline-entry.entity';

/**
 * A value as it is compared and recorded: dates (and other values with `toJSON`, e.g. decimals) by their JSON
 * value, undefined as null, and inside objects an absent key, an undefined and a null one alike (a jsonb
 * address read back has its keys in PostgreSQL's order, and drops nothing the client sent as null).
 */
export function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonicalValue);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalValue(toJSON.call(value));
  const entries = Object.entries(value)
    .map(([key, item]) => [key, canonicalValue(item)] as const)
    .filter(([, item]) => item !== null);
  return Object.fromEntries(entries);
}

/** Whether two values are the same by value (not by their text: key order and Date instances don't matter). */
export const sameValue = (a: unknown, b: unknown): boolean => isDeepStrictEqual(canonicalValue(a), canonicalValue(b));

/** Field-by-field changes between two versions of a record (only the fields listed, only those that differ). */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const previous = canonicalValue(before[field]);
    const next = canonicalValue(after[field]);
    if (!isDeepStrictEqual(previous, next)) changes.push({ field, before: previous, after: next });
  }
  return changes;
}
