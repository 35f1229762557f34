import type { WriteTx } from '../../changelog/write-tx';
import { reindexCustomer } from '../search/search-index';
import { readRow, updateRow } from './entity-writes';

const NUMBERED = {
  customer: { table: 'customers', column: 'code', field: 'code', live: 'deleted = 0' },
  order: { table: 'orders', column: 'order_no', field: 'orderNo', live: 'deleted = 0' },
} as const;

/**
 * When a customer code or order number arriving from another site is already taken here, the
 * later one is renamed to the first free "<number>-2", "-3" … by an ordinary logged change (so
 * the rename travels back and every site ends with the same numbers). Sync's apply calls this and
 * puts the rename in the conflict inbox. Returns the new number, or null when there was no clash.
 */
export function renameOnNumberClash(tx: WriteTx, entity: keyof typeof NUMBERED, id: string): string | null {
  const { table, column, field, live } = NUMBERED[entity];
  const row = readRow(tx, entity, id);
  const value = row?.[field];
  if (!row || typeof value !== 'string' || value === '') return null;
  const taken = tx.ws.db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ? AND id <> ? AND ${live} LIMIT 1`);
  if (!taken.get(value, id)) return null;
  let n = 2;
  while (taken.get(`${value}-${n}`, id)) n += 1;
  const next = `${value}-${n}`;
  const rootId = entity === 'customer' ? id : String(row.customerId);
  updateRow(tx, entity, rootId, row, { [field]: next });
  if (entity === 'customer') reindexCustomer(tx.ws, id);
  return next;
}
