import type { Workspace } from '../db/workspace';
import { currentScope, scopeIdsPositional } from '../people/record-scope';

/**
 * The first and last day with a sale (an order neither deleted nor cancelled). The analysis
 * screens default their date to the last one when it is in the past: imported history analysed
 * "as of today" showed no customers with sales. Each end walks `orders_date_idx` from its side and
 * stops at the first sale, so it costs a few index entries, not a scan of the orders.
 *
 * Under record scope 'own', the caller's customers' sales only (a colleague's last sale is not
 * theirs to know): their orders are read through `orders_customer_idx`, customer by customer.
 */
export function salesDateRange(ws: Workspace): { firstOrderDate: string | null; lastOrderDate: string | null } {
  if (currentScope()) {
    const params: unknown[] = [];
    const mine = scopeIdsPositional('customer_id', params);
    const row = ws.db
      .prepare(`SELECT min(order_date) AS first, max(order_date) AS last FROM orders WHERE deleted = 0 AND status <> 'cancelled' AND ${mine}`)
      .get(...params) as { first: string | null; last: string | null };
    return { firstOrderDate: row.first, lastOrderDate: row.last };
  }
  const end = (direction: 'ASC' | 'DESC') =>
    (ws.db
      .prepare(`SELECT order_date FROM orders WHERE deleted = 0 AND status <> 'cancelled' ORDER BY order_date ${direction} LIMIT 1`)
      .pluck()
      .get() as string | undefined) ?? null;
  return { firstOrderDate: end('ASC'), lastOrderDate: end('DESC') };
}
