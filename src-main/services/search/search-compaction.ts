import type { Workspace } from '../../db/workspace';

// The quick-search index is a contentless FTS5 table with contentless_delete=1: deleting a
// document writes a tombstone, and its terms stay in the index's segments until those segments
// are merged. FTS5's 'secure-delete' and 'delete' need the document's text, which a contentless
// table does not have (tested on SQLite 3.53: the 'delete' command is refused for
// contentless_delete tables, 'secure-delete' leaves the terms). So a purged customer's terms
// leave only by a merge, which rewrites the whole index: 'optimize' did that in one statement, in
// the purge's transaction on main (2.2 s at 200k customers). Here the merge runs as FTS5's
// incremental 'merge' in small steps, each its own short transaction, main's event loop answering
// between them. The request is kept in `meta` in the purge's own transaction, so a merge cut
// short by a crash is finished at the next open.

export const SEARCH_COMPACT_KEY = 'search.compactPending';

/** Pages one merge step writes: tens of milliseconds on a laptop disk. */
const PAGES_PER_STEP = 64;
/** How long a step waits for another writer before trying again. */
const BUSY_PAUSE_MS = 50;

export function requestSearchCompaction(ws: Workspace): void {
  ws.db.prepare("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(SEARCH_COMPACT_KEY);
}

export function searchCompactionPending(ws: Workspace): boolean {
  return ws.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEARCH_COMPACT_KEY) !== undefined;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Merges the search index down to one segment, dropping every tombstoned document's terms, a few
 * pages per step. Returns false if the workspace was closed meanwhile (the request stays).
 */
export async function compactSearchIndex(ws: Workspace, pagesPerStep = PAGES_PER_STEP): Promise<boolean> {
  const merge = ws.db.prepare("INSERT INTO customer_search (customer_search, rank) VALUES ('merge', ?)");
  const changes = ws.db.prepare('SELECT total_changes()').pluck();
  for (;;) {
    // Main answers what is waiting first (the purge's own reply among it), then each step.
    await nextTurn();
    if (!ws.db.open) return false;
    const before = changes.get() as number;
    try {
      merge.run(-pagesPerStep);
    } catch (err) {
      if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw err;
      await pause(BUSY_PAUSE_MS);
      continue;
    }
    // FTS5's own test for "nothing left to merge": a step that wrote at most its structure record.
    if ((changes.get() as number) - before < 2) break;
  }
  if (!ws.db.open) return false;
  ws.db.prepare('DELETE FROM meta WHERE key = ?').run(SEARCH_COMPACT_KEY);
  return true;
}
