import { z } from 'zod';
import type { MappingWarning } from './mapping-checks';
import type { UnmatchedRegion } from '../domain/region';

export const DUPLICATE_KEYS = ['name', 'code', 'taxId', 'mobile'] as const;
export const DUPLICATE_ACTIONS = ['skip', 'updateEmpty', 'overwrite', 'create'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];
export const IMPORT_TARGETS = ['customers', 'contacts', 'orders', 'receipts', 'products', 'records'] as const;
export type ImportTargetName = (typeof IMPORT_TARGETS)[number];

/** What the wizard decided; the same settings drive the check (dry run) and the real import. */
export const importSettings = z
  .object({
    target: z.enum(IMPORT_TARGETS),
    /** Records only: the business type the rows become records of. */
    businessTypeId: z.string().trim().min(1).max(64).optional(),
    /**
     * Records only: the type's unique field (`custom:cf_…`) that identifies a record, for finding
     * duplicates in the file and the workspace. Without it records are never duplicates.
     */
    recordKey: z
      .string()
      .regex(/^custom:cf_[a-z0-9_]+$/)
      .optional(),
    read: z
      .object({
        encoding: z.enum(['auto', 'utf8', 'gb18030', 'utf16le']).optional(),
        delimiter: z.enum(['auto', ',', '\t', ';']).optional(),
        sheet: z.string().max(100).optional(),
      })
      .strict()
      .default({}),
    /** 1-based row number of the header row; detected when absent. */
    headerRow: z.number().int().min(1).max(1000).optional(),
    /** Column index (0-based, as text) → target field (`name`, `phones`, `custom:cf_…`), or null to ignore. */
    mapping: z.record(z.string().regex(/^\d+$/), z.string().max(60).nullable()).optional(),
    duplicateKeys: z.array(z.enum(DUPLICATE_KEYS)).max(4).default(['name', 'code']),
    duplicateAction: z.enum(DUPLICATE_ACTIONS).default('skip'),
    /** Per-row decision overriding duplicateAction (row number in the sheet). */
    rowActions: z.record(z.string().regex(/^\d+$/), z.enum(DUPLICATE_ACTIONS)).default({}),
    mode: z.enum(['allOrNothing', 'validRows']).default('allOrNothing'),
    /** For select-like fields: what an unknown sheet value should become (null = leave empty). */
    optionDecisions: z.record(z.string(), z.record(z.string(), z.string().nullable())).default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.target === 'records' && !s.businessTypeId) ctx.addIssue({ code: 'custom', path: ['businessTypeId'], message: 'required' });
    if (s.target !== 'records' && (s.businessTypeId !== undefined || s.recordKey !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [s.businessTypeId !== undefined ? 'businessTypeId' : 'recordKey'], message: 'invalid' });
    }
  });
export type ImportSettings = z.infer<typeof importSettings>;
export type ImportSettingsInput = z.input<typeof importSettings>;

export interface RowProblem {
  row: number;
  field: string;
  code: string;
  value: string;
}

export interface DuplicateHit {
  row: number;
  name: string;
  /** Another row of the file (its row number) or an existing customer (its id). */
  matchRow: number | null;
  matchId: string | null;
  matchName: string;
  key: string;
}

export interface ImportReport {
  fileName: string;
  target: ImportSettings['target'];
  headerRow: number;
  headers: string[];
  mapping: Record<string, string | null>;
  total: number;
  valid: number;
  invalid: number;
  duplicates: DuplicateHit[];
  problems: RowProblem[];
  /** Converted but possibly changed (phones restored from numbers …), for the user to check. */
  flags: RowProblem[];
  unknownOptions: Record<string, string[]>;
  preview: Record<string, unknown>[];
  written: { inserted: number; updated: number; skipped: number } | null;
  /** Mappings that pass but most likely give wrong numbers (a 金额 column mapped to 单价). */
  warnings: MappingWarning[];
  /** Orders: the file's money column summed beside what will be imported, so a wrong mapping shows. */
  money: MoneyTotals | null;
  /** Customers: province/city/district values not in the division list (kept as written), most rows first. */
  unmatchedRegions?: UnmatchedRegion[];
  /** Rows read as a 合计 / 总计 / 小计 line (src-main/import/total-rows.ts): skipped, not counted, not problems. */
  skippedTotals: number[];
}

export interface MoneyTotals {
  /** The column read as money: 金额 when one is mapped, else 单价; and its header in the file. */
  field: 'amount' | 'unitPrice';
  header: string;
  /** That column summed over every data row whose cell reads as money, in fen. */
  fileFen: number;
  /** The line amounts that will be imported (rows without problems, not duplicates). */
  linesFen: number;
  /** The orders that will be imported, after their 整单优惠: the revenue they add. */
  ordersFen: number;
}
