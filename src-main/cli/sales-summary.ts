import type { Workspace } from '../db/workspace';

export interface SalesSummary {
  /** Orders that count as sales: not deleted, not cancelled, of customers not deleted (as the reports count them). */
  orders: number;
  revenueFen: number;
  firstSaleDate: string | null;
  lastSaleDate: string | null;
}

const SALES = `FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.deleted = 0 AND o.status <> 'cancelled' AND c.deleted = 0`;

export function salesSummary(ws: Workspace): SalesSummary {
  const row = ws.db
    .prepare(`SELECT count(*) AS orders, COALESCE(sum(o.total_fen), 0) AS revenueFen, min(o.order_date) AS firstSaleDate, max(o.order_date) AS lastSaleDate ${SALES}`)
    .get() as SalesSummary;
  return row;
}
