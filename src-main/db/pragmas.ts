import type Database from 'better-sqlite3-multiple-ciphers';

export interface PragmaOptions {
  /**
   * The file is on a network file system (see file-system-kind.ts); null keeps the journal mode
   * the file has (workers: the holder of the workspace lock chose it, and detecting it costs a
   * `mount` or `net use` call on macOS and Windows at every open).
   */
  network: boolean | null;
  /**
   * How long a write waits for another connection's write lock. Workers may wait (they run off
   * the UI's path); main must not: busy_timeout blocks its event loop, so every window freezes.
   */
  busyTimeoutMs: number;
}

/** Workers wait this long for the write lock; main uses MAIN_BUSY_TIMEOUT_MS. */
export const WORKER_BUSY_TIMEOUT_MS = 5000;
/** Long enough for another connection's commit, short enough that nobody sees the UI freeze. */
export const MAIN_BUSY_TIMEOUT_MS = 200;

export function applyPragmas(db: Database.Database, options: PragmaOptions): void {
  // WAL lets the UI read while a job writes. Its shared-memory index does not work across
  // machines, so on a network share the file keeps a rollback journal (and the workspace lock
  // keeps a second machine out, see workspace-lock.ts).
  const current = String(db.pragma('journal_mode', { simple: true })).toUpperCase();
  const mode = options.network === null ? current : options.network ? 'DELETE' : 'WAL';
  if (current !== mode) db.pragma(`journal_mode = ${mode}`);
  // NORMAL in WAL mode survives an app crash without losing committed work; a power cut may lose
  // the last moments but never corrupts the file. FULL costs an fsync per write, which a data-entry
  // app feels and the backups already cover. A rollback journal needs FULL to be safe.
  db.pragma(`synchronous = ${mode === 'WAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('foreign_keys could not be enabled');
  // Deleted or overwritten content is zeroed wherever that costs no extra write (inside pages
  // written anyway), so old values do not linger in live pages for a purge to miss (see
  // purge-customer.ts, which also clears the free pages).
  db.pragma('secure_delete = FAST');
}
