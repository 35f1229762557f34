import { isTableEntity, ENTITY_TABLES } from '../../services/shared/entity-tables';
import { getTableName } from 'drizzle-orm';
import type { Entity } from '../../../src-shared/domain/change-log';
import { readRootChanges } from '../../changelog/apply/log-entries';
import { rewriteFromLog } from '../../changelog/apply/apply-change';
import { isLater } from '../../changelog/apply/field-stamps';
import { decodeId, encodeId } from '../../changelog/log-codec';
import type { WriteTx } from '../../changelog/write-tx';

// A store's side of partial replication (docs/sync-protocol.md, "Scopes"): a customer that left
// the store's scope is removed here with everything hanging from it; the log keeps its history
// (this site's part of it has gone to HQ already or goes with the next bundle). If it comes back,
// HQ sends the whole history again and the rows are rebuilt from the log.

const deferred = new WeakSet<WriteTx>();

export interface RemovedCustomer {
  id: string;
  name: string;
}

/**
 * Removes a customer's rows (every row whose create was logged under it as root), its search
 * document, classification snapshot rows and open conflicts, and logs the removal ('evict': other
 * sites log it and change nothing). Null when the customer is not here.
 */
export function removeCustomer(tx: WriteTx, customerId: string): RemovedCustomer | null {
  const db = tx.ws.db;
  const customer = db.prepare('SELECT seq, name FROM customers WHERE id = ?').get(customerId) as { seq: number; name: string } | undefined;
  if (!customer) return null;
  const rows = db
    .prepare(
      `SELECT DISTINCT e.name AS entity, l.entity_id AS id FROM change_log l JOIN log_names e ON e.n = l.entity
       WHERE l.root_id = ? AND l.op = 1`,
    )
    .all(encodeId(customerId)) as { entity: Entity; id: Buffer | string }[];
  // Children and parents go in one statement each; the references are checked at the commit.
  // SQLite resets the setting at each commit, so once per transaction is enough (it cost 85 µs a
  // customer when set for each).
  if (!deferred.has(tx)) {
    db.pragma('defer_foreign_keys = ON');
    deferred.add(tx);
  }
  db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(customer.seq);
  for (const row of rows) {
    if (!isTableEntity(row.entity) || row.entity === 'customer') continue;
    db.prepare(`DELETE FROM "${getTableName(ENTITY_TABLES[row.entity])}" WHERE id = ?`).run(decodeId(row.id));
  }
  db.prepare('DELETE FROM classification_snapshots WHERE customer_id = ?').run(customerId);
  db.prepare('DELETE FROM sync_conflicts WHERE root_id = ?').run(customerId);
  db.prepare('DELETE FROM customers WHERE id = ?').run(customerId);
  tx.log({ op: 'evict', entity: 'customer', entityId: customerId, rootId: customerId, newValue: { name: customer.name } });
  return { id: customerId, name: customer.name };
}

/** Whether this file's log has entries of a customer whose rows are not here (removed earlier). */
export function wasRemoved(tx: WriteTx, customerId: string): boolean {
  const db = tx.ws.db;
  if (db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) return false;
  return db.prepare('SELECT 1 FROM change_log WHERE root_id = ? LIMIT 1').get(encodeId(customerId)) !== undefined;
}

/** Puts a returning customer's rows back from every entry of its card, in stamp order. */
export function rebuildCustomer(tx: WriteTx, customerId: string): void {
  const entries = readRootChanges(tx.ws, customerId);
  entries.sort((a, b) => (isLater(a.origin, b.origin) ? 1 : isLater(b.origin, a.origin) ? -1 : a.n - b.n));
  for (const e of entries) rewriteFromLog(tx, e.change, e.origin);
}
