import type Database from 'better-sqlite3-multiple-ciphers';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LogWriter } from '../changelog/log-writer';
import { findSiteNumber } from '../changelog/site-identity';
import type { ExclusiveAccess } from './exclusive-access';
import type { WorkspaceIdentity } from './open-workspace';
import type * as schema from './schema';
import type { WorkspaceLock } from './workspace-lock';

export type Orm = BetterSQLite3Database<typeof schema>;

/** One open workspace file: its connection, identity and change-log writer. */
export class Workspace {
  private writer: LogWriter | null = null;

  constructor(
    readonly db: Database.Database,
    readonly orm: Orm,
    readonly path: string,
    readonly identity: WorkspaceIdentity,
    /** Written beside the file when this open migrated it; null otherwise. */
    readonly backupPath: string | null,
    /** The opener's workspace lock (app, shell, CLI); null in workers. */
    private lock: WorkspaceLock | null = null,
    /** The wall clock this connection stamps changes from (tests skew it). */
    private readonly wallClock: () => number = Date.now,
    /** Set when the owner holds the file exclusively (a network share). */
    private readonly exclusive: ExclusiveAccess | null = null,
  ) {}

  /** Whether the file is held exclusively (a network share): workers must borrow it, and give it back soon. */
  get heldExclusively(): boolean {
    return this.exclusive !== null;
  }

  /** Lets a worker thread's own connection in until the returned function is called. */
  lendToWorker(): () => void {
    return this.exclusive ? this.exclusive.lend() : () => {};
  }

  /** Made on first write: a read-only connection never prepares the log's statements. */
  get logWriter(): LogWriter {
    if (!this.writer) {
      const site = findSiteNumber(this.db, this.identity.siteId);
      if (site === null) throw new Error(`The log does not know this workspace's site ${this.identity.siteId}`);
      this.writer = new LogWriter(this.db, site, this.wallClock);
    }
    return this.writer;
  }

  get siteId(): string {
    return this.identity.siteId;
  }

  /** Says in the lock file where this app shares the workspace (null: not any more), for a second opener. */
  setLockHosting(hosting: { address: string; port: number; pairingCode: string } | null): void {
    this.lock?.setHosting(hosting);
  }

  /** Checkpoints and closes the file but keeps the lock: a restore replaces the file while holding it. */
  closeKeepingLock(): WorkspaceLock | null {
    const lock = this.lock;
    this.lock = null;
    this.close();
    return lock;
  }

  close(): void {
    this.closeFile();
    this.lock?.release();
    this.lock = null;
  }

  private closeFile(): void {
    if (this.db.open) {
      // Fold the WAL back so the single .kecard file is complete when copied or mailed. PASSIVE,
      // because workers open and close the file per request while main goes on writing: a
      // TRUNCATE checkpoint waits out main's writer and blocks new writers while it runs. The
      // last connection to close also removes the WAL (SQLite's own close does that).
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // a busy reader elsewhere only delays the checkpoint; closing is still safe
      }
      this.db.close();
    }
  }
}
