import type Database from 'better-sqlite3';
import type { WriteTx } from '../write-tx';
import { encodeId } from '../log-codec';

/** A change's place in the merge order: its stamp, then its site id (the same on every site). */
export interface Stamp {
  hlc: number;
  siteId: string;
}

export function isLater(a: Stamp, b: Stamp): boolean {
  return a.hlc > b.hlc || (a.hlc === b.hlc && a.siteId > b.siteId);
}

/**
 * The latest stamp this file holds for one field of one row: its updates, or the create that set
 * every field. `field` null asks for the row's deleted flag (create, delete, restore). Read through
 * the (entity_id, field) index; a row has tens of entries, not millions.
 */
export function latestFieldStamp(tx: WriteTx, entityId: string, field: string | null): Stamp | null {
  const { nameNumber, stamps } = statementsOf(tx.ws.db);
  const fieldN = field === null ? null : (nameNumber.get(field) as number | undefined);
  const rows = stamps.all(encodeId(entityId), field, field, fieldN ?? -1) as Stamp[];
  let latest: Stamp | null = null;
  for (const row of rows) if (!latest || isLater(row, latest)) latest = row;
  return latest;
}

// Asked once per applied change (a bundle brings thousands): prepared once per connection.
const prepared = new WeakMap<Database.Database, { nameNumber: Database.Statement; stamps: Database.Statement }>();

function statementsOf(db: Database.Database) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = {
      nameNumber: db.prepare('SELECT n FROM log_names WHERE name = ?').pluck(),
      stamps: db.prepare(
        `SELECT l.hlc, s.site_id AS siteId FROM change_log l JOIN log_sites s ON s.n = l.site
         WHERE l.entity_id = ? AND (l.op = 1 OR (? IS NULL AND l.op IN (3, 4)) OR (? IS NOT NULL AND l.field = ? AND l.op = 2))`,
      ),
    };
    prepared.set(db, statements);
  }
  return statements;
}
