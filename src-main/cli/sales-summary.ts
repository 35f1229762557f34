import type { Workspace } from '../db/workspace';
import { salesDateRange } from '../analysis/sales-dates';

export interface SalesSummary {
  /** Orders that count as sales: not deleted, not cancelled, of customers not deleted (as the reports count them). */
  orders: number;
  revenueFen: number;
  /** The range the app's report dates default from (reports.salesDates), one definition for both. */
  firstSaleDate: string | null;
  lastSaleDate: string | null;
}

export function salesSummary(ws: Workspace): SalesSummary {
  const totals = ws.db
    .prepare(
      `SELECT count(*) AS orders, COALESCE(sum(o.total_fen), 0) AS revenueFen
       FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE o.deleted = 0 AND o.status <> 'cancelled' AND c.deleted = 0`,
    )
    .get() as { orders: number; revenueFen: number };
  const dates = salesDateRange(ws);
  return { ...totals, firstSaleDate: dates.firstOrderDate, lastSaleDate: dates.lastOrderDate };
}
