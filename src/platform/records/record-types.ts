import { registerEnumType } from 'type-graphql';
import { wordsOf } from '../graphql/descriptions';

/**
 * The names of the kinds of records (the GraphQL enum `RecordType`, and the `record_type` of timeline entries
 * and documents). Platform lists none but its own: each domain declares its names where it defines the
 * records, in two steps that belong together,
 *
 *   declare module '../platform/records/record-types' { interface RecordTypes { DEAL: 'DEAL' } }
 *   declareRecordType('DEAL', 'A deal (negociación) of an account\'s pipeline.');
 *
 * the first for the compiler (`RecordType.DEAL` is then typed, a typo does not compile), the second for the
 * schema and at run time. Names must be declared before the schema is built, i.e. at module load.
 */
export interface RecordTypes {
  /** An entry of a settings list (characteristic definition, interest area, relationship or document type). */
  SETTING: 'SETTING';
}

/** A declared record type name. */
export type RecordType = RecordTypes[keyof RecordTypes];

const declared: Record<string, string> = {};
/** The enum values' descriptions, read (like `declared`) when the schema is built. */
const descriptions: Record<string, { description: string }> = {};

/** Every declared name, by itself (`RecordType.ACCOUNT === 'ACCOUNT'`). */
export const RecordType = declared as { readonly [K in keyof RecordTypes]: RecordTypes[K] };

// The enum reads `declared` when the schema is built, after every domain module has declared its names.
registerEnumType(declared, { name: 'RecordType', description: 'Kinds of records that have a history.', valuesConfig: descriptions });

/**
 * Declares a record type name (once: a second declaration of the same name throws), with the enum value's
 * description (default: "A <name in words> record.").
 */
export function declareRecordType<N extends keyof RecordTypes & string>(name: N, description?: string): RecordTypes[N] {
  if (Object.hasOwn(declared, name)) throw new Error(`Record type ${name} is declared twice`);
  declared[name] = name;
  descriptions[name] = { description: description ?? `A ${wordsOf(name)} record.` };
  return name as string as RecordTypes[N];
}

/** Whether `name` is a declared record type (for values read back from storage or events). */
export const isRecordType = (name: string): name is RecordType => Object.hasOwn(declared, name);

// Settings lists are a platform piece (workspace-wide lists with a shared resolver): their type is platform's.
declareRecordType('SETTING', 'An entry of a settings list (relationship type, characteristic definition, interest area, document type, product category...).');
