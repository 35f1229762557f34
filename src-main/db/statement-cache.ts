import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Keeps the statements a connection prepares, by their SQL. Compiling a statement costs more than
 * running it for the small reads and writes Kecard does per row, and drizzle prepares one per call:
 * applying a bundle of 100,000 changes spent a third of its time in `prepare`. A statement comes
 * back with its modes reset (raw, pluck, expand); one that is still stepping (an iteration in
 * progress) is not shared, a fresh one is prepared instead.
 */
export function cacheStatements(db: Database.Database, capacity = 1000): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Most recently used last: the oldest goes first when the cache is full.
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const statement = prepare(source);
    if (!hit) {
      cache.set(source, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  };
  db.prepare = cached as typeof db.prepare;
}
