import { canonicalPhone } from '../validation/phone-form';
import { parseDateText } from '../validation/date-text';

// Turns cell values into what the sheet meant. Each converter returns the value or a problem code;
// `flag` marks values that were converted but may have lost information (phones Excel stored as
// numbers in scientific notation).

export type Converted<T> = { ok: true; value: T; flag?: string } | { ok: false; code: string };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Plain text of a cell: NFKC folds full-width digits, letters and spaces. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string')
    return v
      .normalize('NFKC')
      .replace(/\u3000/g, ' ')
      .trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return JSON.stringify(v);
}

/**
 * A value as a problem row shows it, in words: lists joined with 、, a day as YYYY-MM-DD, never
 * JSON. The user reads it next to the sheet, so it is the cell's text, not an internal form.
 */
export function problemValue(v: unknown): string {
  if (Array.isArray(v))
    return v
      .map(problemValue)
      .filter((s) => s !== '')
      .join('、');
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  if (v !== null && typeof v === 'object') return '';
  // As written: the user looks for this text in the sheet (ＡＢＣ贸易, not ABC贸易).
  return cellWords(v);
}

/**
 * Free text (names, addresses, notes) as the user wrote it: only the ends trimmed. Full-width
 * brackets, letters and spaces stay (华为技术（深圳）有限公司 is not 华为技术(深圳)有限公司); duplicates
 * are found on `duplicateNameKey`, which folds them, without changing what is stored.
 */
export function cellWords(v: unknown): string {
  return typeof v === 'string' ? v.trim() : cellText(v);
}

/** Dates as the sheet meant them: Excel serials, Date cells, and the text forms of parseDateText (2023年5月1日, 2023/5/1, 20230501, …). */
export function toCalendarDate(v: unknown): Converted<string | null> {
  if (v === null || v === undefined || v === '') return { ok: true, value: null };
  if (v instanceof Date) return { ok: true, value: v.toISOString().slice(0, 10) };
  if (typeof v === 'number') {
    if (v > 59 && v < 2958466) return { ok: true, value: new Date(EXCEL_EPOCH_MS + Math.floor(v) * 86_400_000).toISOString().slice(0, 10) };
    if (v >= 19000101 && v <= 21001231) return toCalendarDate(String(v));
    return { ok: false, code: 'date' };
  }
  const s = cellText(v);
  if (/^\d+(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s)) return toCalendarDate(Number(s));
  return parseDateText(s);
}

/**
 * Phones Excel turned into numbers: 13812345678 comes back intact, but 1.38123E+10 lost digits
 * and a landline's leading 0 is gone (1062345678 was 010-62345678). The first is refused, the
 * second restored when the digits fit a Chinese area code, and flagged either way.
 */
export function toPhone(v: unknown): Converted<string | null> {
  if (v === null || v === undefined || v === '') return { ok: true, value: null };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { ok: false, code: 'phoneLost' };
    return restoreLeadingZero(String(v));
  }
  const s = cellText(v);
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, code: 'phoneLost' };
  return { ok: true, value: canonicalPhone(s) };
}

function restoreLeadingZero(digits: string): Converted<string> {
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, value: digits };
  // Landlines: area codes start with 0; a 9–11 digit number starting 1–9 lost that 0.
  if (/^[1-9]\d{8,10}$/.test(digits)) {
    const withZero = `0${digits}`;
    const area = /^0(10|2\d)/.test(withZero) ? withZero.slice(0, 3) : withZero.slice(0, 4);
    return { ok: true, value: `${area}-${withZero.slice(area.length)}`, flag: 'phoneLeadingZero' };
  }
  return { ok: true, value: digits, flag: 'phoneNumeric' };
}

export function toYesNo(v: unknown): Converted<boolean | null> {
  if (v === null || v === undefined || v === '') return { ok: true, value: null };
  if (typeof v === 'boolean') return { ok: true, value: v };
  const s = cellText(v).toLowerCase();
  if (['是', '对', '有', 'y', 'yes', 'true', '1', '√', '✓'].includes(s)) return { ok: true, value: true };
  if (['否', '不', '无', '没有', 'n', 'no', 'false', '0', '×', '✗'].includes(s)) return { ok: true, value: false };
  return { ok: false, code: 'invalid' };
}

/** Name key for duplicate detection: full-width folded, spaces and brackets unified, case folded. */
export function duplicateNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}
