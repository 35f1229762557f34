import type Database from 'better-sqlite3-multiple-ciphers';
import { HybridClock } from './hlc';
import { LogDictionary } from './log-dictionary';

/**
 * A connection's means of appending to the change log: its prepared statements, name numbers and
 * clock. The clock is one per workspace, not per connection: every write transaction first
 * observes the file's latest stamp (log_clock, written by whichever connection, thread or process
 * wrote last) and leaves its own latest stamp there before it commits.
 */
export class LogWriter {
  readonly clock: HybridClock;
  readonly names: LogDictionary;
  readonly insert;
  /** Whether (site, seq) is in the log already. */
  readonly hasEntry;
  /** The transaction (`tx`) of the entry (site, seq). */
  readonly txOfEntry;
  private readonly readClock;
  private readonly writeClock;

  constructor(
    db: Database.Database,
    /** log_sites.n of this file's own site. */
    public localSite: number,
    now: () => number = Date.now,
  ) {
    this.clock = new HybridClock(now);
    this.names = new LogDictionary(db);
    // seq: a local change takes the next of this site, read under the write lock, so contiguous
    // whatever rolled back; a change from elsewhere keeps its origin's.
    // tx: the first entry's own n (the rowid SQLite gives the next row), then that number.
    this.insert = db.prepare(
      `INSERT INTO change_log (site, seq, hlc, tx, at, user, op, entity, entity_id, root_id, field, old_value, new_value, undo_of, effective_date, source)
       VALUES (:site, coalesce(:seq, (SELECT coalesce(max(seq), 0) + 1 FROM change_log WHERE site = :site)), :hlc,
               coalesce(:tx, (SELECT coalesce(max(n), 0) + 1 FROM change_log)),
               :at, :user, :op, :entity, :entityId, :rootId, :field, :oldValue, :newValue, :undoOf, :effectiveDate, :source)`,
    );
    this.hasEntry = db.prepare('SELECT 1 FROM change_log WHERE site = ? AND seq = ?').pluck();
    this.txOfEntry = db.prepare('SELECT tx FROM change_log WHERE site = ? AND seq = ?').pluck();
    this.readClock = db.prepare('SELECT hlc FROM log_clock WHERE id = 1').pluck();
    this.writeClock = db.prepare('INSERT INTO log_clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = max(hlc, excluded.hlc)');
  }

  /** At the start of a write transaction (the write lock held): catch up with the file's clock. */
  observeFileClock(): void {
    const stamp = this.readClock.get() as number | undefined;
    if (stamp !== undefined) this.clock.observe(stamp);
  }

  /** Before the transaction commits: the file's clock is at least this connection's. */
  publishClock(): void {
    this.writeClock.run(this.clock.latest);
  }
}
