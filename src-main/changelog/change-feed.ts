import type { KecardEvent } from '../../src-shared/contract/events';
import type { Workspace } from '../db/workspace';
import { decodeId } from './log-codec';

/** Beyond this many new entries, the event names the entities only (a whole import, a sync). */
const MAX_LISTED = 5_000;
const MAX_IDS = 500;

/**
 * Tells open screens about writes made by anyone else on the file: the app's own workers, the CLI,
 * a second window or process. Every write is in the log, so the log's new entries are what changed:
 * their entities and the cards (root ids) they belong to become one `data.changed`. Checked twice
 * a second (one rowid lookup), so another process's change shows within a second.
 * This connection's own transactions are left out: the router already announced them.
 */
export class ChangeFeed {
  private seen = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly top;
  private readonly entries;
  private readonly entities;

  constructor(
    private readonly ws: Workspace,
    private readonly emit: (event: KecardEvent) => void,
  ) {
    this.top = ws.db.prepare('SELECT coalesce(max(n), 0) FROM change_log').pluck();
    this.entries = ws.db.prepare(
      'SELECT e.name AS entity, l.tx AS tx, coalesce(l.root_id, l.entity_id) AS id FROM change_log l JOIN log_names e ON e.n = l.entity WHERE l.n > ? AND l.n <= ?',
    );
    this.entities = ws.db.prepare('SELECT DISTINCT e.name FROM change_log l JOIN log_names e ON e.n = l.entity WHERE l.n > ? AND l.n <= ?').pluck();
  }

  /** Announces what others wrote since the last look; returns whether there was anything. */
  poll(): boolean {
    const top = this.top.get() as number;
    // Lower: the file was replaced (a restore); the workspace is reopened and the feed with it.
    if (top <= this.seen) {
      this.seen = top;
      return false;
    }
    const from = this.seen;
    this.seen = top;
    const own = this.ws.takeOwnTransactions();
    if (top - from > MAX_LISTED) {
      this.emit({ type: 'data.changed', entities: this.entities.all(from, top) as string[] });
      return true;
    }
    const entities = new Set<string>();
    const ids = new Set<string>();
    for (const row of this.entries.all(from, top) as { entity: string; tx: number; id: Buffer | string }[]) {
      if (own.has(row.tx)) continue;
      entities.add(row.entity);
      ids.add(decodeId(row.id));
    }
    if (entities.size === 0) return false;
    this.emit({ type: 'data.changed', entities: [...entities], ...(ids.size <= MAX_IDS ? { ids: [...ids] } : {}) });
    return true;
  }

  start(intervalMs = 500): void {
    try {
      this.seen = this.top.get() as number;
    } catch (err) {
      // A damaged log: the file still opens (the integrity check reports the damage); no feed.
      console.error('[kecard] change feed not started', err);
      return;
    }
    this.timer ??= setInterval(() => {
      try {
        this.poll();
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        // Busy: the next look catches up. Anything else would repeat twice a second: stop.
        if (code.startsWith('SQLITE_BUSY') || !this.ws.db.open) return;
        console.error('[kecard] change feed stopped', err);
        this.stop();
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
