import type { ChangeEntry } from '../../../src-shared/domain/change-log';
import { formatHlc } from '../../changelog/hlc';
import { encodeId } from '../../changelog/log-codec';
import { decodeValue } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';

export interface LogRow {
  n: number;
  tx: number;
  hlc: number;
  at: string;
  site_id: string;
  user_id: string;
  user_name: string;
  op: ChangeEntry['op'];
  entity: ChangeEntry['entity'];
  entity_id: string;
  entity_label: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  undo_of: number | null;
  source: string | null;
  effective_date: string | null;
}

/** Everything that happened on a customer's card, newest first, read from the change log only. */
export function customerHistory(ws: Workspace, customerId: string, limit = 200): ChangeEntry[] {
  const rows = ws.db
    .prepare(
      `SELECT l.*, COALESCE(ct.name, d.name, c.name) AS entity_label
       FROM change_log_entries l
       LEFT JOIN contacts ct ON l.entity = 'contact' AND ct.id = l.entity_id
       LEFT JOIN departments d ON l.entity = 'department' AND d.id = l.entity_id
       LEFT JOIN customers c ON l.entity = 'customer' AND c.id = l.entity_id
       WHERE l.n IN (SELECT n FROM change_log WHERE root_id = ?) ORDER BY l.hlc DESC, l.n DESC LIMIT ?`,
    )
    .all(encodeId(customerId), limit) as LogRow[];
  return rows.map(toEntry);
}

export function toEntry(r: LogRow): ChangeEntry {
  return {
    id: String(r.n),
    txId: String(r.tx),
    hlc: formatHlc(r.hlc, r.site_id),
    at: r.at,
    siteId: r.site_id,
    userId: r.user_id,
    userName: r.user_name,
    op: r.op,
    entity: r.entity,
    entityId: r.entity_id,
    entityLabel: r.entity_label ?? null,
    field: r.field,
    oldValue: decodeValue(r.old_value),
    newValue: decodeValue(r.new_value),
    undoOf: r.undo_of === null ? null : String(r.undo_of),
    source: r.source,
    effectiveDate: r.effective_date,
  };
}
