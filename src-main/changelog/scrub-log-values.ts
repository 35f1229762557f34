import { encodeId } from './log-codec';
import type { WriteTx } from './write-tx';

/** Whether a logged field of an entity holds personal data (the purge's rule, passed in). */
export type IsPersonalField = (entity: string, field: string) => boolean;

interface LogValues {
  rowid: number;
  entity: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/**
 * The one place that changes rows already in the change log. The log is append-only because
 * history, undo, the audit view and sync must be able to trust it; but a purge exists to make a
 * deleted customer's personal data unrecoverable, and the log holds every value the card ever
 * had. So, inside the purge's own transaction (the purge entry and the rewrite commit or roll
 * back together), the personal values of the log rows on that customer's card are set to null:
 * a field's old/new value, or the personal keys of a logged whole record. The rows themselves
 * stay (who changed what, when, and which field), and nothing else in them changes.
 * Returns how many log rows were rewritten.
 */
export function scrubLogValues(tx: WriteTx, customerId: string, isPersonal: IsPersonalField): number {
  const db = tx.ws.db;
  const rows = db
    .prepare(
      `SELECT n AS rowid, entity, field, old_value, new_value FROM change_log_entries
       WHERE n IN (SELECT n FROM change_log WHERE root_id = ? UNION SELECT n FROM change_log WHERE entity_id = ?)`,
    )
    .all(encodeId(customerId), encodeId(customerId)) as LogValues[];
  const write = db.prepare('UPDATE change_log SET old_value = ?, new_value = ? WHERE rowid = ?');
  let rewritten = 0;
  for (const row of rows) {
    const next = row.field === null ? scrubRecord(row, isPersonal) : scrubField(row, isPersonal);
    if (!next) continue;
    write.run(next[0], next[1], row.rowid);
    rewritten++;
  }
  return rewritten;
}

function scrubField(row: LogValues, isPersonal: IsPersonalField): [null, null] | null {
  if (row.field === null || !isPersonal(row.entity, row.field)) return null;
  return row.old_value === null && row.new_value === null ? null : [null, null];
}

function scrubRecord(row: LogValues, isPersonal: IsPersonalField): [string | null, string | null] | null {
  const oldValue = scrubJsonRecord(row.entity, row.old_value, isPersonal);
  const newValue = scrubJsonRecord(row.entity, row.new_value, isPersonal);
  return oldValue === row.old_value && newValue === row.new_value ? null : [oldValue, newValue];
}

/** A logged whole record with its personal keys set to null; other text is returned as it was. */
function scrubJsonRecord(entity: string, text: string | null, isPersonal: IsPersonalField): string | null {
  if (text === null) return null;
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return text;
  const record = value as Record<string, unknown>;
  let changed = false;
  for (const key of Object.keys(record)) {
    if (record[key] !== null && isPersonal(entity, key)) {
      record[key] = null;
      changed = true;
    }
  }
  return changed ? JSON.stringify(record) : text;
}
