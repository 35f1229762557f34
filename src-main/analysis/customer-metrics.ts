import type { MetricKey } from '../../src-shared/analysis/scheme';
import type { Workspace } from '../db/workspace';
import { safeColumn } from '../services/custom-fields/field-registry';
import { counted, reportMask } from './customer-mask';
import { NO_DAY, customerTotals } from './facts/customer-totals';
import { salesFacts } from './facts/facts-cache';
import { dayNumber, isoDate } from './facts/sales-facts';

export interface CustomerMetrics {
  id: string;
  ownerId: string | null;
  customerClass: string | null;
  relationshipLevel: number | null;
  /** Revenue (fen) and orders in the window. */
  revenue: number;
  orders: number;
  profit: number;
  /** All time. */
  firstOrder: string | null;
  lastOrder: string | null;
  outstanding: number;
  daysSinceLastOrder: number | null;
  custom: Record<string, number | null>;
}

export interface Window {
  from: string;
  to: string;
}

export function windowEnding(asOf: string, days: number): Window {
  const end = new Date(`${asOf}T00:00:00Z`);
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  return { from: start.toISOString().slice(0, 10), to: asOf };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Per-customer figures every analysis starts from, for every live customer: window sales and all
 * sales up to the window's end from the sales facts (one pass in memory), what they paid from the
 * receipts. Gross profit and custom metrics are read only when asked for.
 */
export function customerMetrics(ws: Workspace, window: Window, wanted: { profit?: boolean; custom?: string[] } = {}): CustomerMetrics[] {
  const f = salesFacts(ws);
  // Under record scope 'own' (a scheme's preview) only the caller's customers: their classes are
  // then cut over those alone. Applying a scheme is refused under a scope, so runs cover everyone.
  const mask = reportMask(ws, f, undefined);
  const t = customerTotals(f, dayNumber(window.from), dayNumber(window.to), mask);
  const day = (d: number) => (d === NO_DAY ? null : isoDate(d));
  const rows: (Omit<CustomerMetrics, 'profit' | 'outstanding' | 'daysSinceLastOrder' | 'custom'> & { total: number })[] = [];
  for (let c = 0; c < f.customerCount; c++) {
    if (f.customerDeleted[c] === 1 || !counted(mask, c)) continue;
    const level = f.customerLevel[c] as number;
    rows.push({
      id: f.customerIds[c] as string,
      ownerId: f.owners.values[f.customerOwner[c] as number] ?? null,
      customerClass: f.classes.values[f.customerClass[c] as number] ?? null,
      relationshipLevel: Number.isNaN(level) ? null : level,
      revenue: t.windowRevenue[c] as number,
      orders: t.windowOrders[c] as number,
      firstOrder: day(t.firstUpTo[c] as number),
      lastOrder: day(t.lastUpTo[c] as number),
      total: t.totalUpTo[c] as number,
    });
  }
  const received = new Map(
    (
      ws.db
        .prepare('SELECT customer_id AS id, sum(amount_fen) AS s FROM receipts WHERE deleted = 0 AND receipt_date <= ? GROUP BY customer_id')
        .all(window.to) as { id: string; s: number }[]
    ).map((r) => [r.id, r.s]),
  );
  // Gross profit = revenue (after order discounts) − cost of the goods sold.
  const cost = wanted.profit ? costByCustomer(ws, window) : null;
  const custom = new Map<string, Record<string, number | null>>();
  if (wanted.custom?.length) {
    const cols = wanted.custom.map(safeColumn);
    for (const r of ws.db.prepare(`SELECT id, ${cols.join(', ')} FROM customers WHERE deleted = 0`).iterate() as IterableIterator<
      Record<string, unknown>
    >) {
      custom.set(r.id as string, Object.fromEntries(cols.map((c) => [c, typeof r[c] === 'number' ? r[c] : null])));
    }
  }
  return rows.map(({ total, ...r }) => ({
    ...r,
    profit: cost ? r.revenue - (cost.get(r.id) ?? 0) : 0,
    outstanding: total - (received.get(r.id) ?? 0),
    daysSinceLastOrder: r.lastOrder ? daysBetween(r.lastOrder, window.to) : null,
    custom: custom.get(r.id) ?? {},
  }));
}

/** Cost of goods sold per customer: product cost × quantity on live lines (products without a cost count 0). */
function costByCustomer(ws: Workspace, window: Window): Map<string, number> {
  const rows = ws.db
    .prepare(
      `SELECT o.customer_id AS id, sum(p.cost_fen * l.quantity_milli / 1000.0) AS cost
       FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.deleted = 0 JOIN products p ON p.id = l.product_id AND p.cost_fen IS NOT NULL
       WHERE o.deleted = 0 AND o.status <> 'cancelled' AND o.order_date BETWEEN ? AND ? GROUP BY o.customer_id`,
    )
    .all(window.from, window.to) as { id: string; cost: number }[];
  return new Map(rows.map((r) => [r.id, Math.round(r.cost)]));
}

export function metricValue(m: CustomerMetrics, key: MetricKey): number | null {
  if (key.startsWith('custom:')) return m.custom[key.slice(7)] ?? null;
  switch (key) {
    case 'revenue':
      return m.revenue;
    case 'profit':
      return m.profit;
    case 'orders':
      return m.orders;
    case 'daysSinceLastOrder':
      return m.daysSinceLastOrder;
    case 'outstanding':
      return m.outstanding;
    case 'relationshipLevel':
      return m.relationshipLevel;
    default:
      return null;
  }
}
