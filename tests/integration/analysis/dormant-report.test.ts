import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../../src-main/analysis/run-report';
import { reportRequest } from '../../../src-shared/contract/report-requests';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import type { DormantResult } from '../../../src-shared/contract/report-results';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// 静止户 at a 90-day threshold with more dormant customers than the table lists: the chart's
// bands count all of them (from the threshold, not from 180 days) and the export lists all.

const AS_OF = '2026-06-30';
let ws: Workspace;
let cleanup: () => void;
const day = (daysAgo: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);

beforeAll(() => {
  ({ ws, cleanup } = tempWorkspace());
  for (let i = 0; i < 320; i += 1) {
    const c = createCustomer(ws, testUser, { name: `客户${String(i).padStart(3, '0')}` });
    // Last orders spread from 10 to 1,000 days ago; some customers have an older order as well.
    const daysAgo = 10 + ((i * 37) % 991);
    createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: day(daysAgo),
      lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 10000 }],
    });
    if (i % 5 === 0)
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(daysAgo + 400),
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 5000 }],
      });
    // A cancelled later order does not wake a customer up; an order after the date does not count.
    if (i % 7 === 0)
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(1),
        status: 'cancelled',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 100 }],
      });
    if (i % 11 === 0)
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: '2026-08-01',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 100 }],
      });
    if (i % 13 === 0) deleteCustomer(ws, testUser, c.id);
  }
});
afterAll(() => cleanup());

/** The last sale up to AS_OF of each live customer, in days before it: plain SQL, not the facts. */
function quietDays(): number[] {
  return (
    ws.db
      .prepare(
        `SELECT CAST(julianday(?) - julianday(max(o.order_date)) AS INTEGER) AS quiet
         FROM orders o JOIN customers c ON c.id = o.customer_id
         WHERE o.deleted = 0 AND o.status <> 'cancelled' AND c.deleted = 0 AND o.order_date <= ?
         GROUP BY o.customer_id`,
      )
      .all(AS_OF, AS_OF) as { quiet: number }[]
  ).map((r) => r.quiet);
}

const run = async (request: unknown) => (await runReport(ws, reportRequest.parse(request))) as DormantResult;

describe('静止户 report', () => {
  it('counts every dormant customer in bands from the chosen threshold, lists 200, and all of them on request', async () => {
    const quiet = quietDays();
    const dormant = quiet.filter((q) => q >= 90);
    expect(dormant.length).toBeGreaterThan(200);
    const report = await run({ kind: 'dormant', asOf: AS_OF, dormantDays: 90 });
    expect(report.count).toBe(dormant.length);
    expect(report.list).toHaveLength(200);
    expect(report.bands).toEqual([
      { fromDays: 90, toDays: 134, count: dormant.filter((q) => q < 135).length },
      { fromDays: 135, toDays: 179, count: dormant.filter((q) => q >= 135 && q < 180).length },
      { fromDays: 180, toDays: 359, count: dormant.filter((q) => q >= 180 && q < 360).length },
      { fromDays: 360, toDays: null, count: dormant.filter((q) => q >= 360).length },
    ]);
    expect(report.bands[0]?.count).toBeGreaterThan(0);
    expect(report.bands.reduce((n, b) => n + b.count, 0)).toBe(report.count);

    const all = await run({ kind: 'dormant', asOf: AS_OF, dormantDays: 90, all: true });
    expect(all.list).toHaveLength(dormant.length);
    expect(all.list.map((c) => c.daysSinceLastOrder).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([...dormant].sort((a, b) => a - b));
    expect(all.list.slice(0, 200)).toEqual(report.list);
  });

  it('lists the most dormant first, in the table and in the full list', async () => {
    const quiet = quietDays().filter((q) => q >= 90);
    const report = await run({ kind: 'dormant', asOf: AS_OF, dormantDays: 90 });
    const all = await run({ kind: 'dormant', asOf: AS_OF, dormantDays: 90, all: true });
    expect(report.list[0]?.daysSinceLastOrder).toBe(Math.max(...quiet));
    for (const list of [report.list, all.list])
      for (let i = 1; i < list.length; i += 1) expect(list[i - 1]?.daysSinceLastOrder ?? 0).toBeGreaterThanOrEqual(list[i]?.daysSinceLastOrder ?? 0);
    // The 200 shown are the 200 quiet longest.
    expect(report.list.map((c) => c.daysSinceLastOrder)).toEqual([...quiet].sort((a, b) => b - a).slice(0, 200));
  });

  it('bands follow the threshold: 180 days gives 180, 270, 360, 720', async () => {
    const dormant = quietDays().filter((q) => q >= 180);
    const report = await run({ kind: 'dormant', asOf: AS_OF, dormantDays: 180 });
    expect(report.bands.map((b) => [b.fromDays, b.toDays, b.count])).toEqual([
      [180, 269, dormant.filter((q) => q < 270).length],
      [270, 359, dormant.filter((q) => q >= 270 && q < 360).length],
      [360, 719, dormant.filter((q) => q >= 360 && q < 720).length],
      [720, null, dormant.filter((q) => q >= 720).length],
    ]);
  });
});
