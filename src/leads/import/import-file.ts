import { Readable } from 'node:stream';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import type * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { BadUserInputError } from '../../platform/errors/errors';
import { LeadImportFormat } from './lead-import.entity';

/**
 * Reading an import file as a stream of rows (string cells), whatever it is: CSV in UTF-8 (with or without BOM)
 * or Windows-1252 with a sniffed delimiter, or the first sheet of an XLSX workbook (exceljs's streaming reader).
 * Nothing here holds more than a chunk of the file and one row. Cells stay text: no `cast` (it eats the leading
 * zeros of codes and phones).
 */

/**
 * exceljs is loaded on the first XLSX import, not at boot: it is the heaviest module the server has (about 9 MiB of
 * heap, measured with `node --expose-gc`), and an instance may never read a spreadsheet.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcelJs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;

/** What the first bytes of a file tell: its format and, for CSV, how to decode and split it. */
export interface FileFacts {
  format: LeadImportFormat;
  /** iconv-lite's name: 'utf-8' or 'windows-1252'; shown as 'utf-8-bom' when the file had a BOM. */
  encoding: string | null;
  delimiter: string | null;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Western single-byte hints that Windows-1252 decodes as intended (it is a superset of ISO-8859-1's printables). */
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252', 'ASCII']);
/** Hints of encodings we do not read: refused rather than decoded into garbage. */
const UNREADABLE = /^(UTF-16|UTF-32|Shift_JIS|EUC-|ISO-2022|GB|Big5)/i;
const DELIMITERS = [',', ';', '\t', '|'];

const unreadable = (why: string) => BadUserInputError.field('input.file', `has an unknown encoding (${why}): save it as UTF-8 or Windows-1252 CSV, or XLSX`);

/** The encoding of a CSV file from its head (`complete`: the head is the whole file). */
export function detectEncoding(head: Buffer, complete: boolean): string {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8-bom';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw unreadable('UTF-16');
  if (head.includes(0)) throw unreadable('it contains NUL bytes: binary, or UTF-16/32');
  // A head cut inside a multi-byte character is still UTF-8: drop up to 3 trailing bytes of an unfinished one.
  let sample = head;
  if (!complete) {
    let cut = sample.length;
    while (cut > 0 && sample.length - cut < 3 && (sample[cut - 1] & 0xc0) === 0x80) cut--;
    if (cut > 0 && sample[cut - 1] >= 0xc0) sample = sample.subarray(0, cut - 1);
  }
  try {
    strictUtf8.decode(sample);
    return 'utf-8';
  } catch {
    // Not UTF-8: chardet's hint, for what we can decode; Windows-1252 otherwise.
  }
  const hint = chardet.detect(sample);
  if (hint && UNREADABLE.test(hint)) throw unreadable(`looks like ${hint}`);
  if (!hint || WESTERN.has(hint)) return 'windows-1252';
  return 'windows-1252';
}

const decoderName = (encoding: string) => (encoding === 'utf-8-bom' ? 'utf-8' : encoding);

/** The delimiter of the header line: the candidate found most often outside quotes (',' when none). */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** Format, encoding and delimiter from the file's first bytes. */
export function factsOfHead(head: Buffer, complete: boolean): FileFacts {
  if (!head.length) throw BadUserInputError.field('input.file', 'is empty');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { format: LeadImportFormat.XLSX, encoding: null, delimiter: null };
  const encoding = detectEncoding(head, complete);
  const text = iconv.decode(head, decoderName(encoding));
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return { format: LeadImportFormat.CSV, encoding, delimiter: sniffDelimiter(headerLine) };
}

/** Malformed CSV and unreadable workbooks, with where (csv-parse says the line). */
export class ImportFileError extends Error {}

/** The rows of the file (the header first), as arrays of trimmed strings. */
export async function* rowsOf(source: Readable, facts: FileFacts, options: { headerOnly?: boolean } = {}): AsyncGenerator<string[]> {
  if (facts.format === LeadImportFormat.XLSX) yield* xlsxRows(source);
  else yield* csvRows(source, facts, options.headerOnly ?? false);
}

async function* csvRows(source: Readable, facts: FileFacts, headerOnly: boolean): AsyncGenerator<string[]> {
  const parser = parse({
    // The header alone (at upload): what follows is the job's to check, so a bad row later is its result, not this answer's.
    ...(headerOnly ? { to: 1 } : {}),
    delimiter: facts.delimiter ?? ',',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: 1024 * 1024,
  });
  const decoded = source.pipe(iconv.decodeStream(decoderName(facts.encoding ?? 'utf-8')));
  decoded.on('error', (error: Error) => parser.destroy(error));
  source.on('error', (error: Error) => parser.destroy(error));
  decoded.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    if (error instanceof Error && (error as { code?: string }).code?.startsWith('CSV_')) throw new ImportFileError(error.message);
    throw error;
  } finally {
    source.destroy();
  }
}

async function* xlsxRows(source: Readable): AsyncGenerator<string[]> {
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      let expected = 1;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // Rows left blank in the sheet are not emitted: keep the numbering of the rows that are.
        for (; expected < row.number; expected++) yield [];
        expected = row.number + 1;
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] as ExcelJS.CellValue));
        yield cells;
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the workbook could not be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    source.destroy();
  }
}

/** A cell as the text a person sees: numbers as written, dates as ISO dates, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

/** A readable over async chunks (the stored file), with back-pressure. */
export const readableOf = (chunks: AsyncIterable<Buffer>): Readable => Readable.from(chunks, { objectMode: false });
