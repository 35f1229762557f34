import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Runs `fn` with a larger SQLite page cache on this connection, restored afterwards (the
 * connection may be the app's own). A bulk write in one transaction (a large bundle's apply)
 * inserts at random positions of many indexes, touches far more pages than the default 2 MB
 * holds, and spills them to the WAL mid-transaction only to read them back: the import and the
 * demo generator do the same (run-import.ts, generate-demo.ts). `kib` 0: the connection's own.
 */
export function withPageCache<T>(db: Database.Database, kib: number, fn: () => T): T {
  if (kib === 0) return fn();
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-Math.abs(kib)}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}
