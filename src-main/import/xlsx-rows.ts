import { Transform, type Readable, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import { Open, type CentralDirectoryFile } from 'unzipper';
import { KecardError } from '../../src-shared/errors';
import { limitError, type ReadLimits } from './read-limits';

// An xlsx is a zip of XML parts. exceljs's streaming reader would unzip it with no bound on what a
// part inflates to (a 0.5 MB file with one 500 MB cell took 3.6 GB), and write sheets that come
// before the shared strings to temporary files. Here unzipper's central directory gives every
// part's declared size (refused past the limits before anything is inflated), each part is
// inflated through a counter that stops past the limits whatever was declared, and only the parts
// the rows need are read, in the order exceljs's own parsers need them.

/** exceljs's streaming reader's parsers for one part each (JS internals, not in its types). */
interface WorkbookParts {
  model?: { sheets?: { name?: string; rId?: string }[] };
  workbookRels?: { Id?: string; Target?: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

export type SheetRows = AsyncIterable<ExcelJS.Row>;

/** What the workbook holds and the chosen sheet's rows (exceljs Row objects, streamed). */
export interface OpenedWorkbook {
  sheets: string[];
  sheet: string | null;
  rows: SheetRows;
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

export async function openWorkbook(path: string, wanted: string | undefined, limits: ReadLimits): Promise<OpenedWorkbook> {
  const zip = await Open.file(path);
  const files = new Map<string, CentralDirectoryFile>();
  let declared = 0;
  for (const file of zip.files) {
    if (file.type !== 'File' || files.has(file.path)) continue;
    if (file.uncompressedSize > limits.entryBytes) throw limitError('entryBytes', limits.entryBytes);
    declared += file.uncompressedSize;
    files.set(file.path, file);
  }
  if (declared > limits.inflatedBytes) throw limitError('inflatedBytes', limits.inflatedBytes);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  }) as unknown as WorkbookParts;
  if (typeof reader._parseWorkbook !== 'function' || typeof reader._parseWorksheet !== 'function') {
    throw new KecardError('INTERNAL', 'This version of exceljs has no streaming part parsers.');
  }
  const budget = { inflated: 0 };
  const part = (name: string) => {
    const file = files.get(name);
    return file ? bounded(file, budget, limits) : null;
  };
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  const book = part('xl/workbook.xml');
  if (book) await reader._parseWorkbook(book);
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  // The sheets in the workbook's order, each with the part that holds it.
  const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id ?? '', partPath(r.Target ?? '')]));
  const sheets = (reader.model?.sheets ?? [])
    .map((s) => ({ name: s.name ?? '', part: targets.get(s.rId ?? '') ?? '' }))
    .filter((s) => s.name !== '' && files.has(s.part));
  const chosen = (wanted ? sheets.find((s) => s.name === wanted) : undefined) ?? sheets[0];
  // A workbook without its book part still has sheet parts: take the first.
  const sheetPart = chosen?.part ?? [...files.keys()].filter((p) => SHEET_PATH.test(p)).sort()[0];
  const names = sheets.map((s) => s.name);
  if (!sheetPart) return { sheets: names, sheet: null, rows: noRows() };
  const stream = part(sheetPart) as Readable;
  const sheetNo = SHEET_PATH.exec(sheetPart)?.[1] ?? '1';
  const emitted = [...reader._parseWorksheet(stream as AsyncIterable<Buffer>, sheetNo)];
  const worksheet = emitted.find((e) => e.eventType === 'worksheet')?.value as SheetRows | undefined;
  return { sheets: names, sheet: chosen?.name ?? null, rows: worksheet ?? noRows() };
}

/** A relationship target ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml") as a zip path. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

async function* noRows(): SheetRows {
  // An async generator that yields nothing: a workbook with no sheet.
}

/**
 * One part inflated through a counter: past the part's or the file's inflated limit, or past a
 * stretch of XML without a tag that no legal cell needs, it fails with the limit's error.
 */
function bounded(file: CentralDirectoryFile, budget: { inflated: number }, limits: ReadLimits): Readable {
  const source = file.stream();
  const guard = new RunGuard(0x3c, xmlRunBytes(limits), () => limitError('cellChars', limits.cellChars));
  let inflated = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      inflated += chunk.length;
      budget.inflated += chunk.length;
      if (inflated > limits.entryBytes) return done(limitError('entryBytes', limits.entryBytes));
      if (budget.inflated > limits.inflatedBytes) return done(limitError('inflatedBytes', limits.inflatedBytes));
      const failure = guard.check(chunk);
      if (failure) return done(failure);
      done(null, chunk);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  // Stop inflating once the counter gave up.
  counter.on('error', () => source.destroy());
  return source.pipe(counter);
}

/**
 * The bytes of XML a cell of `cellChars` characters can take between two tags, escaped as
 * character references at worst (`&#x10FFFF;`); anything longer is no cell.
 */
export function xmlRunBytes(limits: ReadLimits): number {
  return limits.cellChars * 10 + 1024;
}

/**
 * Fails when more than `max` bytes pass without the byte `mark` ('<' between XML tags, '\n'
 * between the lines of a text file), across chunks. It jumps `max` bytes at a time, so a chunk
 * of ordinary XML costs one or two backward searches.
 */
export class RunGuard {
  private run = 0;
  constructor(
    private readonly mark: number,
    private readonly max: number,
    private readonly failure: () => Error,
  ) {}

  check(chunk: Buffer): Error | null {
    // Index of the last mark seen, in this chunk's coordinates (negative: in an earlier chunk).
    let last = -this.run - 1;
    for (;;) {
      const latest = last + this.max + 1;
      if (latest >= chunk.length) break;
      const next = chunk.lastIndexOf(this.mark, latest);
      // -1 is "not in this chunk", not a mark just before it.
      if (next < 0 || next <= last) return this.failure();
      last = next;
    }
    // No mark in this chunk: the run goes on from the last one (an earlier chunk's).
    const tail = chunk.lastIndexOf(this.mark);
    this.run = chunk.length - 1 - (tail >= 0 ? tail : last);
    return null;
  }
}
