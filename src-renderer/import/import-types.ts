import type { MethodOutput } from '../../src-shared/contract/methods';
import type { DuplicateAction, ImportReport, ImportSettingsInput } from '../../src-shared/import/import-settings';

// The renderer's view of the import contract; the settings and the report are declared once in
// src-shared/import/import-settings.ts.

export type { DuplicateAction, DuplicateHit, ImportReport, RowProblem } from '../../src-shared/import/import-settings';
export type ImportTarget = ImportSettingsInput['target'];
export type Encoding = 'auto' | 'utf8' | 'gb18030' | 'utf16le';
export type Delimiter = 'auto' | ',' | '\t' | ';';
export type ImportMode = 'allOrNothing' | 'validRows';
export type Inspection = MethodOutput<'import.inspect'>;
export type MappingTemplate = MethodOutput<'import.templates'>[number];

export const DUPLICATE_ACTIONS: readonly DuplicateAction[] = ['skip', 'updateEmpty', 'overwrite', 'create'];

/** What a duplicate can become per target: a receipt has nothing to merge, a record's key is unique. */
export function duplicateActionsOf(target: ImportTarget): readonly DuplicateAction[] {
  if (target === 'receipts') return ['skip', 'create'];
  if (target === 'records') return ['skip', 'updateEmpty', 'overwrite'];
  return DUPLICATE_ACTIONS;
}
export const ENCODINGS: readonly Encoding[] = ['auto', 'utf8', 'gb18030', 'utf16le'];
export const DELIMITERS: readonly Delimiter[] = ['auto', ',', '\t', ';'];

export interface ReadOptions {
  encoding: Encoding;
  delimiter: Delimiter;
  sheet?: string;
}

/** What the wizard sends: the shared settings with the fields it always fills. */
export type ImportSettings = Required<
  Pick<ImportSettingsInput, 'target' | 'read' | 'mapping' | 'duplicateAction' | 'rowActions' | 'mode' | 'optionDecisions'>
> &
  Pick<ImportSettingsInput, 'headerRow' | 'businessTypeId' | 'recordKey'>;

/** job.finished's `result` is plain JSON: accept it as a report only when it has the report's shape. */
export function asReport(value: unknown): ImportReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<ImportReport>;
  const ok =
    typeof r.total === 'number' &&
    typeof r.valid === 'number' &&
    typeof r.invalid === 'number' &&
    Array.isArray(r.problems) &&
    Array.isArray(r.duplicates) &&
    Array.isArray(r.preview) &&
    Array.isArray(r.flags) &&
    typeof r.unknownOptions === 'object';
  return ok ? (value as ImportReport) : null;
}
