import { randomBytes } from 'node:crypto';
import { getNamedType, isEnumType, isListType, isNonNullType, isScalarType, type GraphQLOutputType } from 'graphql';

/**
 * Lists whose answer PostgreSQL builds. A list of records with only plain leaf fields selected (an account's
 * contacts: id, names, emails) can travel as the JSON text the database builds for it, into the response as it is:
 * no parse into records, no GraphQL result objects, no serialization of each value. Measured by `npm run
 * bench:graphql` / `bench:profile`: the contacts of an account page were about a quarter of its CPU, most of it
 * turning JSON into objects and back into JSON.
 *
 * How it holds together:
 * - the read (data/embedded-reads.ts, `prebuiltList`) builds one JSON object per record whose keys are the GraphQL
 *   field names, in the selection's order, and whose values are the columns themselves (and a joined relation's
 *   object), only for fields whose JSON is what GraphQL would answer (`isFaithfulLeaf`, nullability kept);
 * - compiled plans (graphql-jit, patched) put a `PrebuiltJsonList` into the result as it is; `stringifyResponse`
 *   splices its text in where `JSON.stringify` meets it;
 * - everything else sees an iterable of plain records parsed from the text (graphql-js, for a document's first
 *   runs, an answer with errors run again, subscriptions), which answers the same: keys are field names.
 */

/** The mark the patched graphql-jit looks for on a list value (patches/graphql-jit+0.8.9.patch). */
const PREBUILT_JSON = Symbol.for('graphql-jit.prebuiltJson');

/** Scalars whose GraphQL answer is the stored text, number or boolean itself (validated when written). */
const FAITHFUL_SCALARS = new Set(['ID', 'String', 'Boolean', 'Int', 'EmailAddress', 'PhoneNumber']);

/** A list of records as JSON text built by the database (a JSON array of objects keyed by GraphQL field names). */
export class PrebuiltJsonList implements Iterable<Record<string, unknown>> {
  readonly [PREBUILT_JSON] = true;
  private rows?: Record<string, unknown>[];

  constructor(readonly text: string) {}

  /** The records, parsed once (for whatever reads the list as values). */
  records(): Record<string, unknown>[] {
    this.rows ??= JSON.parse(this.text) as Record<string, unknown>[];
    return this.rows;
  }

  [Symbol.iterator](): Iterator<Record<string, unknown>> {
    return this.records()[Symbol.iterator]();
  }

  /** Inside `stringifyResponse` a placeholder for its text; anywhere else (a log, a test) its records. */
  toJSON(): unknown {
    if (!splicing) return this.records();
    splicing.push(this.text);
    return `${PLACEHOLDER}${splicing.length - 1}`;
  }
}

// A NUL cannot be stored in PostgreSQL text, and the random part is never sent: no answer's own string can look
// like a placeholder.
const PLACEHOLDER = `\u0000prebuilt:${randomBytes(12).toString('hex')}:`;
const PLACEHOLDER_IN_JSON = JSON.stringify(PLACEHOLDER).slice(0, -1); // `"\u0000prebuilt:…:` as JSON writes it
let splicing: string[] | null = null;

/** A response as JSON text (Apollo's `stringifyResult`), the prebuilt lists' texts spliced in. */
export function stringifyResponse(value: unknown): string {
  const texts: string[] = [];
  splicing = texts;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    splicing = null;
  }
  if (texts.length === 0) return json;
  // JSON.stringify wrote the placeholders in the order it met the lists.
  let spliced = '';
  let from = 0;
  for (let i = 0; i < texts.length; i++) {
    const placeholder = `${PLACEHOLDER_IN_JSON}${i}"`;
    const at = json.indexOf(placeholder, from);
    if (at < 0) throw new Error('a prebuilt JSON list lost its place in the response');
    spliced += json.slice(from, at) + texts[i];
    from = at + placeholder.length;
  }
  return spliced + json.slice(from);
}

/**
 * Whether a leaf field of this type answers, for a stored value, exactly that value's JSON (to_json): faithful
 * scalars, enums whose stored values are their names, lists of those (writes store no NULL items). A nullable
 * column behind a non-null field is the caller's to refuse (GraphQL would answer an error, not null).
 */
export function isFaithfulLeaf(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return isFaithfulLeaf(inner.ofType); // (writes store no NULL items)
  const named = getNamedType(inner);
  if (isScalarType(named)) return FAITHFUL_SCALARS.has(named.name);
  // An enum answers its value's name: faithful when every stored value is its own name.
  return isEnumType(named) && named.getValues().every((value) => value.value === value.name);
}
