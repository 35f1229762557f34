import type Database from 'better-sqlite3';

/** UNC paths (\\server\share, //server/share): WAL's shared memory does not work across machines. */
export function isNetworkPath(path: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/]/.test(path);
}

export function applyPragmas(db: Database.Database, path: string): void {
  // WAL lets the UI read while a job writes. On a network share it would corrupt the file when two
  // machines open it, so fall back to a rollback journal there.
  db.pragma(`journal_mode = ${isNetworkPath(path) ? 'DELETE' : 'WAL'}`);
  // NORMAL in WAL mode survives an app crash without losing committed work; a power cut may lose
  // the last moments but never corrupts the file. FULL costs an fsync per write, which a data-entry
  // app feels and the backups already cover.
  db.pragma(`synchronous = ${isNetworkPath(path) ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('foreign_keys could not be enabled');
  // Deleted or overwritten content is zeroed wherever that costs no extra write (inside pages
  // written anyway), so old values do not linger in live pages for a purge to miss (see
  // purge-customer.ts, which also clears the free pages).
  db.pragma('secure_delete = FAST');
}
