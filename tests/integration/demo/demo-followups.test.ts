import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../src-main/demo/generate-demo';
import type { Workspace } from '../../../src-main/db/workspace';
import { listBusinessRecords } from '../../../src-main/services/business/business-record-service';
import { listBusinessTypes } from '../../../src-main/services/business/business-type-service';
import { listExpenseCategories } from '../../../src-main/services/business/expense-service';
import { customerReceipts } from '../../../src-main/services/sales/receipt-service';
import { salesSummary } from '../../../src-main/services/sales/sales-summary';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Issue 16: demo data with sales also has receipts (回款) against its orders and business records
// (销售机会跟踪, 客户回访), so the receivables, the business summary and the card's tabs show
// something; deterministic from the seed, written through the services in the one demo write.

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

/** Receipts and records by customer code, without ids and timestamps (new each run). */
const followUps = (ws: Workspace) => ({
  receipts: ws.db
    .prepare(
      `SELECT c.code, o.order_date, r.receipt_date, r.amount_fen, r.method, r.notes FROM receipts r JOIN customers c ON c.id = r.customer_id
       LEFT JOIN orders o ON o.id = r.order_id ORDER BY c.code, r.receipt_date, r.amount_fen, o.order_date`,
    )
    .all(),
  records: ws.db
    .prepare(
      `SELECT c.code, t.name AS type, r.title, r.status, ct.name AS contact, e.name AS staff FROM business_records r JOIN customers c ON c.id = r.customer_id
       JOIN business_types t ON t.id = r.type_id LEFT JOIN contacts ct ON ct.id = r.contact_id LEFT JOIN employees e ON e.id = r.employee_id
       ORDER BY c.code, t.name, r.title, r.status, contact`,
    )
    .all(),
});

