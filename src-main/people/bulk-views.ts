import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { actorOf, appendAudit } from './audit-log';

// Bulk views of customers (the customer list, a query's results) are audited with their row
// count when a list is launched — its first page (offset 0) — not per page scrolled. A list
// refetches its first page on every data.changed, re-sort and window focus, so the same user,
// list and filter within WINDOW_MS count as the same launch: otherwise one afternoon of editing
// would bury the trail in identical rows.

const WINDOW_MS = 10 * 60_000;

export class BulkViewLog {
  private readonly last = new Map<string, number>();

  /** `key` tells one launch from another (the search text, the query definition); `subject` names the list. */
  note(ws: Workspace, ctx: CallContext, subject: 'customerList' | 'query', key: string, total: number, now = Date.now()): void {
    const id = `${ws.path}\u0000${ctx.userId}\u0000${subject}\u0000${key}`;
    const seen = this.last.get(id);
    if (seen !== undefined && now - seen < WINDOW_MS) return;
    appendAudit(ws, {
      action: 'customersViewed',
      actor: actorOf(ctx),
      rowCount: total,
      detail: { what: subject, ...(key ? { filter: key.slice(0, 2000) } : {}) },
    });
    // Marked only once the row is written: a write refused as busy is retried, and must not find
    // the launch already counted.
    this.last.set(id, now);
    if (this.last.size > 1000) this.forgetOlderThan(now - WINDOW_MS);
  }

  private forgetOlderThan(limit: number): void {
    for (const [id, at] of this.last) if (at < limit) this.last.delete(id);
  }
}

const logs = new WeakMap<object, BulkViewLog>();

/** One log per app host: the customer list and the query handlers share it. */
export function bulkViewsOf(host: object): BulkViewLog {
  let log = logs.get(host);
  if (!log) {
    log = new BulkViewLog();
    logs.set(host, log);
  }
  return log;
}
