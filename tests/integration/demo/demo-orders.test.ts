import { afterEach, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import { generateDemo } from '../../../src-main/demo/generate-demo';
import type { Workspace } from '../../../src-main/db/workspace';
import { demoSnapshot } from '../../support/demo-snapshot';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function workspace(): Workspace {
  const t = tempWorkspace();
  cleanups.push(t.cleanup);
  return t.ws;
}
const n = (ws: Workspace, sql: string) => ws.db.prepare(sql).pluck().get() as number;
/** Orders by customer code, without ids and timestamps (new each run). */
const sales = (ws: Workspace) =>
  ws.db
    .prepare(
      `SELECT c.code, o.order_date, o.status, o.discount_fen, o.total_fen, group_concat(l.product_name || '×' || l.quantity_milli || '@' || l.unit_price_fen || '-' || l.discount_bp, ';') AS lines
       FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_lines l ON l.order_id = o.id
       GROUP BY o.id ORDER BY c.code, o.order_date, o.total_fen, lines`,
    )
    .all();

describe('demo data with sales', () => {
  it('adds a catalogue and N orders per customer, the same for the same seed, logged in the one demo transaction', () => {
    const [a, b] = [workspace(), workspace()];
    const ra = generateDemo(a, testUser, { customers: 120, seed: 3, ordersPerCustomer: 4, salesUntil: '2026-06-30', batchSize: 50 });
    generateDemo(b, testUser, { customers: 120, seed: 3, ordersPerCustomer: 4, salesUntil: '2026-06-30' });
    expect(sales(a)).toEqual(sales(b));
    expect(ra.orders).toBe(480);
    expect(n(a, 'SELECT count(*) FROM orders')).toBe(480);
    expect(n(a, 'SELECT count(*) FROM order_lines')).toBe(ra.orderLines);
    expect(n(a, 'SELECT count(*) FROM products')).toBe(ra.products);
    expect(n(a, 'SELECT max(c) FROM (SELECT count(*) AS c FROM order_lines GROUP BY order_id)')).toBeLessThanOrEqual(5);
    expect(n(a, "SELECT count(*) FROM orders WHERE order_date > '2026-06-30' OR order_date < '2023-06-30'")).toBe(0);
    expect(n(a, "SELECT count(*) FROM orders WHERE status = 'cancelled'")).toBeGreaterThan(0);
    // Totals are the lines' amounts less the order discount, as the order service computes them.
    expect(
      n(a, 'SELECT count(*) FROM orders o WHERE total_fen <> max(0, (SELECT sum(amount_fen) FROM order_lines WHERE order_id = o.id) - discount_fen)'),
    ).toBe(0);
    // With sales come receipts, business records and the two business types (with their fields) they go to.
    const rows =
      ra.customers +
      ra.departments +
      ra.contacts +
      ra.employees +
      ra.products +
      ra.orders +
      ra.orderLines +
      ra.receipts +
      ra.records +
      2 +
      n(a, 'SELECT count(*) FROM custom_fields') +
      // The demo's five 费用分类.
      5;
    expect(n(a, "SELECT count(*) FROM change_log_entries WHERE op = 'create' AND source = 'demo'")).toBe(rows);
    expect(n(a, 'SELECT count(DISTINCT tx) FROM change_log_entries')).toBe(1);
  });

  it('continues a seed from a customer number: two committed parts hold what one run would', () => {
    const [whole, parts] = [workspace(), workspace()];
    const options = { seed: 5, ordersPerCustomer: 3, salesUntil: '2026-06-30' };
    generateDemo(whole, testUser, { ...options, customers: 90 });
    generateDemo(parts, testUser, { ...options, customers: 60, batchSize: 25 });
    const second = generateDemo(parts, testUser, { ...options, customers: 30, firstIndex: 60 });
    expect(demoSnapshot(parts.db)).toEqual(demoSnapshot(whole.db));
    expect(sales(parts)).toEqual(sales(whole));
    // The second part found the first part's staff and catalogue instead of adding them again.
    expect(n(parts, 'SELECT count(*) FROM employees')).toBe(n(whole, 'SELECT count(*) FROM employees'));
    expect(n(parts, 'SELECT count(*) FROM products')).toBe(n(whole, 'SELECT count(*) FROM products'));
    expect(second.customers).toBe(30);
    expect(n(parts, 'SELECT count(DISTINCT tx) FROM change_log_entries')).toBe(2);
    expect(() => generateDemo(parts, testUser, { ...options, customers: 5, firstIndex: -1 })).toThrow(KecardError);
  });

  it('keeps the customers-only default, and refuses a bad count', () => {
    const ws = workspace();
    const r = generateDemo(ws, testUser, { customers: 20, seed: 1 });
    expect([r.orders, r.products, n(ws, 'SELECT count(*) FROM orders')]).toEqual([0, 0, 0]);
    expect(() => generateDemo(ws, testUser, { customers: 5, seed: 1, ordersPerCustomer: 101 })).toThrow(KecardError);
  });
});
