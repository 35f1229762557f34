import type { ChangeOp, Entity } from '../../../src-shared/domain/change-log';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { encodeId } from '../../changelog/log-codec';
import { findSiteNumber } from '../../changelog/site-identity';
import { decodeValue, runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { isCustomerPurged } from '../customers/deleted-customers';
import { sortKeyOf } from '../search/pinyin-keys';
import { reindexCustomer } from '../search/search-index';
import { customEntityOf, writeCustomValues } from '../custom-fields/custom-values';
import { isTableEntity } from '../shared/entity-tables';
import { readRow, setDeleted, updateRow } from '../shared/entity-writes';

interface UndoRow {
  entity: Entity;
  entity_id: string;
  op: ChangeOp;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  hlc: number;
}

/**
 * Reverts the newest change on a customer's card that is not itself an undo and has not been
 * undone. The revert is an ordinary logged write (marked `undo_of`), so history shows both and
 * sync carries the revert like any other edit. Calling it again steps further back. A transaction
 * that touched several customers is undone per card.
 */
/**
 * `allow`: sees the field changes the undo would revert before anything is written, and throws to
 * refuse (per-field rules: a field the caller may not change is not changed back either).
 */
export function undoLastChange(
  ws: Workspace,
  ctx: CallContext,
  customerId: string,
  allow?: (changes: readonly { entity: string; field: string | null }[]) => void,
): string {
  // Undoing anything on a purged card would bring back a row whose data was removed on purpose.
  if (isCustomerPurged(ws, customerId))
    throw new KecardError('CUSTOMER_PURGED', 'This customer was purged; nothing on its card can be undone.', { id: customerId });
  // This site's own changes only: a change that came in a bundle is another site's work, undone
  // there (or edited here), never reverted silently from this card.
  const site = findSiteNumber(ws.db, ws.siteId) ?? -1;
  const target = ws.db
    .prepare(
      `SELECT tx FROM change_log l
       WHERE l.root_id = ? AND l.undo_of IS NULL AND l.site = ?
         AND NOT EXISTS (SELECT 1 FROM change_log u WHERE u.undo_of = l.tx AND u.root_id = l.root_id)
       ORDER BY l.hlc DESC LIMIT 1`,
    )
    .get(encodeId(customerId), site) as { tx: number } | undefined;
  if (!target) throw new KecardError('NOTHING_TO_UNDO', 'There is nothing to undo for this customer.', { id: customerId });

  const changes = ws.db
    // Only this card's part of the transaction: demo data, imports and bulk actions write many
    // customers in one transaction, and undo on one card must not touch the others.
    .prepare(
      'SELECT entity, entity_id, op, field, old_value, new_value, hlc FROM change_log_entries WHERE n IN (SELECT n FROM change_log WHERE root_id = ? AND tx = ?) ORDER BY hlc DESC',
    )
    .all(encodeId(customerId), target.tx) as UndoRow[];
  refuseOverOtherSites(ws, changes, site);
  allow?.(changes.filter((c) => c.op === 'update'));

  runWrite(
    ws,
    ctx,
    (tx) => {
      for (const change of changes) {
        // Log-only entries (a classification run) have no row to put back; the card's class is undone by its own field entry.
        if (!isTableEntity(change.entity)) continue;
        const entity = change.entity;
        const row = readRow(tx, entity, change.entity_id);
        if (!row) throw new KecardError('UNDO_CONFLICT', 'The record to undo no longer exists.', { id: change.entity_id });
        if (change.op === 'update' && change.field?.startsWith('cf_')) {
          revertCustomValue(tx, change.entity, change.entity_id, customerId, change.field, decodeValue(change.old_value));
        } else if (change.op === 'update' && change.field) {
          const value = decodeValue(change.old_value);
          // The code it had may belong to another customer by now.
          if (change.field === 'code' && row.deleted !== 1) guardCodeOnRestore(ws, change.entity, { ...row, code: value });
          const extra = change.entity === 'customer' && change.field === 'name' ? { sortKey: sortKeyOf(String(value)) } : {};
          updateRow(tx, change.entity, customerId, row, { [change.field]: value }, extra);
        } else if (change.op === 'record' && change.field) {
          // A past value changed no row; the marker takes it off the field's timeline.
          tx.log({
            op: 'record',
            entity: change.entity,
            entityId: change.entity_id,
            rootId: customerId,
            field: change.field,
            oldValue: decodeValue(change.new_value),
            newValue: null,
          });
        } else if (change.op === 'create' || change.op === 'restore') {
          setDeleted(tx, change.entity, customerId, change.entity_id, true);
        } else if (change.op === 'delete') {
          guardCodeOnRestore(ws, change.entity, row);
          setDeleted(tx, change.entity, customerId, change.entity_id, false);
        }
      }
      reindexCustomer(ws, customerId);
    },
    { undoOf: target.tx, source: 'undo' },
  );
  return String(target.tx);
}

/** Undo would put back a value another site has changed since: said, not done. */
function refuseOverOtherSites(ws: Workspace, changes: readonly UndoRow[], site: number): void {
  const later = ws.db.prepare(
    `SELECT e.user_name AS userName, e.site_id AS siteId FROM change_log l JOIN change_log_entries e ON e.n = l.n
     WHERE l.entity_id = ? AND l.hlc > ? AND l.site <> ? AND (? OR e.field IS ? OR e.op IN ('delete', 'restore')) LIMIT 1`,
  );
  for (const change of changes) {
    // Undoing a create, delete or restore takes the whole record away or back: any later change to it counts.
    const wholeRow = change.op === 'create' || change.op === 'delete' || change.op === 'restore' ? 1 : 0;
    const hit = later.get(encodeId(change.entity_id), change.hlc, site, wholeRow, change.field) as { userName: string; siteId: string } | undefined;
    if (hit) {
      throw new KecardError('UNDO_CONFLICT', 'Another site has changed this since; undoing would overwrite its change.', {
        reason: 'otherSite',
        user: hit.userName,
        siteId: hit.siteId,
      });
    }
  }
}

function revertCustomValue(tx: WriteTx, entity: Entity, id: string, rootId: string, column: string, value: unknown): void {
  const target = customEntityOf(entity);
  if (!target) return;
  const typeRow =
    target === 'record'
      ? (tx.ws.db.prepare('SELECT type_id AS t FROM business_records WHERE id = ?').get(id) as { t: string } | undefined)
      : undefined;
  try {
    writeCustomValues(tx, target, id, rootId, { [column]: value }, { creating: false, businessTypeId: typeRow?.t ?? null });
  } catch {
    // The field was deleted or its rules changed since: the old value can no longer be written back.
    throw new KecardError('UNDO_CONFLICT', 'This change touched a field that no longer exists.', { field: column });
  }
}

function guardCodeOnRestore(ws: Workspace, entity: Entity, row: Record<string, unknown>): void {
  if (entity !== 'customer' || !row.code) return;
  const clash = ws.db.prepare('SELECT 1 FROM customers WHERE code = ? AND deleted = 0 AND id <> ?').get(row.code, row.id);
  if (clash) throw new KecardError('UNDO_CONFLICT', 'Another customer now uses this code.', { fields: { code: 'duplicateCode' } });
}
