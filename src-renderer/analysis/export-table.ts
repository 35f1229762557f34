import { downloadBlob, exportName } from '../charts/chart-export';

export type Cell = string | number | null;
/** One worksheet: a header row and the data rows, values as they should be in the cells. */
export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** Writes the report's tables as an xlsx workbook (SheetJS, loaded only when first exported). */
export async function exportSheets(title: string, sheets: readonly Sheet[]): Promise<string> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  for (const s of sheets) {
    let name = s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
    while (used.has(name)) name = `${name.slice(0, 28)}_${used.size}`;
    used.add(name);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), name);
  }
  const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  const fileName = exportName(title, 'xlsx');
  downloadBlob(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), fileName);
  return fileName;
}

/** Fen as yuan with two decimals, a number for spreadsheets. */
export const yuan = (fen: number): number => Math.round(fen) / 100;
/** A share 0..1 as a percentage with one decimal. */
export const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
