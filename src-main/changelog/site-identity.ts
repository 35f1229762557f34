import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';

/** Where a file's site came from when Kecard made the file as a copy of another (meta `copied_from`). */
export interface SiteOrigin {
  siteId: string;
  /** save copy, restore, … */
  how: 'copy' | 'restore';
  at: string;
}

/** The log's number for a site, added when new (inside a write transaction or on a private file). */
export function siteNumber(db: Database.Database, siteId: string): number {
  const found = db.prepare('SELECT n FROM log_sites WHERE site_id = ?').pluck().get(siteId) as number | undefined;
  if (found !== undefined) return found;
  return Number(db.prepare('INSERT INTO log_sites (site_id) VALUES (?)').run(siteId).lastInsertRowid);
}

/** Read-only: the site's number if the log knows it. */
export function findSiteNumber(db: Database.Database, siteId: string): number | null {
  return (db.prepare('SELECT n FROM log_sites WHERE site_id = ?').pluck().get(siteId) as number | undefined) ?? null;
}

/**
 * Gives a file Kecard just made from another (a saved copy, a restored backup) a site of its own.
 * Two files with one site id would both number new changes from the same point on, and a merge
 * could not tell their changes apart. The changes the file already holds keep their origin; the
 * old site id is remembered as `copied_from`. Runs on a file nobody else has open yet.
 */
export function forkSite(db: Database.Database, how: SiteOrigin['how'], now: Date = new Date()): { siteId: string; origin: SiteOrigin } {
  return db
    .transaction(() => {
      const old = db.prepare("SELECT value FROM meta WHERE key = 'site_id'").pluck().get() as string | undefined;
      if (!old) throw new Error('Not a workspace: it has no site id');
      const siteId = uuidv7();
      const origin: SiteOrigin = { siteId: old, how, at: now.toISOString() };
      db.prepare("UPDATE meta SET value = ? WHERE key = 'site_id'").run(siteId);
      db.prepare("INSERT INTO meta (key, value) VALUES ('copied_from', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
        JSON.stringify(origin),
      );
      // A backup from before schema 14 has no log_sites yet: its open registers the site after migrating.
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_sites'").get()) siteNumber(db, siteId);
      // A saved copy is a workspace of its own, not a second member of the original's sync network
      // (it would hold the original's keys under another site id).
      if (how === 'copy' && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_site'").get()) {
        db.exec("DELETE FROM sync_bundles; DELETE FROM sync_partners; DELETE FROM sync_site; DELETE FROM meta WHERE key = 'site_code';");
      }
      return { siteId, origin };
    })
    .immediate();
}

export function siteOrigin(db: Database.Database): SiteOrigin | null {
  const text = db.prepare("SELECT value FROM meta WHERE key = 'copied_from'").pluck().get() as string | undefined;
  return text ? (JSON.parse(text) as SiteOrigin) : null;
}

/**
 * Site → highest sequence number held. Sequences are contiguous: a site numbers its own changes
 * under the write lock, and a change from elsewhere is only ever applied in order (issue 18's
 * apply refuses a gap), so "highest" is "everything up to".
 */
export function versionVector(db: Database.Database): Record<string, number> {
  const rows = db
    .prepare('SELECT s.site_id AS siteId, (SELECT max(seq) FROM change_log WHERE site = s.n) AS seq FROM log_sites s ORDER BY s.n')
    .all() as { siteId: string; seq: number | null }[];
  const vector: Record<string, number> = {};
  for (const r of rows) vector[r.siteId] = r.seq ?? 0;
  return vector;
}

/**
 * Whether two files claiming one site id have each gone their own way: same site, but one holds
 * changes of that site the other has numbered differently. Compares the entries both hold at the
 * highest sequence they share (their hash); call it wherever two files meet (restore, sync).
 */
export function sameSiteDiverged(a: Database.Database, b: Database.Database, siteId: string): boolean {
  const sa = findSiteNumber(a, siteId);
  const sb = findSiteNumber(b, siteId);
  if (sa === null || sb === null) return false;
  const top = (db: Database.Database, site: number) =>
    db.prepare('SELECT coalesce(max(seq), 0) FROM change_log WHERE site = ?').pluck().get(site) as number;
  const shared = Math.min(top(a, sa), top(b, sb));
  if (shared === 0) return false;
  // Spelled out (the view): each file numbers field names its own way in stored creates.
  const entry = (db: Database.Database) => {
    const row = db
      .prepare('SELECT hlc, op, entity_id, field, old_value, new_value FROM change_log_entries WHERE site_id = ? AND seq = ?')
      .raw(true)
      .get(siteId, shared) as [number, string, string, string | null, string | null, string | null];
    return JSON.stringify([...row.slice(0, 4), canonicalJson(row[4]), canonicalJson(row[5])]);
  };
  return entry(a) !== entry(b);
}

/** JSON text with object keys sorted, so two spellings of one value compare equal. */
function canonicalJson(text: string | null): string | null {
  if (text === null) return null;
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(text)));
}
