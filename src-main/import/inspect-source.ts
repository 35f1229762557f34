import type { CustomField } from '../../src-shared/domain/custom-fields';
import { cellText, cellWords } from '../../src-shared/import/convert-cells';
import { normaliseHeader, suggestField, type ImportTarget } from '../../src-shared/import/header-synonyms';
import { INSPECT_LIMITS, limitError, type ReadLimits } from './read-limits';
import { openSource, type Cell, type ReadOptions, type SourceInfo } from './read-rows';

export interface Inspection {
  info: SourceInfo;
  headerRow: number;
  headers: string[];
  /** The first rows below the header, as text. */
  sample: string[][];
  suggested: Record<string, string | null>;
}

const SCAN_ROWS = 30;
/** Rows read to inspect a file: those scanned for the header, and a sample below it. */
const HEAD_ROWS = SCAN_ROWS + 10;

/** The first rows of a file, and what reading them found (format, encoding, sheets). */
export interface SourceHead {
  info: SourceInfo;
  rows: Cell[][];
}

/**
 * Reads the first rows only (on a reader thread where this thread uses them, with one time
 * limit for the whole look: see reader-thread.ts).
 */
export async function readHead(
  path: string,
  read: ReadOptions,
  limits: ReadLimits = INSPECT_LIMITS,
  isCancelled?: () => boolean,
): Promise<SourceHead> {
  const source = openSource(path, read, { limits, maxRows: HEAD_ROWS, wholeTime: true, ...(isCancelled ? { isCancelled } : {}) });
  const rows: Cell[][] = [];
  for await (const row of source.rows()) {
    rows.push(row);
    if (rows.length >= HEAD_ROWS) break;
  }
  return { info: source.info, rows };
}

/**
 * Finds the header row — often below a title row or merged cells — as the early row whose cells
 * look most like known headers, and suggests a mapping: the user's saved mapping for the same
 * headers first, then synonyms, then custom field labels.
 */
export async function inspectSource(
  path: string,
  target: ImportTarget,
  read: ReadOptions,
  customFields: readonly CustomField[],
  remembered: Record<string, string | null> = {},
  headerRow?: number,
): Promise<Inspection> {
  return inspectHead(await readHead(path, read), target, customFields, remembered, headerRow);
}

/** The inspection of rows already read; a header cell past the header limit is refused. */
export function inspectHead(
  head: SourceHead,
  target: ImportTarget,
  customFields: readonly CustomField[],
  remembered: Record<string, string | null> = {},
  headerRow?: number,
  limits: ReadLimits = INSPECT_LIMITS,
): Inspection {
  const { rows } = head;
  let best = { index: -1, score: 0 };
  rows.slice(0, SCAN_ROWS).forEach((row, index) => {
    const texts = row.map(cellText).filter(Boolean);
    const score = texts.filter((t) => suggestField(target, t) || customFields.some((f) => normaliseHeader(f.label) === normaliseHeader(t))).length;
    // A title row has one filled cell; a header row has several.
    if (score > best.score && texts.length >= 2) best = { index, score };
  });
  const detected =
    best.index >= 0
      ? best.index
      : Math.max(
          0,
          rows.findIndex((r) => r.some((c) => cellText(c) !== '')),
        );
  const headerIndex = headerRow !== undefined ? Math.min(headerRow - 1, Math.max(0, rows.length - 1)) : detected;
  const headers = (rows[headerIndex] ?? []).map(cellText);
  const long = headers.findIndex((h) => h.length > limits.headerChars);
  if (long >= 0) throw limitError('headerChars', limits.headerChars, { row: headerIndex + 1, column: long + 1 });
  return {
    info: head.info,
    headerRow: headerIndex + 1,
    headers,
    // The sample shows cells as written (full-width brackets and letters kept), as the import stores names.
    sample: rows.slice(headerIndex + 1, headerIndex + 11).map((r) => headers.map((_, i) => cellWords(r[i] ?? null))),
    suggested: suggestMapping(target, headers, customFields, remembered),
  };
}

export function suggestMapping(
  target: ImportTarget,
  headers: readonly string[],
  customFields: readonly CustomField[],
  remembered: Record<string, string | null> = {},
): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  const used = new Set<string>();
  const carried = target === 'customers' ? carriedContactColumns(headers) : null;
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    const custom = customFields.find((f) => normaliseHeader(f.label) === key);
    const suggested = carried?.get(key) ?? suggestField(target, header);
    const field = Object.hasOwn(remembered, key) ? (remembered[key] ?? null) : custom ? `custom:${custom.columnName}` : suggested;
    // Several phone columns may all feed `phones`; any other field takes its first column only.
    if (field && used.has(field) && field !== 'phones') mapping[String(i)] = null;
    else mapping[String(i)] = field;
    if (field) used.add(field);
  });
  return mapping;
}

/** Bare headers of a contact's columns on a customer sheet, by normalised header. */
const BARE_CONTACT: Record<string, 'contactName' | 'contactMobile' | 'contactTitle'> = {
  联系人: 'contactName',
  contact: 'contactName',
  手机: 'contactMobile',
  手机号: 'contactMobile',
  手机号码: 'contactMobile',
  移动电话: 'contactMobile',
  mobile: 'contactMobile',
  职务: 'contactTitle',
  职位: 'contactTitle',
  title: 'contactTitle',
};

/**
 * A customer sheet with a 联系人 column carries a contact per row: the bare 联系人/手机/职务 next
 * to it are that person's name, mobile and title (the company's numbers stay in 电话/座机/公司电话).
 * Without a name column a bare 手机 stays the customer's phone — a contact needs a name, so a
 * sheet of 客户名称/手机/电话 (the customer's mobile and landline) is read as before.
 */
function carriedContactColumns(headers: readonly string[]): Map<string, string> | null {
  const keys = headers.map(normaliseHeader);
  const named = keys.some((k) => BARE_CONTACT[k] === 'contactName' || suggestField('customers', k) === 'contactName');
  if (!named) return null;
  return new Map(keys.flatMap((k) => (Object.hasOwn(BARE_CONTACT, k) ? [[k, BARE_CONTACT[k] as string] as const] : [])));
}
