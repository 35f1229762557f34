import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The holder of a workspace on a network share keeps the file in SQLite's exclusive locking mode:
 * no other program, on this machine or another, reads or writes it behind the holder's back (the
 * workspace lock file only stops other Kecards), and SQLite skips a round trip to the file server
 * for a lock at every statement.
 *
 * Kecard's own worker threads (imports, reports, exports, indexes) open the file with connections
 * of their own, which that mode would lock out. So the holder lends the file while any of them
 * runs: normal locking (still a rollback journal, still only this process by the lock file) until
 * the last one is done, then exclusive again.
 */
export class ExclusiveAccess {
  private lent = 0;

  constructor(private readonly db: Database.Database) {
    db.pragma('locking_mode = EXCLUSIVE');
    this.take();
  }

  /** Whether the file is held exclusively right now (no worker has it). */
  get held(): boolean {
    return this.lent === 0;
  }

  /** Lends the file to a worker's connection until the returned function is called (once). */
  lend(): () => void {
    if (this.lent === 0 && this.db.open) releaseLocks(this.db);
    this.lent += 1;
    let returned = false;
    return () => {
      if (returned) return;
      returned = true;
      this.lent -= 1;
      if (this.lent === 0 && this.db.open) {
        this.db.pragma('locking_mode = EXCLUSIVE');
        this.take();
      }
    };
  }

  /**
   * Takes the exclusive lock now rather than at the next write. A worker's connection that has
   * not closed yet keeps it from happening: the holder's next write takes it then.
   */
  private take(): void {
    if (this.db.inTransaction) return;
    try {
      this.db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch {
      // busy: taken at the next write
    }
  }
}

/** Back in normal locking mode, the locks go at the end of the next access (or of the open transaction). */
function releaseLocks(db: Database.Database): void {
  db.pragma('locking_mode = NORMAL');
  if (!db.inTransaction) db.prepare('SELECT count(*) FROM sqlite_schema').get();
}
