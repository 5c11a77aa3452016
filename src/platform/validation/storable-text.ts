import type { FieldProblem } from '../errors/errors';

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and UTF-8 cannot encode an unpaired UTF-16 surrogate (JSON
 * allows `"\ud800"`). With the `u` flag a well-formed surrogate pair is one code point, so `\p{Cs}` matches
 * only lone halves.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export const UNSTORABLE_TEXT_MESSAGE = 'contains a NUL character or an unpaired surrogate, which cannot be stored';

/** Whether PostgreSQL can store this text as given. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * The first string (value or object key) anywhere in `value` that PostgreSQL cannot store, as a problem at
 * its path: objects add `.key`, lists add `[index]` (like graphql-js's own variable errors). Dates, buffers and
 * other class instances are not walked: only plain objects and arrays carry client text.
 */
export function unstorableTextProblem(value: unknown, path: string): FieldProblem | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { path, message: UNSTORABLE_TEXT_MESSAGE };
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const problem = unstorableTextProblem(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return { path: itemPath, message: 'has a key that contains a NUL character or an unpaired surrogate' };
    const problem = unstorableTextProblem(item, itemPath);
    if (problem) return problem;
  }
  return null;
}
