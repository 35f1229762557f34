import type Database from 'better-sqlite3-multiple-ciphers';
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

/**
 * A record's version as a save sends it back: the arrival number (`n`) of the latest entry this
 * file holds for any of `entityIds` (an order and its lines), 0 for none. The arrival order, not
 * the hlc: a bundle applied after the card was read may bring a change stamped earlier than
 * what was read (the other site's clock), which "changed since this version" must still count.
 */
export function recordVersion(db: Database.Database, entityIds: readonly string[]): number {
  let version = 0;
  const latest = versionStatement(db);
  for (const id of entityIds) version = Math.max(version, (latest.get(encodeId(id)) as number | null) ?? 0);
  return version;
}

/** One update of a field, logged after a version: what the save-conflict check reads. */
export interface FieldChangeSince {
  n: number;
  at: number;
  userId: string;
  userName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** The updates of one field of one row logged after `version` (arrival order), oldest first. */
export function fieldChangesSince(db: Database.Database, entityId: string, field: string, version: number): FieldChangeSince[] {
  const { nameNumber } = statementsOf(db);
  const fieldN = nameNumber.get(field) as number | undefined;
  if (fieldN === undefined) return [];
  return changesSinceStatement(db).all(encodeId(entityId), fieldN, version) as FieldChangeSince[];
}

/** Whether any entry (a line created, changed or deleted) of these rows was logged after `version`. */
export function changedSince(db: Database.Database, entityIds: readonly string[], version: number): boolean {
  return recordVersion(db, entityIds) > version;
}

const versionStatements = new WeakMap<Database.Database, Database.Statement>();
const changesStatements = new WeakMap<Database.Database, Database.Statement>();

function versionStatement(db: Database.Database): Database.Statement {
  let statement = versionStatements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT max(n) FROM change_log WHERE entity_id = ?').pluck();
    versionStatements.set(db, statement);
  }
  return statement;
}

function changesSinceStatement(db: Database.Database): Database.Statement {
  let statement = changesStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `SELECT l.n, l.at, u.user_id AS userId, u.user_name AS userName, l.old_value AS oldValue, l.new_value AS newValue
       FROM change_log l JOIN log_users u ON u.n = l.user
       WHERE l.entity_id = ? AND l.field = ? AND l.op = 2 AND l.n > ? ORDER BY l.n`,
    );
    changesStatements.set(db, statement);
  }
  return statement;
}

/** The latest entry of any of these rows logged after `version`, with who and when; null for none. */
export function latestChangeSince(
  db: Database.Database,
  entityIds: readonly string[],
  version: number,
): Omit<FieldChangeSince, 'oldValue' | 'newValue'> | null {
  let latest: Omit<FieldChangeSince, 'oldValue' | 'newValue'> | null = null;
  const statement = db.prepare(
    `SELECT l.n, l.at, u.user_id AS userId, u.user_name AS userName FROM change_log l JOIN log_users u ON u.n = l.user
     WHERE l.entity_id = ? AND l.n > ? ORDER BY l.n DESC LIMIT 1`,
  );
  for (const id of entityIds) {
    const row = statement.get(encodeId(id), version) as Omit<FieldChangeSince, 'oldValue' | 'newValue'> | undefined;
    if (row && (!latest || row.n > latest.n)) latest = row;
  }
  return latest;
}
