import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import XLSX from 'xlsx';
import { KecardError } from '../../src-shared/errors';
import { checkRecord, limitError, READ_LIMITS, type ReadLimits } from './read-limits';
import { readerThreadFor, threadedSource } from './reader-thread';
import { detectDelimiter, detectEncoding, sniffFile, type SourceFormat, type TextEncoding } from './source-format';
import { openWorkbook, RunGuard } from './xlsx-rows';

export type Cell = string | number | boolean | Date | null;

export interface ReadOptions {
  encoding?: TextEncoding | 'auto';
  delimiter?: ',' | '\t' | ';' | 'auto';
  sheet?: string;
}

export interface SourceInfo {
  format: SourceFormat;
  encoding: TextEncoding | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  bytes: number;
}

/**
 * Streams the rows of a sheet or text table; `progress` reports bytes consumed of the total.
 * `info` is complete once the rows have started (a workbook's sheet names, a text file's
 * encoding and delimiter are found by reading).
 */
export interface RowSource {
  info: SourceInfo;
  rows(onBytes?: (read: number) => void): AsyncIterable<Cell[]>;
}

/** How a file is read: its limits, and for a look at its start (inspect) how many rows and one time limit for all. */
export interface ReadHow {
  limits?: ReadLimits;
  /** Stop after this many rows (the reader thread stops reading). */
  maxRows?: number;
  /** The time limit is for the whole read, not for each batch of rows. */
  wholeTime?: boolean;
  /** The user gave up waiting (import.cancelInspect): the reader thread is ended. */
  isCancelled?: () => boolean;
}

/**
 * Opens a user's file for reading. Where this thread was told to (main, the import job, the CLI:
 * see reader-thread.ts), the file is parsed on a reader thread with memory and time limits;
 * otherwise (that thread itself, tests on the sources) here, with the same caps on cells, rows,
 * columns and inflated sizes.
 */
export function openSource(path: string, options: ReadOptions = {}, how: ReadHow = {}): RowSource {
  const { format } = sniffFile(path);
  const thread = readerThreadFor(format);
  if (thread) return threadedSource(path, format, options, how, thread);
  return openDirectSource(path, options, how.limits ?? READ_LIMITS);
}

/** Parses on this thread (the reader thread's own side). */
export function openDirectSource(path: string, options: ReadOptions, limits: ReadLimits): RowSource {
  const { format, head } = sniffFile(path);
  const bytes = statSync(path).size;
  if (format === 'text') {
    const detected = detectEncoding(head);
    const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : detected.encoding;
    const sample = iconv.decode(head.subarray(detected.bom), encoding);
    if (sample.includes('\u0000')) throw new KecardError('VALIDATION', 'This file is not a table.', { fields: { file: 'notTable' } });
    const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : detectDelimiter(sample);
    return {
      info: { format, encoding, delimiter, sheets: [], sheet: null, bytes },
      rows: (onBytes) => textRows(path, encoding, delimiter, limits, onBytes),
    };
  }
  if (format === 'xls') return xlsSource(path, bytes, limits, options.sheet);
  return xlsxSource(path, bytes, limits, options.sheet);
}

