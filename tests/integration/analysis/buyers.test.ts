import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillQuery } from '../../../src-main/analysis/drill';
import { clvReport, paretoReport, rfmReport, timeSeries } from '../../../src-main/analysis/sales-reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { countQuery } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// A buyer has revenue > 0 in the period. Pareto left out customers whose orders came to nothing
// while RFM and the lifetime value counted them: the same window gave different buyer counts.

const AS_OF = '2026-06-30';
let ws: Workspace;
let cleanup: () => void;

beforeAll(() => {
  ({ ws, cleanup } = tempWorkspace());
  const line = (fen: number) => [{ productName: '货品', quantityMilli: 1000, unitPriceFen: fen }];
  const a = createCustomer(ws, testUser, { name: '华南贸易有限公司' });
  const b = createCustomer(ws, testUser, { name: '东方电子科技' });
  const sample = createCustomer(ws, testUser, { name: '样品客户' });
  createOrder(ws, testUser, { customerId: a.id, orderDate: '2026-05-10', lines: line(100_000) });
  createOrder(ws, testUser, { customerId: b.id, orderDate: '2026-06-02', lines: line(50_000) });
  // Free samples: an order, but no revenue.
  createOrder(ws, testUser, { customerId: sample.id, orderDate: '2026-06-05', lines: line(0) });
  createOrder(ws, testUser, { customerId: sample.id, orderDate: '2026-06-06', discountBp: 10000, lines: line(8_000) });
  createCustomer(ws, testUser, { name: '潜在客户' });
});
afterAll(() => cleanup());

const drilled = (target: Parameters<typeof drillQuery>[1]) => countQuery(ws, drillQuery(ws, target).definition);

describe('who is a buyer', () => {
  it('Pareto, RFM, lifetime value and the time series count the same buyers, and their drills list them', () => {
    expect(paretoReport(ws, AS_OF, 365).customers).toBe(2);
    expect(rfmReport(ws, AS_OF, 365, { kind: 'quantiles', buckets: 3 }).customers).toBe(2);
    const clv = clvReport(ws, AS_OF, 365, 3, 0.3);
    expect([clv.customers, clv.orders, clv.revenue]).toEqual([2, 2, 150_000]);
    expect(drilled({ of: 'buyers', asOf: AS_OF, windowDays: 365 })).toBe(2);
    const june = timeSeries(ws, '2026-06', '2026-06').rows[0];
    expect(june).toMatchObject({ orders: 3, revenue: 50_000, active: 1 });
    expect(drilled({ of: 'month', month: '2026-06', measure: 'active' })).toBe(1);
  });
});
