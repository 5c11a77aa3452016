import { z } from 'zod';
import { BadUserInputError, type FieldProblem } from '../../platform/errors/errors';
import { DuplicatePolicy, type LeadImportOptions } from './lead-import.entity';

/** The lead fields a column can fill. `emails` / `phones` may take several columns, and a cell may list several (`;`). */
export const IMPORT_FIELDS = ['title', 'companyName', 'personName', 'emails', 'phones', 'website', 'notes', 'externalId', 'expectedValue', 'currency'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const MULTI: ReadonlySet<string> = new Set(['emails', 'phones']);
/** A header wider than this is refused (BAD_USER_INPUT). */
export const MAX_IMPORT_COLUMNS = 200;

const mappingEntry = z.object({ column: z.string().min(1).max(300), field: z.string().min(1).max(100) });
const uuid = (what: string) => z.uuid({ message: `must be ${what} id` }).nullable().optional();

/** The options of an import, from GraphQL's input or the `options` part of POST /imports (JSON). */
export const importOptionsSchema = z.object({
  // [{ column, field }], or the short form { "<column>": "<field>" }.
  mapping: z.union([
    z.array(mappingEntry).min(1, 'must map at least one column').max(MAX_IMPORT_COLUMNS),
    z.record(z.string(), z.string()).transform((record) => Object.entries(record).map(([column, field]) => ({ column, field }))),
  ]),
  duplicatePolicy: z.enum(DuplicatePolicy).default(DuplicatePolicy.SKIP),
  defaults: z
    .object({ sourceId: uuid('a lead source'), assigneeId: uuid('a member'), teamId: uuid('a team'), currency: z.string().nullable().optional() })
    .strict()
    .nullable()
    .optional(),
});

/** Checks the mapping against the file's header; problems name `input.mapping.<i>.column|field`. */
export function checkedOptions(raw: unknown, columns: string[]): LeadImportOptions {
  const parsed = importOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BadUserInputError(parsed.error.issues.map((issue) => ({ path: ['input', ...issue.path.map(String)].join('.'), message: issue.message })));
  }
  const { mapping, duplicatePolicy, defaults } = parsed.data;
  if (!mapping.length) throw BadUserInputError.field('input.mapping', 'must map at least one column');
  const known = new Set(columns);
  const problems: FieldProblem[] = [];
  const usedFields = new Set<string>();
  const usedColumns = new Set<string>();
  const result: Record<string, string> = {};
  mapping.forEach(({ column, field }, i) => {
    if (!known.has(column)) problems.push({ path: `input.mapping.${i}.column`, message: `"${column}" is not a column of the file (its columns: ${columns.join(', ')})` });
    else if (usedColumns.has(column)) problems.push({ path: `input.mapping.${i}.column`, message: `"${column}" is mapped twice` });
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      problems.push({ path: `input.mapping.${i}.field`, message: `"${field}" is not a lead field (one of ${IMPORT_FIELDS.join(', ')})` });
    } else if (usedFields.has(field) && !MULTI.has(field)) problems.push({ path: `input.mapping.${i}.field`, message: `"${field}" is mapped from two columns` });
    usedFields.add(field);
    usedColumns.add(column);
    result[column] = field;
  });
  if (problems.length) throw new BadUserInputError(problems);
  return { mapping: result, duplicatePolicy, defaults: defaults ?? {} };
}

/** The header's problems: empty, too wide, blank or repeated names. */
export function headerProblems(header: string[] | undefined): string[] {
  if (!header || !header.some((cell) => cell !== '')) throw BadUserInputError.field('input.file', 'has no header line (the first row names the columns)');
  if (header.length > MAX_IMPORT_COLUMNS) throw BadUserInputError.field('input.file', `has ${header.length} columns; at most ${MAX_IMPORT_COLUMNS}`);
  const seen = new Set<string>();
  for (const name of header) {
    if (name && seen.has(name)) throw BadUserInputError.field('input.file', `names the column "${name}" twice`);
    seen.add(name);
  }
  return header;
}

const LIST_SEPARATOR = /[;\n]+/;

/**
 * One data row as createLead's input (before validation): mapped cells, several emails / phones per cell split on
 * `;`, empty cells left out. `columnOf` names, for messages, the column a field came from.
 */
export function rowInput(header: string[], cells: string[], options: LeadImportOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const field = options.mapping[column];
    const cell = cells[i]?.trim() ?? '';
    if (!field || cell === '') return;
    if (MULTI.has(field)) {
      const list = (input[field] as string[] | undefined) ?? [];
      list.push(...cell.split(LIST_SEPARATOR).map((part) => part.trim()).filter(Boolean));
      input[field] = list;
    } else input[field] = cell;
  });
  if (input.expectedValue !== undefined && input.currency === undefined && options.defaults.currency) input.currency = options.defaults.currency;
  return input;
}

/** "Email" for `emails.0`: the column a problem's field came from, for row messages. */
export function columnLabel(options: LeadImportOptions, path: string): string {
  const field = path.split('.')[0];
  const columns = Object.entries(options.mapping).filter(([, mapped]) => mapped === field).map(([column]) => column);
  return columns.length ? columns.join(' / ') : field;
}
