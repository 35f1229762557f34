import type Database from 'better-sqlite3-multiple-ciphers';
import { HLC_COUNTER_SPAN } from './hlc';
import { LogDictionary } from './log-dictionary';
import { encodeId, encodeOptionalId, OP_CODES } from './log-codec';
import { siteNumber } from './site-identity';
import { SINGLETON_TABLES, singletonId } from './singleton-ids';
import type { ChangeOp } from '../../src-shared/domain/change-log';

interface LegacyRow {
  hlc: string;
  tx_id: string;
  at: string;
  site_id: string;
  user_id: string;
  user_name: string;
  op: ChangeOp;
  entity: string;
  entity_id: string;
  root_id: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  undo_of: string | null;
  source: string | null;
  effective_date: string | null;
}

export function hasLegacyLog(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log_v1'").get() !== undefined;
}

/**
 * Migration 0013's data step: the text log of schema 13 becomes the compact log, in one
 * transaction with the drop of the old table (an interrupted open leaves the old table and runs
 * this again). Entries keep their order (old stamps sorted as text are clock order); each gets
 * its site's next sequence number, an integer stamp above the one before, and its transaction's
 * number. Values are kept byte for byte.
 */
export function convertLegacyLog(db: Database.Database, localSiteId: string): number {
  return db
    .transaction(() => {
      db.prepare('DELETE FROM change_log').run(); // a previous, rolled-back attempt leaves nothing, but be sure
      const names = new LogDictionary(db);
      const sites = new Map<string, number>();
      const seqs = new Map<number, number>();
      const txs = new Map<string, number>();
      const insert = db.prepare(
        `INSERT INTO change_log (n, site, seq, hlc, tx, at, user, op, entity, entity_id, root_id, field, old_value, new_value, undo_of, effective_date, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      siteNumber(db, localSiteId);
      const reIds = giveSingletonsTheirIds(db);
      let n = 0;
      let last = 0;
      // In pages (a statement being iterated cannot share its connection with the inserts), in
      // stamp order by the old stamp index.
      const page = db.prepare('SELECT rowid AS r, * FROM change_log_v1 WHERE (hlc, rowid) > (?, ?) ORDER BY hlc, rowid LIMIT 5000');
      let after: [string, number] = ['', 0];
      for (;;) {
        const rows = page.all(...after) as (LegacyRow & { r: number })[];
        const lastRow = rows.at(-1);
        if (!lastRow) break;
        after = [lastRow.hlc, lastRow.r];
        for (const r of rows) {
          n += 1;
          let site = sites.get(r.site_id);
          if (site === undefined) {
            site = siteNumber(db, r.site_id);
            sites.set(r.site_id, site);
          }
          const seq = (seqs.get(site) ?? 0) + 1;
          seqs.set(site, seq);
          const m = /^(\d{15})-([0-9a-z]{6})-/.exec(r.hlc);
          const stamp =
            m?.[1] !== undefined && m[2] !== undefined ? Number(m[1]) * HLC_COUNTER_SPAN + Math.min(parseInt(m[2], 36), HLC_COUNTER_SPAN - 1) : 0;
          last = Math.max(stamp, last + 1);
          let tx = txs.get(r.tx_id);
          if (tx === undefined) {
            tx = n;
            txs.set(r.tx_id, n);
          }
          const at = Date.parse(r.at);
          insert.run(
            n,
            site,
            seq,
            last,
            tx,
            Number.isNaN(at) ? Math.floor(last / HLC_COUNTER_SPAN) : at,
            names.user(r.user_id, r.user_name),
            OP_CODES[r.op] ?? OP_CODES.update,
            names.name(r.entity),
            encodeId(reIds.get(r.entity_id) ?? r.entity_id),
            encodeOptionalId(r.root_id),
            r.field === null ? null : names.name(r.field),
            r.old_value,
            r.new_value,
            r.undo_of === null ? null : (txs.get(r.undo_of) ?? null),
            r.effective_date,
            r.source === null ? null : names.name(r.source),
          );
        }
      }
      db.prepare('INSERT INTO log_clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = max(hlc, excluded.hlc)').run(last);
      db.exec('DROP TABLE change_log_v1');
      return n;
    })
    .immediate();
}

/**
 * Rows there is one of per key got random ids before schema 14; they get their name-based ids
 * (singleton-ids.ts), so that the same row made on two sites merges into one. Deleted rows keep
 * theirs. Returns old id → new id for the log's entries.
 */
function giveSingletonsTheirIds(db: Database.Database): Map<string, string> {
  const reIds = new Map<string, string>();
  for (const { table, kind, key } of SINGLETON_TABLES) {
    const rows = db.prepare(`SELECT id, ${key.join(', ')} FROM ${table} WHERE deleted = 0`).all() as Record<string, string>[];
    const update = db.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`);
    for (const row of rows) {
      const id = singletonId(kind, ...key.map((k) => String(row[k])));
      if (id === row.id) continue;
      update.run(id, row.id);
      reIds.set(String(row.id), id);
    }
  }
  return reIds;
}