describe('demo data with receipts and business records', () => {
  const options = { customers: 150, seed: 11, ordersPerCustomer: 4, salesUntil: '2026-06-30' };

  it('is the same for the same seed, in any batch size and in two committed parts', () => {
    const [a, b, parts] = [workspace(), workspace(), workspace()];
    const ra = generateDemo(a, testUser, { ...options, batchSize: 40 });
    generateDemo(b, testUser, options);
    expect(followUps(a)).toEqual(followUps(b));
    generateDemo(parts, testUser, { ...options, customers: 100 });
    generateDemo(parts, testUser, { ...options, customers: 50, firstIndex: 100 });
    expect(followUps(parts)).toEqual(followUps(a));
    expect(ra.receipts).toBe(n(a, 'SELECT count(*) FROM receipts'));
    expect(ra.records).toBe(n(a, 'SELECT count(*) FROM business_records'));
    expect(ra.receipts).toBeGreaterThan(ra.orders / 2);
    expect(ra.records).toBeGreaterThan(options.customers / 2);
    // A second part reuses the two business types of the first.
    expect(
      listBusinessTypes(parts)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['客户回访', '销售机会跟踪']);
  });

  it('pays orders as a business would: never more than the total, never before the order or after the last day', () => {
    const ws = workspace();
    generateDemo(ws, testUser, options);
    const overpaid = n(ws, 'SELECT count(*) FROM orders o WHERE (SELECT sum(amount_fen) FROM receipts WHERE order_id = o.id) > o.total_fen');
    expect(overpaid).toBe(0);
    expect(
      n(
        ws,
        "SELECT count(*) FROM receipts r JOIN orders o ON o.id = r.order_id WHERE r.receipt_date < o.order_date OR r.receipt_date > '2026-06-30'",
      ),
    ).toBe(0);
    expect(n(ws, "SELECT count(*) FROM receipts r JOIN orders o ON o.id = r.order_id WHERE o.status IN ('draft', 'cancelled')")).toBe(0);
    expect(n(ws, 'SELECT count(*) FROM receipts r JOIN orders o ON o.id = r.order_id WHERE r.customer_id <> o.customer_id')).toBe(0);
    // Most completed orders are settled to the fen; some are still open, so receivables show something.
    const settled = n(
      ws,
      "SELECT count(*) FROM orders o WHERE status = 'completed' AND (SELECT sum(amount_fen) FROM receipts WHERE order_id = o.id) = o.total_fen",
    );
    const completed = n(ws, "SELECT count(*) FROM orders WHERE status = 'completed'");
    expect(settled / completed).toBeGreaterThan(0.7);
    expect(settled).toBeLessThan(completed);

    // The card's figures: received and outstanding add up to the orders' total.
    const withReceipts = ws.db.prepare('SELECT customer_id FROM receipts GROUP BY customer_id LIMIT 5').pluck().all() as string[];
    for (const id of withReceipts) {
      const summary = salesSummary(ws, id);
      expect(summary.receivedFen).toBe(customerReceipts(ws, id).reduce((s, r) => s + r.amountFen, 0));
      expect(summary.receivedFen).toBeGreaterThan(0);
    }
  });

  it('fills opportunities and visits with their fields, linked to the customer’s own contacts and owner, in the one demo write', () => {
    const ws = workspace();
    const r = generateDemo(ws, testUser, options);
    const types = listBusinessTypes(ws);
    const opportunity = types.find((t) => t.template === 'opportunity');
    const visit = types.find((t) => t.template === 'visit');
    if (!opportunity || !visit) throw new Error('the demo did not make its business types');
    // 费用分类 too, so an expense can be entered on a demo card without a trip to the settings.
    expect(listExpenseCategories(ws).map((c) => c.name)).toEqual(['差旅费', '招待费', '交通费', '礼品费', '办公费']);
    const opportunities = listBusinessRecords(ws, { typeId: opportunity.id, offset: 0, limit: 500 });
    const visits = listBusinessRecords(ws, { typeId: visit.id, offset: 0, limit: 500 });
    expect(opportunities.total).toBeGreaterThan(20);
    expect(visits.total).toBeGreaterThan(20);
    expect(new Set(opportunities.rows.map((o) => o.status))).toEqual(new Set(['lead', 'needs', 'proposal', 'negotiation', 'won', 'lost']));
    const labels = (typeId: string): Record<string, string> =>
      Object.fromEntries(
        (
          ws.db.prepare('SELECT column_name AS c, label FROM custom_fields WHERE business_type_id = ?').all(typeId) as { c: string; label: string }[]
        ).map((f) => [f.c, f.label]),
      );
    const byLabel = (custom: Record<string, unknown> | undefined, names: Record<string, string>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(custom ?? {}).map(([k, v]) => [names[k] ?? k, v]));
    const oppLabels = labels(opportunity.id);
    const first = opportunities.rows[0];
    const named = byLabel(first?.custom, oppLabels);
    expect(named.预计金额).toEqual(expect.any(Number));
    expect(named.预计成交日期).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(named.成交概率).toEqual(expect.any(Number));
    const visitLabels = labels(visit.id);
    const done = visits.rows.find((v) => v.status === 'done');
    const visitNamed = byLabel(done?.custom, visitLabels);
    expect(visitNamed.回访日期).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(visitNamed.回访结果).toEqual(expect.any(String));
    expect(['o1', 'o2', 'o3', 'o4']).toContain(visitNamed.回访方式);

    expect(n(ws, 'SELECT count(*) FROM business_records r JOIN contacts c ON c.id = r.contact_id WHERE c.customer_id <> r.customer_id')).toBe(0);
    expect(n(ws, 'SELECT count(*) FROM business_records r JOIN customers c ON c.id = r.customer_id WHERE r.employee_id IS NOT c.owner_id')).toBe(0);
    // One logged write, source demo: every row the demo made has its create entry there.
    expect(n(ws, 'SELECT count(DISTINCT tx) FROM change_log_entries')).toBe(1);
    const creates = n(ws, "SELECT count(*) FROM change_log_entries WHERE op = 'create' AND source = 'demo'");
    const rows = r.customers + r.departments + r.contacts + r.employees + r.products + r.orders + r.orderLines + r.receipts + r.records;
    // + the two business types, their fields and the five 费用分类.
    expect(creates).toBe(rows + 2 + n(ws, 'SELECT count(*) FROM custom_fields') + 5);
  });

  it('a cancelled demo leaves no business type behind', () => {
    const ws = workspace();
    let batches = 0;
    expect(() =>
      generateDemo(ws, testUser, {
        ...options,
        batchSize: 30,
        cancel: {
          get cancelled() {
            batches += 1;
            return batches > 2;
          },
        },
      }),
    ).toThrow();
    expect(listBusinessTypes(ws)).toEqual([]);
    expect(n(ws, 'SELECT count(*) FROM receipts')).toBe(0);
  });
});
