import type { Workspace } from '../../db/workspace';
import { OPEN_END, pendingSearchRanges, saveRanges, type SeqRange } from './search-backlog';
import { searchDocument } from './search-index';

export interface SearchBacklogHooks {
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Another writer holds the lock past busy_timeout: wait this long and try again. */
  pauseWhenBusy?: (ms: number) => void;
  /** Customers per transaction (default 5,000): short enough not to keep other writers waiting. */
  chunk?: number;
}

/**
 * Writes the documents of every pending customer, a chunk per short transaction that also shrinks
 * the backlog, so a stop at any point loses nothing and repeats nothing. Open ranges (an import
 * still writing) are left alone. Returns the customers indexed and whether it was cancelled.
 */
export function indexPendingSearch(ws: Workspace, hooks: SearchBacklogHooks = {}): { indexed: number; cancelled: boolean } {
  const chunk = hooks.chunk ?? 5_000;
  const total = pendingSearchRanges(ws).reduce((n, [from, to]) => (to === OPEN_END ? n : n + to - from + 1), 0);
  const rows = ws.db.prepare(
    'SELECT seq, id, name, short_name, code, phones, email FROM customers WHERE seq BETWEEN ? AND ? AND deleted = 0 ORDER BY seq',
  );
  const contacts = ws.db.prepare('SELECT name, mobile, phone FROM contacts WHERE customer_id = ? AND deleted = 0');
  const insert = ws.db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (?, ?)');
  let done = 0;
  hooks.onProgress?.(0, total);
  const step = ws.db.transaction((): number => {
    // Read the backlog again inside the lock: another writer may have changed it meanwhile.
    const ranges = pendingSearchRanges(ws);
    const first = ranges.find(([, to]) => to !== OPEN_END);
    if (!first) return 0;
    const [from, to] = first;
    const end = Math.min(to, from + chunk - 1);
    for (const r of rows.all(from, end) as {
      seq: number;
      id: string;
      name: string;
      short_name: string | null;
      code: string | null;
      phones: string;
      email: string | null;
    }[]) {
      insert.run(r.seq, searchDocument(r, contacts.all(r.id) as { name: string; mobile: string | null; phone: string | null }[]));
    }
    saveRanges(
      ws,
      ranges.flatMap((r): SeqRange[] => (r === first ? (end < to ? [[end + 1, to]] : []) : [r])),
    );
    return end - from + 1;
  });
  for (;;) {
    if (hooks.cancelled?.()) return { indexed: done, cancelled: true };
    let n: number;
    try {
      n = step.immediate();
    } catch (err) {
      if (!hooks.pauseWhenBusy || (err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      hooks.pauseWhenBusy(1_000);
      continue;
    }
    if (n === 0) return { indexed: done, cancelled: false };
    done += n;
    hooks.onProgress?.(Math.min(done, total), total);
  }
}
