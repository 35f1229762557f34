import type { Workspace } from '../../db/workspace';

// Customers whose quick-search document is not written yet. A large import writes its customers
// in one transaction but leaves their documents to the background 'index' job: the FTS5 insert
// was 40 % of the import's writing thread, and the documents are derived data that can always be
// rebuilt from the rows. The backlog is a list of customer seq ranges in `meta`, written in the
// import's own transaction, so it commits (or rolls back) with the customers it describes. While
// a range is pending, quick search also scans it directly (quick-search.ts), so nothing imported
// is unfindable, only slower to find; after a crash the next open resumes the job
// (index-pending-search.ts).
//
// Invariant: a customer in a pending range has NO document. Only indexPendingSearch writes one,
// from the row as it is then; reindexCustomer leaves pending customers alone.

export const SEARCH_BACKLOG_KEY = 'search.pending';

/** Inclusive [from, to] seq ranges, ascending, non-overlapping. */
export type SeqRange = readonly [number, number];

/** A range still being written by an open import: its end is not known until it finishes. */
export const OPEN_END = Number.MAX_SAFE_INTEGER;

export function pendingSearchRanges(ws: Workspace): SeqRange[] {
  const value = ws.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SEARCH_BACKLOG_KEY) as string | undefined;
  if (!value) return [];
  const parsed = JSON.parse(value) as unknown;
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (r): r is [number, number] => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] <= r[1],
  );
}

export function isSearchPending(ranges: readonly SeqRange[], seq: number): boolean {
  return ranges.some(([from, to]) => seq >= from && seq <= to);
}

export function saveRanges(ws: Workspace, ranges: readonly SeqRange[]): void {
  if (ranges.length === 0) ws.db.prepare('DELETE FROM meta WHERE key = ?').run(SEARCH_BACKLOG_KEY);
  else
    ws.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(SEARCH_BACKLOG_KEY, JSON.stringify(ranges));
}

/**
 * Customers from `fromSeq` on, written by the caller's open transaction, get no document now. Call
 * before the first such customer is written and `closeSearchBacklog` after the last, both inside
 * the same transaction (the import's), so a rollback takes the range away with the rows.
 */
export function openSearchBacklog(ws: Workspace, fromSeq: number): void {
  saveRanges(ws, [...pendingSearchRanges(ws).filter(([, to]) => to < fromSeq), [fromSeq, OPEN_END]]);
}

/** Ends the open range at the last customer written (or drops it when none was). */
export function closeSearchBacklog(ws: Workspace, lastSeq: number | null): void {
  const ranges = pendingSearchRanges(ws).flatMap(([from, to]): SeqRange[] => {
    if (to !== OPEN_END) return [[from, to]];
    return lastSeq !== null && lastSeq >= from ? [[from, lastSeq]] : [];
  });
  saveRanges(ws, ranges);
}
