import { KecardError } from '../../src-shared/errors';

// What a user's file may ask of the reader. An import file comes from anywhere (an ERP export, a
// colleague, a download), so reading it is bounded: a hostile or broken file is refused with the
// limit it passed, and never stalls the app or takes its memory. See docs/architecture.md
// ("Limits on imported files").

export interface ReadLimits {
  /** Characters in one cell: Excel's own maximum, so nothing Excel writes is refused. */
  cellChars: number;
  /** Characters in one row, all cells together. */
  recordChars: number;
  /** Cells in one row: Excel's own maximum (column XFD). */
  columns: number;
  /** Characters in one header cell. */
  headerChars: number;
  /** Row numbers in a sheet: Excel's own maximum. Text files have no row limit (they are streamed). */
  sheetRows: number;
  /** Bytes one part of an xlsx (a zip) may inflate to, declared or actual. */
  entryBytes: number;
  /** Bytes all parts of an xlsx together may inflate to. */
  inflatedBytes: number;
  /** Bytes of a legacy .xls (it is read whole). */
  xlsBytes: number;
  /** Old-generation heap of the reading thread, in MB (resourceLimits). */
  heapMb: number;
  /** Seconds the reader may take for the next rows (the import) or for the whole look (inspect). */
  seconds: number;
}

export const READ_LIMITS: ReadLimits = {
  cellChars: 32_767,
  recordChars: 1_048_576,
  columns: 16_384,
  headerChars: 1_000,
  sheetRows: 1_048_576,
  // A 1M-row, 10-column sheet is about 0.4 GB of XML.
  entryBytes: 1024 ** 3,
  inflatedBytes: 2 * 1024 ** 3,
  xlsBytes: 100 * 1024 ** 2,
  // The 1M-row CSV import peaks near 0.6 GB in the producer thread's heap.
  heapMb: 1536,
  seconds: 60,
};

/** Inspecting reads the first rows only: less memory and time are plenty. */
export const INSPECT_LIMITS: ReadLimits = { ...READ_LIMITS, heapMb: 768, seconds: 30 };

export type LimitName =
  'cellChars' | 'recordChars' | 'columns' | 'headerChars' | 'sheetRows' | 'entryBytes' | 'inflatedBytes' | 'xlsBytes' | 'memory' | 'time';

/**
 * The error for a passed limit: code IMPORT_LIMIT, `limit` naming it and `max` its value (a size
 * as `maxBytes`, which the renderer shows as "1 GB"), and `row` where it is known.
 */
export function limitError(limit: LimitName, max: number, where: { row?: number; column?: number } = {}): KecardError {
  const size = limit === 'entryBytes' || limit === 'inflatedBytes' || limit === 'xlsBytes' || limit === 'memory';
  return new KecardError('IMPORT_LIMIT', `The file passes a reading limit (${limit}: ${max}).`, {
    limit,
    ...(size ? { maxBytes: max } : { max }),
    ...(where.row !== undefined ? { row: where.row } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
  });
}

/** Refuses a row past the cell, column or row-size limits; `row` is its 1-based number. */
export function checkRecord(cells: readonly unknown[], row: number, limits: ReadLimits): void {
  if (cells.length > limits.columns) throw limitError('columns', limits.columns, { row });
  let total = 0;
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i];
    if (typeof cell !== 'string') continue;
    if (cell.length > limits.cellChars) throw limitError('cellChars', limits.cellChars, { row, column: i + 1 });
    total += cell.length;
  }
  if (total > limits.recordChars) throw limitError('recordChars', limits.recordChars, { row });
}
