import type { CustomField } from '../../src-shared/domain/custom-fields';
import { cellText } from '../../src-shared/import/convert-cells';
import { normaliseHeader, suggestField, type ImportTarget } from '../../src-shared/import/header-synonyms';
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
  const source = openSource(path, read);
  const rows: Cell[][] = [];
  for await (const row of source.rows()) {
    rows.push(row);
    if (rows.length >= SCAN_ROWS + 10) break;
  }
  let best = { index: -1, score: 0 };
  rows.slice(0, SCAN_ROWS).forEach((row, index) => {
    const texts = row.map(cellText).filter(Boolean);
    const score = texts.filter((t) => suggestField(target, t) || customFields.some((f) => normaliseHeader(f.label) === normaliseHeader(t))).length;
    // A title row has one filled cell; a header row has several.
    if (score > best.score && texts.length >= 2) best = { index, score };
  });
  const detected = best.index >= 0 ? best.index : Math.max(0, rows.findIndex((r) => r.some((c) => cellText(c) !== '')));
  const headerIndex = headerRow !== undefined ? Math.min(headerRow - 1, Math.max(0, rows.length - 1)) : detected;
  const headers = (rows[headerIndex] ?? []).map(cellText);
  return {
    info: source.info,
    headerRow: headerIndex + 1,
    headers,
    sample: rows.slice(headerIndex + 1, headerIndex + 11).map((r) => headers.map((_, i) => cellText(r[i] ?? null))),
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
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    const custom = customFields.find((f) => normaliseHeader(f.label) === key);
    const field = Object.hasOwn(remembered, key) ? remembered[key] ?? null : custom ? `custom:${custom.columnName}` : suggestField(target, header);
    // Several phone columns may all feed `phones`; any other field takes its first column only.
    if (field && used.has(field) && field !== 'phones') mapping[String(i)] = null;
    else mapping[String(i)] = field;
    if (field) used.add(field);
  });
  return mapping;
}
