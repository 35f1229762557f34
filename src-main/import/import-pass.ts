import { KecardError } from '../../src-shared/errors';
import { cellText, duplicateNameKey } from '../../src-shared/import/convert-cells';
import type { ImportReport, ImportSettings, RowProblem } from '../../src-shared/import/import-settings';
import type { Workspace } from '../db/workspace';
import { openSource, type Cell } from './read-rows';
import { isTotalRow } from './total-rows';

// What the receipt and record importers share: reading the data rows of the streamed file (with
// cancel and progress), the column → field lookup, and finding a customer by code or name.

export interface PartImportOptions {
  fileName: string;
  headerRow: number;
  mapping: Record<string, string | null>;
  dryRun: boolean;
  isCancelled?: (() => boolean) | undefined;
  onProgress?: ((done: number, total: number, phase: string) => void) | undefined;
  beforeWrite?: (() => Promise<void>) | undefined;
  /** A 合计 row met (and skipped); both passes report it. */
  onTotalRow?: ((row: number) => void) | undefined;
}

export const MAX_LISTED = 2000;
export const PREVIEW_ROWS = 20;

export function cancelledError(): KecardError {
  return new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
}

/** The cell of a mapped field in a row (the first column mapped to it), or null when unmapped. */
export function columnsOf(mapping: Record<string, string | null>): { has: (field: string) => boolean; get: (row: Cell[], field: string) => Cell } {
  const index = new Map<string, number>();
  for (const [column, field] of Object.entries(mapping)) if (field && !index.has(field)) index.set(field, Number(column));
  return {
    has: (field) => index.has(field),
    get: (row, field) => {
      const i = index.get(field);
      return i === undefined ? null : (row[i] ?? null);
    },
  };
}

/**
 * Visits every non-empty row below the header. Both passes (check, write) call it, so the file is
 * streamed twice instead of held in memory; cancel is honoured every 500 rows.
 */
export async function eachDataRow(
  path: string,
  settings: ImportSettings,
  o: PartImportOptions,
  phase: 'checking' | 'writing',
  visit: (cells: Cell[], rowNumber: number) => void,
): Promise<void> {
  const source = openSource(path, settings.read);
  const total = source.info.bytes;
  let rowNumber = 0;
  let read = 0;
  let lastReport = 0;
  o.onProgress?.(0, total, phase);
  for await (const cells of source.rows((b) => (read = b))) {
    rowNumber += 1;
    if (rowNumber <= o.headerRow || cells.every((c) => c === null || c === '')) continue;
    if (isTotalRow(cells)) {
      o.onTotalRow?.(rowNumber);
      continue;
    }
    if (rowNumber % 500 === 0) {
      if (o.isCancelled?.()) throw cancelledError();
      if (Date.now() - lastReport > 200) {
        lastReport = Date.now();
        o.onProgress?.(read, total, phase);
      }
    }
    visit(cells, rowNumber);
  }
  if (o.isCancelled?.()) throw cancelledError();
  o.onProgress?.(total, total, phase);
}

/** "All or nothing" refuses to write when any row has a problem. */
export function refuseInvalid(settings: ImportSettings, report: ImportReport): void {
  if (settings.mode === 'allOrNothing' && report.invalid > 0) {
    throw new KecardError('VALIDATION', 'Some rows are not valid; nothing was imported.', {
      fields: { rows: 'invalidRows' },
      invalid: report.invalid,
      target: report.target,
      // The first rows and what is wrong with them: a script (the CLI) must not need a second, checking run to learn why.
      problems: report.problems.slice(0, 20),
    });
  }
}

export function pushListed(list: RowProblem[], problem: RowProblem): void {
  if (list.length < MAX_LISTED) list.push(problem);
}

// Sheets store numeric codes as numbers: 17850 comes back as 17850 or "17850.0".
const codeKey = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/^(\d+)\.0+$/, '$1');

export interface CustomerFinder {
  /** The live customer named by code (first) or by normalised name; null when there is none. */
  find(code: string, name: string): { id: string; name: string } | null;
}

export function customerFinder(ws: Workspace): CustomerFinder {
  const byKey = new Map<string, { id: string; name: string }>();
  for (const r of ws.db.prepare('SELECT id, name, code FROM customers WHERE deleted = 0').iterate() as IterableIterator<{
    id: string;
    name: string;
    code: string | null;
  }>) {
    const entry = { id: r.id, name: r.name };
    if (r.code && !byKey.has(`code:${codeKey(r.code)}`)) byKey.set(`code:${codeKey(r.code)}`, entry);
    if (!byKey.has(`name:${duplicateNameKey(r.name)}`)) byKey.set(`name:${duplicateNameKey(r.name)}`, entry);
  }
  return {
    find: (code, name) =>
      (code ? byKey.get(`code:${codeKey(code)}`) : undefined) ?? (name ? byKey.get(`name:${duplicateNameKey(name)}`) : undefined) ?? null,
  };
}

/** Staff by name (what sheets hold), for owner-like columns. */
export function staffByName(ws: Workspace): Map<string, string> {
  const rows = ws.db.prepare('SELECT name, id FROM employees WHERE deleted = 0').all() as { name: string; id: string }[];
  return new Map(rows.map((e) => [cellText(e.name), e.id]));
}
