// Deep comparison of the GraphQL `data` with the baseline's JSON, with the differences as readable paths.
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from './util';

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Paths where `actual` and `expected` differ (object key order does not matter), at most `limit` of them. */
export function differences(actual: unknown, expected: unknown, limit = 10, path = '$'): string[] {
  if (isDeepStrictEqual(actual, expected)) return [];
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const found: string[] = [];
    if (actual.length !== expected.length) found.push(`${path}: graphql has ${actual.length} items, baseline ${expected.length}`);
    for (let i = 0; i < Math.min(actual.length, expected.length) && found.length < limit; i += 1) {
      found.push(...differences(actual[i], expected[i], limit - found.length, `${path}[${i}]`));
    }
    return found.slice(0, limit);
  }
  if (isRecord(actual) && isRecord(expected) && !Array.isArray(actual) && !Array.isArray(expected)) {
    const found: string[] = [];
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      if (found.length >= limit) break;
      found.push(...differences(actual[key], expected[key], limit - found.length, `${path}.${key}`));
    }
    return found;
  }
  return [`${path}: graphql ${show(actual)}, baseline ${show(expected)}`];
}
