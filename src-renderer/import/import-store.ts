import { create } from 'zustand';
import type { UploadedFile } from '../api/upload';
import type { BusinessType } from '../../src-shared/domain/business';
import type { DuplicateAction, ImportMode, ImportReport, ImportTarget, Inspection, ReadOptions } from './import-types';

export type ImportStep = 'file' | 'source' | 'mapping' | 'check' | 'run';
export const STEPS: readonly ImportStep[] = ['file', 'source', 'mapping', 'check', 'run'];

export interface ImportJob {
  kind: 'check' | 'run';
  jobId: string | null;
  /** Bytes read of the file (job.progress counts bytes). */
  done: number;
  total: number;
  phase: string;
  startedAt: number;
  /** When the current phase began, for the rate (the backup phase does not read rows). */
  phaseStartedAt: number;
}

export interface ImportState {
  open: boolean;
  step: ImportStep;
  target: ImportTarget;
  /** Records: the business types to choose from, and the chosen one. */
  businessTypes: BusinessType[];
  businessTypeId: string | null;
  /** Records: the unique field (`custom:cf_…`) that identifies a record, or null for no duplicate check. */
  recordKey: string | null;
  file: UploadedFile | null;
  upload: { sent: number; total: number } | null;
  inspection: Inspection | null;
  read: ReadOptions;
  /** A header row the user typed; null = the detected one. */
  headerRow: number | null;
  mapping: Record<string, string | null>;
  duplicateAction: DuplicateAction;
  rowActions: Record<string, DuplicateAction>;
  mode: ImportMode;
  optionDecisions: Record<string, Record<string, string | null>>;
  /** The check's report (dry run) for the settings above; cleared when they change. */
  report: ImportReport | null;
  /** The real import's report. */
  result: ImportReport | null;
  job: ImportJob | null;
  cancelled: boolean;
  error: string | null;
  busy: boolean;
  set(patch: Partial<ImportState>): void;
}

export const initialImport = {
  open: false,
  step: 'file' as ImportStep,
  target: 'customers' as ImportTarget,
  businessTypes: [] as BusinessType[],
  businessTypeId: null,
  recordKey: null,
  file: null,
  upload: null,
  inspection: null,
  read: { encoding: 'auto', delimiter: 'auto' } as ReadOptions,
  headerRow: null,
  mapping: {},
  duplicateAction: 'skip' as DuplicateAction,
  rowActions: {},
  mode: 'allOrNothing' as ImportMode,
  optionDecisions: {},
  report: null,
  result: null,
  job: null,
  cancelled: false,
  error: null,
  busy: false,
};

/** The import wizard's state: one wizard at a time, reset when it opens. */
export const useImport = create<ImportState>((set) => ({
  ...initialImport,
  set: (patch) => set(patch),
}));
