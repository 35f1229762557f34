import type { CustomFieldEntity } from '../../../src-shared/domain/custom-fields';
import type { Workspace } from '../../db/workspace';
import { CUSTOM_TABLE, safeColumn } from './field-registry';

// Indexes of "indexed" custom fields. The flag is metadata, written and logged through the
// services; the index itself is derived data that can always be rebuilt from the flag, so it is
// built outside the field's write: CREATE INDEX reads the whole table (6.6 s at 1M customers),
// while adding the column is instant. A build runs in the 'index' job (field-index-worker.ts);
// when the app stops before it finishes, the index is simply missing and the next open builds it.

export const indexName = (column: string) => `cfx_${safeColumn(column)}`;

export interface IndexTarget {
  fieldId: string;
  entity: CustomFieldEntity;
  columnName: string;
}

function indexSql(t: IndexTarget): string {
  const lead = t.entity === 'record' ? 'type_id, deleted' : 'deleted';
  return `CREATE INDEX IF NOT EXISTS ${indexName(t.columnName)} ON ${CUSTOM_TABLE[t.entity]} (${lead}, ${safeColumn(t.columnName)})`;
}

/** Names of the custom-field indexes present in the file. */
export function existingIndexes(ws: Workspace): Set<string> {
  return new Set(ws.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'cfx\\_%' ESCAPE '\\'`).pluck().all() as string[]);
}

/** Live indexed stored fields whose index is not built yet, oldest first. */
export function missingIndexes(ws: Workspace): IndexTarget[] {
  const have = existingIndexes(ws);
  const rows = ws.db
    .prepare(
      `SELECT id, entity, column_name FROM custom_fields
       WHERE indexed = 1 AND deleted = 0 AND purged = 0 AND type <> 'computedTotal' ORDER BY created_at, id`,
    )
    .all() as { id: string; entity: CustomFieldEntity; column_name: string }[];
  return rows.filter((r) => !have.has(indexName(r.column_name))).map((r) => ({ fieldId: r.id, entity: r.entity, columnName: r.column_name }));
}

function stillWanted(ws: Workspace, t: IndexTarget): boolean {
  return missingIndexes(ws).some((m) => m.fieldId === t.fieldId && m.columnName === t.columnName);
}

export interface BuildHooks {
  /** Asked between chunks of the read pass and once more before the build commits. */
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number, phase: 'reading' | 'building') => void;
  /**
   * Another writer (an import's one long transaction) holds the lock past busy_timeout: wait
   * this long and try again, unless cancelled. Without it a busy workspace fails the build.
   */
  pauseWhenBusy?: (ms: number) => void;
  /** Rows per step of the read pass (default 20,000). */
  chunk?: number;
}

export type BuildOutcome = 'built' | 'skipped' | 'cancelled';

/** Rows per step of the read pass: small enough for prompt progress and cancel. */
const CHUNK = 20_000;

/**
 * Builds one field's index. SQLite reports no progress inside CREATE INDEX and cannot be stopped
 * from here, so the slow part of it — reading the table's pages from disk — is done first, in
 * rowid ranges, where progress is reported, cancel is honoured and no lock is held; CREATE INDEX
 * then finds the pages in the cache. The build itself is one IMMEDIATE transaction that checks
 * again that the field still wants its index (it may have been turned off, deleted or purged
 * meanwhile) and rolls back if cancel arrived during it, so an index is either whole or absent.
 */
export function buildIndex(ws: Workspace, t: IndexTarget, hooks: BuildHooks = {}): BuildOutcome {
  const cancelled = hooks.cancelled ?? (() => false);
  if (!stillWanted(ws, t)) return 'skipped';
  const table = CUSTOM_TABLE[t.entity];
  const col = safeColumn(t.columnName);
  const range = ws.db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM ${table}`).get() as { lo: number | null; hi: number | null };
  const lo = range.lo ?? 0;
  const hi = range.hi ?? -1;
  const total = Math.max(0, hi - lo + 1);
  const read = ws.db.prepare(`SELECT count(${col}) FROM ${table} WHERE rowid BETWEEN ? AND ?`).pluck();
  hooks.onProgress?.(0, total, 'reading');
  const chunk = hooks.chunk ?? CHUNK;
  for (let from = lo; from <= hi; from += chunk) {
    if (cancelled()) return 'cancelled';
    read.get(from, Math.min(hi, from + chunk - 1));
    hooks.onProgress?.(Math.min(total, from + chunk - lo), total, 'reading');
  }
  const build = ws.db.transaction((): BuildOutcome => {
    if (!stillWanted(ws, t)) return 'skipped';
    ws.db.exec(indexSql(t));
    if (cancelled()) throw new BuildCancelled();
    return 'built';
  });
  for (;;) {
    if (cancelled()) return 'cancelled';
    hooks.onProgress?.(total, total, 'building');
    try {
      return build.immediate();
    } catch (err) {
      if (err instanceof BuildCancelled) return 'cancelled';
      if (!hooks.pauseWhenBusy || (err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      hooks.pauseWhenBusy(1_000);
    }
  }
}

class BuildCancelled extends Error {}

/** Builds every missing index in turn (the job's work; also used directly by the bench and tests). */
export function buildMissingIndexes(
  ws: Workspace,
  hooks: BuildHooks & { onField?: (t: IndexTarget) => void } = {},
): { built: string[]; cancelled: boolean } {
  const built: string[] = [];
  const tried = new Set<string>();
  // Re-read after each build: fields marked indexed while one was being built are picked up too.
  for (;;) {
    const next = missingIndexes(ws).find((m) => !tried.has(m.fieldId));
    if (!next) return { built, cancelled: false };
    tried.add(next.fieldId);
    hooks.onField?.(next);
    const outcome = buildIndex(ws, next, hooks);
    if (outcome === 'cancelled') return { built, cancelled: true };
    if (outcome === 'built') built.push(next.fieldId);
  }
}
