import { KecardError } from '../../../src-shared/errors';
import type { CustomerClass } from '../../../src-shared/domain/enums';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { readRow, updateRow } from '../shared/entity-writes';

export type BulkAction =
  { kind: 'setOwner'; ownerId: string | null } | { kind: 'setClass'; customerClass: CustomerClass | null } | { kind: 'addTag'; tag: string };

/**
 * Applies one action to many customers in one transaction, through the same logged row writes as
 * the card, so each customer's history shows the change. Returns how many actually changed.
 */
export function bulkUpdateCustomers(ws: Workspace, ctx: CallContext, ids: readonly string[], action: BulkAction): number {
  if (action.kind === 'setOwner' && action.ownerId) {
    const owner = ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(action.ownerId);
    if (!owner) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { ownerId: 'invalid' } });
  }
  return runWrite(
    ws,
    ctx,
    (tx) => {
      let changed = 0;
      for (const id of new Set(ids)) {
        const before = readRow(tx, 'customer', id);
        if (!before || before.deleted === 1) continue;
        let values: Record<string, unknown>;
        if (action.kind === 'setOwner') values = { ownerId: action.ownerId };
        else if (action.kind === 'setClass') values = { customerClass: action.customerClass };
        else {
          const tags = JSON.parse(before.tags as string) as string[];
          if (tags.includes(action.tag)) continue;
          values = { tags: [...tags, action.tag] };
        }
        if (updateRow(tx, 'customer', id, before, values).length > 0) changed += 1;
      }
      return changed;
    },
    { source: 'bulk' },
  );
}
