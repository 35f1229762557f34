import { rmSync } from 'node:fs';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../db/workspace';
import { runContactQuery, runCustomerQuery } from '../query/run-query';
import { openTableFile, type ExportColumn } from './export-table';

/** A worksheet holds 1,048,576 rows, one of them the header; CSV has no limit. */
export const MAX_XLSX_ROWS = 1_048_575;

/** Rows read per step: progress and cancel come between steps. */
const PAGE = 5_000;

export interface QueryExportInput {
  definition: QueryDefinition;
  format: 'xlsx' | 'csv';
  columns: ExportColumn[];
  fileName: string;
}

export interface QueryExportHooks {
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Rows per step (default 5,000). */
  pageSize?: number;
  /** The caller's view of each row (per-field rules: hidden columns empty, masked ones masked). */
  present?: (row: Record<string, unknown>, entity: 'customer' | 'contact') => Record<string, unknown>;
}

/** The name the user gets: path separators and other characters Windows refuses become "_". */
export function exportFileName(input: Pick<QueryExportInput, 'fileName' | 'format'>): string {
  return `${input.fileName.replace(/[\\/:*?"<>|]/g, '_').replace(/\.(xlsx|csv)$/i, '')}.${input.format}`;
}

function page(ws: Workspace, definition: QueryDefinition, offset: number, limit: number): { total: number; rows: Record<string, unknown>[] } {
  const range = { offset, limit };
  if (definition.entity === 'contact') {
    const r = runContactQuery(ws, definition, range);
    return { total: r.total, rows: r.rows as unknown as Record<string, unknown>[] };
  }
  const r = runCustomerQuery(ws, definition, range);
  // Custom values sit under `custom`; columns name them by their column key (cf_…).
  return { total: r.total, rows: r.rows.map(({ custom, ...c }) => ({ ...custom, ...c })) };
}

/**
 * Writes a query's whole result to `path`, page by page in the result's order, inside one read
 * transaction so every page sees the same snapshot even while others write. Runs in the 'export'
 * job's worker; a cancel or an error removes the partial file.
 */
export async function exportQueryToFile(
  ws: Workspace,
  input: QueryExportInput,
  path: string,
  hooks: QueryExportHooks = {},
): Promise<{ fileName: string; rows: number }> {
  const fileName = exportFileName(input);
  const size = hooks.pageSize ?? PAGE;
  let writer: ReturnType<typeof openTableFile> | null = null;
  ws.db.exec('BEGIN');
  try {
    let done = 0;
    let total = 0;
    do {
      if (hooks.cancelled?.()) throw new KecardError('JOB_CANCELLED', 'Export cancelled.');
      const { total: t, rows } = page(ws, input.definition, done, size);
      total = t;
      if (input.format === 'xlsx' && total > MAX_XLSX_ROWS) {
        throw new KecardError('VALIDATION', `An Excel sheet holds at most ${MAX_XLSX_ROWS} rows; export CSV or narrow the query.`, {
          limit: MAX_XLSX_ROWS,
        });
      }
      writer ??= openTableFile(path, input.format, input.columns, fileName.replace(/\.(xlsx|csv)$/, ''));
      const present = hooks.present;
      writer.add(present ? rows.map((r) => present(r, input.definition.entity === 'contact' ? 'contact' : 'customer')) : rows);
      done += rows.length;
      hooks.onProgress?.(done, total);
      if (rows.length < size) break;
    } while (done < total);
    writer ??= openTableFile(path, input.format, input.columns, fileName.replace(/\.(xlsx|csv)$/, ''));
    await writer.finish();
    return { fileName, rows: done };
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  } finally {
    ws.db.exec('ROLLBACK');
  }
}
