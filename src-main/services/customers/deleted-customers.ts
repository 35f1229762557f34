import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { encodeId, OP_CODES } from '../../changelog/log-codec';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { scopeParams, scopeWhere } from '../../people/record-scope';
import { reindexCustomer } from '../search/search-index';
import { setDeleted } from '../shared/entity-writes';

export interface DeletedCustomer {
  id: string;
  name: string;
  code: string | null;
  deletedAt: string;
}

/** A purge is logged as `op = purge` on the customer; a purged customer can never come back. */
export function isCustomerPurged(ws: Workspace, id: string): boolean {
  return ws.db.prepare(`SELECT 1 FROM change_log WHERE entity_id = ? AND op = ${OP_CODES.purge} LIMIT 1`).get(encodeId(id)) !== undefined;
}

// Customer ids are uuids, which the log keeps as 16-byte blobs (log-codec.ts).
const NOT_PURGED = `NOT EXISTS (SELECT 1 FROM change_log l WHERE l.entity_id = unhex(replace(c.id, '-', '')) AND l.op = ${OP_CODES.purge})`;

/** Deleted customers not yet purged, most recently deleted first (deleting sets `updated_at`). */
export function listDeletedCustomers(ws: Workspace, offset: number, limit: number): { total: number; rows: DeletedCustomer[] } {
  // Deleted customers outside the caller's record scope are not listed (record-scope.ts).
  const total = ws.db
    .prepare(`SELECT count(*) FROM customers c WHERE c.deleted = 1 AND ${NOT_PURGED} AND ${scopeWhere('c')}`)
    .pluck()
    .get(scopeParams()) as number;
  const rows = ws.db
    .prepare(
      `SELECT c.id, c.name, c.code, c.updated_at AS deletedAt FROM customers c
       WHERE c.deleted = 1 AND ${NOT_PURGED} AND ${scopeWhere('c')} ORDER BY c.updated_at DESC, c.seq DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset, scopeParams()) as DeletedCustomer[];
  return { total, rows };
}

/** Brings a deleted customer back (a logged `restore`), unless it was purged or its code is taken meanwhile. */
export function restoreCustomer(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const row = ws.db.prepare('SELECT code, deleted FROM customers WHERE id = ?').get(id) as { code: string | null; deleted: number } | undefined;
    if (!row) throw new KecardError('NOT_FOUND', 'Customer not found.', { id });
    if (isCustomerPurged(ws, id)) throw new KecardError('CUSTOMER_PURGED', 'This customer was purged and cannot be restored.', { id });
    if (row.deleted !== 1) throw new KecardError('CUSTOMER_NOT_DELETED', 'This customer is not deleted.', { id });
    if (row.code !== null && ws.db.prepare('SELECT 1 FROM customers WHERE code = ? AND deleted = 0').get(row.code)) {
      throw new KecardError('VALIDATION', 'Another customer now uses this code.', { fields: { code: 'duplicateCode' } });
    }
    setDeleted(tx, 'customer', id, id, false);
    reindexCustomer(ws, id);
  });
}
