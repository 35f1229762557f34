import { closeSync, writeSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatPhone } from '../../../src-shared/validation/phone-form';
import { neutralizeCsvCell } from './neutralize';
import { createPrivateWriteStream, openPrivateForWrite } from '../../files/private-files';

export interface ExportColumn {
  key: string;
  header: string;
  /** How the value is written: dates and timestamps become real spreadsheet dates. */
  kind?: 'text' | 'number' | 'date' | 'datetime' | 'list';
  /** Stored value → the label the user sees (enum codes, option values), applied before writing. */
  labels?: Record<string, string>;
}

const PHONE_KEYS = new Set(['phones', 'mobile', 'phone']);

/** A row's value for a column: labels applied element-wise, so lists of option values read as labels too. */
function labelled(row: Record<string, unknown>, c: ExportColumn): unknown {
  const v: unknown = row[c.key];
  // Phones are written as they are read (138 1234 5678); import reads that form back to the stored one.
  if (PHONE_KEYS.has(c.key)) return Array.isArray(v) ? v.map((p) => formatPhone(String(p))) : typeof v === 'string' ? formatPhone(v) : v;
  const map = c.labels;
  if (!map) return v;
  const label = (x: unknown): unknown => (typeof x === 'string' || typeof x === 'number' ? (map[String(x)] ?? x) : x);
  return Array.isArray(v) ? v.map(label) : label(v);
}

type Cell = string | number | boolean | Date | null;

/**
 * A stored instant (UTC ISO) as the user's wall-clock time. Spreadsheet dates carry no zone and
 * exceljs writes a Date's UTC fields, so the instant is shifted by the local offset: 2026-12-06T01:30Z
 * reads 09:30 in Beijing, as it does in the app.
 */
function localWallClock(iso: string): Date | string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/** The same wall-clock time as text, for CSV: 2026-12-06 09:30:00. */
function localText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function cellValue(value: unknown, kind: ExportColumn['kind']): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'list' || Array.isArray(value)) return (value as unknown[]).join('、');
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00.000Z`);
  if (kind === 'datetime' && typeof value === 'string') return localWallClock(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

const columnSpec = (c: ExportColumn) => ({
  header: c.header,
  key: c.key,
  width: Math.min(40, Math.max(10, c.header.length * 2 + 4)),
  ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : c.kind === 'datetime' ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
});

function xlsxValues(columns: readonly ExportColumn[], row: Record<string, unknown>): Record<string, Cell> {
  const values: Record<string, Cell> = {};
  for (const c of columns) values[c.key] = cellValue(labelled(row, c), c.kind);
  return values;
}

/**
 * xlsx: every text is written as a typed string cell, which Excel never evaluates, so values
 * survive a round trip unchanged (a phone "+86…" stays "+86…"). Dates are real dates.
 */
export async function toXlsx(columns: readonly ExportColumn[], rows: readonly Record<string, unknown>[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kecard';
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(columnSpec);
  ws.getRow(1).font = { bold: true };
  // A plain JS string becomes a shared-string cell (t="s"); exceljs writes formulas only from
  // {formula} objects, so "=HYPERLINK(…)" typed into a name stays text.
  for (const row of rows) ws.addRow(xlsxValues(columns, row));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvHeader = (columns: readonly ExportColumn[]) => columns.map((c) => quote(neutralizeCsvCell(c.header))).join(',');

function csvLine(columns: readonly ExportColumn[], row: Record<string, unknown>): string {
  return columns
    .map((c) => {
      const v = cellValue(labelled(row, c), c.kind === 'date' ? 'text' : c.kind);
      if (v === null) return '';
      const text = v instanceof Date ? localText(v) : String(v);
      return quote(typeof v === 'string' ? neutralizeCsvCell(text) : text);
    })
    .join(',');
}

const CSV_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Rows written batch by batch to a file, so an export of any size never holds the whole table. */
export interface TableFileWriter {
  add(rows: readonly Record<string, unknown>[]): void;
  finish(): Promise<void>;
}

/**
 * The same xlsx cells as toXlsx, or CSV for Excel and WPS (UTF-8 with BOM, CRLF, RFC 4180 quoting,
 * formula triggers neutralised), streamed to `path`.
 */
export function openTableFile(path: string, format: 'xlsx' | 'csv', columns: readonly ExportColumn[], sheetName: string): TableFileWriter {
  if (format === 'csv') {
    const fd = openPrivateForWrite(path);
    writeSync(fd, CSV_BOM);
    writeSync(fd, `${csvHeader(columns)}\r\n`);
    return {
      add(rows) {
        if (rows.length > 0) writeSync(fd, rows.map((row) => `${csvLine(columns, row)}\r\n`).join(''));
      },
      finish: () => {
        closeSync(fd);
        return Promise.resolve();
      },
    };
  }
  // Our own stream, not `filename`: ExcelJS would create the file readable by every local user.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createPrivateWriteStream(path), useSharedStrings: true, useStyles: true });
  wb.creator = 'Kecard';
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(columnSpec);
  ws.getRow(1).font = { bold: true };
  return {
    add(rows) {
      for (const row of rows) ws.addRow(xlsxValues(columns, row)).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
