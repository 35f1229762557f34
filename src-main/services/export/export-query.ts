import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../db/workspace';
import { runContactQuery, runCustomerQuery } from '../query/run-query';
import { toCsv, toXlsx, type ExportColumn } from './export-table';

/** Above this an export should run as a job writing to a file; the envelope carries the bytes. */
export const MAX_EXPORT_ROWS = 100_000;

export async function exportQuery(
  ws: Workspace,
  input: { definition: QueryDefinition; format: 'xlsx' | 'csv'; columns: ExportColumn[]; fileName: string },
): Promise<{ fileName: string; mimeType: string; base64: string; rows: number }> {
  const page = { offset: 0, limit: MAX_EXPORT_ROWS + 1 };
  const rows: Record<string, unknown>[] =
    input.definition.entity === 'contact'
      ? (runContactQuery(ws, input.definition, page).rows as unknown as Record<string, unknown>[])
      : // Custom values sit under `custom`; columns name them by their column key (cf_…).
        runCustomerQuery(ws, input.definition, page).rows.map(({ custom, ...c }) => ({ ...custom, ...c }));
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new KecardError('VALIDATION', `Exports are limited to ${MAX_EXPORT_ROWS} rows; narrow the query.`, { limit: MAX_EXPORT_ROWS });
  }
  const base = input.fileName.replace(/[\\/:*?"<>|]/g, '_').replace(/\.(xlsx|csv)$/i, '');
  if (input.format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv', base64: toCsv(input.columns, rows).toString('base64'), rows: rows.length };
  }
  const buffer = await toXlsx(input.columns, rows, base);
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buffer.toString('base64'),
    rows: rows.length,
  };
}