async function* textRows(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
  limits: ReadLimits,
  onBytes?: (read: number) => void,
): AsyncIterable<Cell[]> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  file.on('data', (chunk) => {
    read += chunk.length;
    onBytes?.(read);
  });
  // csv-parse's own limit counts the characters of a record's fields, not the empty ones: a line
  // of 50 MB of commas would still become millions of fields. A line is refused past the bytes
  // its longest legal record can take (four bytes a character, a delimiter a column).
  const guard = new RunGuard(0x0a, limits.recordChars * 4 + limits.columns, () => limitError('recordChars', limits.recordChars));
  const lines = file.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        const failure = guard.check(chunk);
        if (failure) done(failure);
        else done(null, chunk);
      },
    }),
  );
  file.on('error', (err) => lines.destroy(err));
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    max_record_size: limits.recordChars,
  };
  // UTF-8 the parser decodes itself (a pass fewer: 1.5 s of 8 at 1M rows); GB18030 and UTF-16 go through iconv.
  const parser =
    encoding === 'utf8'
      ? lines.pipe(parse({ ...options, encoding: 'utf8' }))
      : lines.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(parse(options));
  lines.on('error', (err) => parser.destroy(err));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      checkRecord(record, row, limits);
      yield record;
    }
  } catch (err) {
    if ((err as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE') throw limitError('recordChars', limits.recordChars, { row: row + 1 });
    throw err;
  } finally {
    file.destroy();
  }
}

function xlsxSource(path: string, bytes: number, limits: ReadLimits, wanted?: string): RowSource {
  const info: SourceInfo = { format: 'xlsx', encoding: null, delimiter: null, sheets: [], sheet: wanted ?? null, bytes };
  return { info, rows: (onBytes) => xlsxRows(path, info, limits, wanted, onBytes) };
}

/** exceljs's streaming parsers over bounded parts (xlsx-rows.ts): memory stays flat for 100k+ rows. */
async function* xlsxRows(
  path: string,
  info: SourceInfo,
  limits: ReadLimits,
  wanted: string | undefined,
  onBytes?: (read: number) => void,
): AsyncIterable<Cell[]> {
  try {
    const book = await openWorkbook(path, wanted, limits);
    info.sheets = book.sheets;
    info.sheet = book.sheet;
    let expected = 1;
    for await (const row of book.rows) {
      if (row.number > limits.sheetRows) throw limitError('sheetRows', limits.sheetRows, { row: row.number });
      // Checked before `values`, which spreads the cells into an array as long as the last column.
      if (row.cellCount > limits.columns) throw limitError('columns', limits.columns, { row: row.number });
      // Blank rows are skipped by the reader; keep row numbers true to the sheet.
      while (expected < row.number) {
        yield [];
        expected += 1;
      }
      expected = row.number + 1;
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(excelCell);
      checkRecord(cells, row.number, limits);
      yield cells;
    }
  } catch (err) {
    // A zip cut short or scribbled over fails in unzipper, zlib or the XML parser ("FILE_ENDED").
    throw unreadable(err, '.xlsx');
  }
  // exceljs reports no progress of its own; the sheet is read.
  onBytes?.(info.bytes);
}

function excelCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return excelCell(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

/**
 * Legacy .xls (BIFF) through SheetJS 0.18.5, which reads the whole file: .xls holds at most
 * 65,536 rows and the file is refused past `xlsBytes`, so memory stays bounded. SheetJS has known,
 * unpatched flaws (docs/architecture.md, "Limits on imported files"): it runs only on a reader
 * thread with frozen prototypes and memory and time limits (file-reader-thread.ts).
 */
function xlsSource(path: string, bytes: number, limits: ReadLimits, wanted?: string): RowSource {
  if (bytes > limits.xlsBytes) throw limitError('xlsBytes', limits.xlsBytes);
  const book = sheetJs(() => XLSX.read(readFileSync(path), { type: 'buffer', cellDates: true, dense: true }));
  const sheetName = wanted && book.SheetNames.includes(wanted) ? wanted : (book.SheetNames[0] ?? null);
  return {
    info: { format: 'xls', encoding: null, delimiter: null, sheets: book.SheetNames, sheet: sheetName, bytes },
    rows: (onBytes) => xlsRows(book, sheetName, bytes, limits, onBytes),
  };
}

function xlsRows(
  book: XLSX.WorkBook,
  sheetName: string | null,
  bytes: number,
  limits: ReadLimits,
  onBytes?: (read: number) => void,
): AsyncIterable<Cell[]> {
  const sheet = sheetName ? book.Sheets[sheetName] : undefined;
  const rows = sheet ? sheetJs(() => XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true })) : [];
  rows.forEach((cells, i) => checkRecord(cells, i + 1, limits));
  onBytes?.(bytes);
  // The book is already in memory; an async iterable only to match the streaming readers.
  return (async function* () {
    await Promise.resolve();
    yield* rows;
  })();
}

/**
 * SheetJS fails on a damaged or crafted file with whatever it meets (a thrown string, a TypeError
 * deep in a record parser, a frozen prototype refusing a write): the user hears that the file
 * cannot be read, not "internal error".
 */
function sheetJs<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw unreadable(err, '.xls');
  }
}

/** A failure of a file's parser as IMPORT_UNREADABLE; Kecard's own (a limit) as it is. */
function unreadable(err: unknown, format: '.xls' | '.xlsx'): unknown {
  if (err instanceof KecardError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new KecardError('IMPORT_UNREADABLE', `The ${format} file cannot be read: ${reason}`, { format });
}
