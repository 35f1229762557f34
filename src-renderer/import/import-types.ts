import type { MethodOutput } from '../../src-shared/contract/methods';

// The renderer's view of the import contract. The settings and the report are declared in
// src-main (import-settings.ts); the contract passes them as plain JSON, so their shape is
// repeated here for the screens (see the contract-gap note in the import README of the report).

export type ImportTarget = 'customers' | 'contacts' | 'orders' | 'products';
export type Encoding = 'auto' | 'utf8' | 'gb18030' | 'utf16le';
export type Delimiter = 'auto' | ',' | '\t' | ';';
export type DuplicateAction = 'skip' | 'updateEmpty' | 'overwrite' | 'create';
export type ImportMode = 'allOrNothing' | 'validRows';
export type Inspection = MethodOutput<'import.inspect'>;
export type MappingTemplate = MethodOutput<'import.templates'>[number];

export const DUPLICATE_ACTIONS: readonly DuplicateAction[] = ['skip', 'updateEmpty', 'overwrite', 'create'];
export const ENCODINGS: readonly Encoding[] = ['auto', 'utf8', 'gb18030', 'utf16le'];
export const DELIMITERS: readonly Delimiter[] = ['auto', ',', '\t', ';'];

export interface ReadOptions {
  encoding: Encoding;
  delimiter: Delimiter;
  sheet?: string;
}

export interface ImportSettings {
  target: ImportTarget;
  read: { encoding?: Encoding; delimiter?: Delimiter; sheet?: string };
  headerRow?: number;
  mapping: Record<string, string | null>;
  duplicateAction: DuplicateAction;
  rowActions: Record<string, DuplicateAction>;
  mode: ImportMode;
  optionDecisions: Record<string, Record<string, string | null>>;
}

export interface RowProblem {
  row: number;
  field: string;
  code: string;
  value: string;
}

export interface DuplicateHit {
  row: number;
  name: string;
  matchRow: number | null;
  matchId: string | null;
  matchName: string;
  key: string;
}

export interface ImportReport {
  fileName: string;
  target: ImportTarget;
  headerRow: number;
  headers: string[];
  mapping: Record<string, string | null>;
  total: number;
  valid: number;
  invalid: number;
  duplicates: DuplicateHit[];
  problems: RowProblem[];
  flags: RowProblem[];
  unknownOptions: Record<string, string[]>;
  preview: Record<string, unknown>[];
  written: { inserted: number; updated: number; skipped: number } | null;
}

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
