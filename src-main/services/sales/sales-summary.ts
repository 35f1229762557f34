import type { SalesSummary } from '../../../src-shared/domain/sales';
import type { Workspace } from '../../db/workspace';

/** The card's totals: 订单合计, 已收款, 应收余额, last order date, and expenses on its records. */
export function salesSummary(ws: Workspace, customerId: string): SalesSummary {
  const o = ws.db
    .prepare(
      `SELECT count(*) AS n, COALESCE(sum(total_fen), 0) AS total, max(order_date) AS last
       FROM orders WHERE customer_id = ? AND deleted = 0 AND status <> 'cancelled'`,
    )
    .get(customerId) as { n: number; total: number; last: string | null };
  const r = ws.db.prepare('SELECT COALESCE(sum(amount_fen), 0) AS received FROM receipts WHERE customer_id = ? AND deleted = 0').get(customerId) as {
    received: number;
  };
  const e = ws.db
    .prepare(
      'SELECT COALESCE(sum(x.amount_fen), 0) AS total FROM expenses x JOIN business_records r ON r.id = x.record_id WHERE x.customer_id = ? AND x.deleted = 0 AND r.deleted = 0',
    )
    .get(customerId) as {
    total: number;
  };
  return {
    orderCount: o.n,
    ordersTotalFen: o.total,
    receivedFen: r.received,
    outstandingFen: o.total - r.received,
    lastOrderDate: o.last,
    expenseTotalFen: e.total,
  };
}

/** 已购产品: what the customer has bought, derived from live order lines of non-cancelled orders. */
export function purchasedProducts(ws: Workspace, customerId: string) {
  return ws.db
    .prepare(
      `SELECT l.product_id AS productId, l.product_name AS productName, sum(l.quantity_milli) AS quantityMilli,
         sum(l.amount_fen) AS amountFen, count(DISTINCT o.id) AS orderCount, max(o.order_date) AS lastOrderDate
       FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.customer_id = ? AND o.deleted = 0 AND l.deleted = 0 AND o.status <> 'cancelled'
       GROUP BY COALESCE(l.product_id, l.product_name) ORDER BY amountFen DESC`,
    )
    .all(customerId) as {
    productId: string | null;
    productName: string;
    quantityMilli: number;
    amountFen: number;
    orderCount: number;
    lastOrderDate: string;
  }[];
}
