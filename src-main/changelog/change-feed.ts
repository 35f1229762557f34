import type { KecardEvent } from '../../src-shared/contract/events';
import type { Workspace } from '../db/workspace';
import { decodeId } from './log-codec';
import { withDependents } from './apply/entity-registry';

/** Beyond this many new entries, the event names the entities only (a whole import, a sync). */
const MAX_LISTED = 5_000;
const MAX_IDS = 500;

/**
 * The one source of `data.changed`. Every write is in the log, so the log's new entries are what
 * changed: their entities (plus what is derived from them: an order's total from its lines, a
 * record's expense total from its expenses) and the cards (root ids) they belong to become one
 * event. The router looks after every call it served (`poll()`, one rowid lookup when nothing
 * changed), and a timer twice a second catches writes made by anyone else on the file: the app's
 * own workers, the CLI, a second window or process.
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
      'SELECT e.name AS entity, coalesce(l.root_id, l.entity_id) AS id FROM change_log l JOIN log_names e ON e.n = l.entity WHERE l.n > ? AND l.n <= ?',
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
    if (top - from > MAX_LISTED) {
      this.emit({ type: 'data.changed', entities: withDependents(this.entities.all(from, top) as string[]) });
      return true;
    }
    const entities = new Set<string>();
    const ids = new Set<string>();
    for (const row of this.entries.all(from, top) as { entity: string; id: Buffer | string }[]) {
      entities.add(row.entity);
      ids.add(decodeId(row.id));
    }
    if (entities.size === 0) return false;
    this.emit({ type: 'data.changed', entities: withDependents([...entities]), ...(ids.size <= MAX_IDS ? { ids: [...ids] } : {}) });
    return true;
  }

  /** From now on: what the file held before it was opened was never news. */
  skipToNow(): boolean {
    try {
      this.seen = this.top.get() as number;
      return true;
    } catch (err) {
      // A damaged log: the file still opens (the integrity check reports the damage); no feed.
      console.error('[kecard] change feed not started', err);
      return false;
    }
  }

  start(intervalMs = 500): void {
    if (!this.skipToNow()) return;
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
