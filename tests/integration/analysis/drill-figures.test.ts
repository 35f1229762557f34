import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillQuery } from '../../../src-main/analysis/drill';
import { rfmReport } from '../../../src-main/analysis/sales-reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { matchingIds, runCustomerQuery } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import type { DrillTarget } from '../../../src-shared/contract/report-results';
import type { RfmScoring } from '../../../src-shared/analysis/rfm';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// A drill's list is sorted by the figure the report drew its customers by, and shows it. Checked
// against figures computed here from the orders as written (not from the report code): revenue
// in the window, days since the last sale, one buyer's CLV; page after page, as the list reads.

const AS_OF = '2026-06-30';
const WINDOW = 365;
const DAY = 86_400_000;
const day = (ago: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - ago * DAY).toISOString().slice(0, 10);

interface Sale {
  customer: string;
  date: string;
  fen: number;
  live: boolean;
}

let ws: Workspace;
let cleanup: () => void;
const sales: Sale[] = [];
let deletedId = '';

beforeAll(() => {
  ({ ws, cleanup } = tempWorkspace());
  const rows = fc.sample(
    fc.array(
      fc.record({
        ago: fc.constantFrom(1, 3, 30, 30, 100, 200, 364, 365, 400, 800),
        yuan: fc.constantFrom(0, 50, 800, 800, 5_000, 12_345.67),
        cancelled: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    { numRuns: 70, seed: 1616 },
  );
  for (const [i, orders] of rows.entries()) {
    const c = createCustomer(ws, testUser, { name: `客户${String(i).padStart(2, '0')}` });
    for (const o of orders) {
      const cancelled = o.cancelled && o.yuan === 800;
      const fen = Math.round(o.yuan * 100);
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(o.ago),
        status: cancelled ? 'cancelled' : 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: fen }],
      });
      sales.push({ customer: c.id, date: day(o.ago), fen, live: !cancelled });
    }
  }
  // A deleted customer's orders stay but it is in no list.
  deletedId = sales.find((s) => s.live && s.fen > 0)?.customer ?? '';
  deleteCustomer(ws, testUser, deletedId);
});
afterAll(() => cleanup());

const revenue = (id: string, from: string, to: string) =>
  sales.filter((s) => s.customer === id && s.live && s.date >= from && s.date <= to).reduce((a, s) => a + s.fen, 0);
const quietDays = (id: string) => {
  const last = sales.filter((s) => s.customer === id && s.live && s.date <= AS_OF).reduce((a, s) => (s.date > a ? s.date : a), '');
  return last ? Math.round((Date.parse(AS_OF) - Date.parse(last)) / DAY) : null;
};
const windowFrom = day(WINDOW - 1);

/** The whole drill list read in pages of `size`, as the renderer reads it: ids with their figures. */
function listed(target: DrillTarget, size: number, dir?: 'asc' | 'desc'): { id: string; figure: number | null }[] {
  const { definition, figure } = drillQuery(ws, target);
  expect(figure).not.toBeNull();
  const out: { id: string; figure: number | null }[] = [];
  for (let offset = 0; ; offset += size) {
    const page = runCustomerQuery(ws, definition, {
      offset,
      limit: size,
      figure: figure ?? undefined,
      ...(dir ? { sort: { field: 'figure', dir } } : {}),
    });
    expect(page.figures).toHaveLength(page.rows.length);
    page.rows.forEach((r, i) => out.push({ id: r.id, figure: page.figures?.[i] ?? null }));
    if (offset + size >= page.total) {
      expect(out).toHaveLength(page.total);
      break;
    }
  }
  // The same customers as the drill's query, each once.
  expect(out.map((r) => r.id).sort()).toEqual(matchingIds(ws, definition).sort());
  return out;
}

function expectSortedBy(rows: { id: string; figure: number | null }[], model: (id: string) => number | null, dir: 'asc' | 'desc' = 'desc') {
  expect(rows.length).toBeGreaterThan(3);
  for (const r of rows) expect(r.figure).toBeCloseTo(model(r.id) as number, 6);
  const figures = rows.map((r) => model(r.id) as number);
  const sorted = [...figures].sort((a, b) => (dir === 'desc' ? b - a : a - b));
  expect(figures).toEqual(sorted);
  expect(rows.some((r) => r.id === deletedId)).toBe(false);
}

describe('drill lists sorted by their figure', () => {
  it('Pareto top 20%: by revenue in the window, largest first, across pages', () => {
    const rows = listed({ of: 'paretoTop', asOf: AS_OF, windowDays: WINDOW, share: 0.2 }, 4);
    expectSortedBy(rows, (id) => revenue(id, windowFrom, AS_OF));
    // The largest spender of the window heads the list.
    const ids = [...new Set(sales.map((s) => s.customer))].filter((id) => id !== deletedId);
    expect(rows[0]?.figure).toBe(Math.max(...ids.map((id) => revenue(id, windowFrom, AS_OF))));
    // Ascending on request: the same customers reversed by figure.
    expectSortedBy(listed({ of: 'paretoTop', asOf: AS_OF, windowDays: WINDOW, share: 0.2 }, 5, 'asc'), (id) => revenue(id, windowFrom, AS_OF), 'asc');
  });

  it('RFM segment: by monetary (revenue in the window)', () => {
    const scoring: RfmScoring = { kind: 'quantiles', buckets: 3 };
    const segment = rfmReport(ws, AS_OF, WINDOW, scoring).segments.sort((a, b) => b.customers - a.customers)[0];
    expect(segment).toBeDefined();
    const rows = listed({ of: 'rfmSegment', asOf: AS_OF, windowDays: WINDOW, scoring, segment: segment?.segment ?? '' }, 3);
    expect(rows).toHaveLength(segment?.customers ?? -1);
    expectSortedBy(rows, (id) => revenue(id, windowFrom, AS_OF));
  });

  it('静止户: by days since the last sale, longest first', () => {
    const rows = listed({ of: 'dormant', asOf: AS_OF, dormantDays: 90 }, 6);
    expectSortedBy(rows, quietDays);
    for (const r of rows) expect(r.figure).toBeGreaterThanOrEqual(90);
  });

  it('CLV buyers: by each buyer’s lifetime value (revenue ÷ years × lifespan × margin)', () => {
    const clv = { lifespanYears: 3, grossMargin: 0.25 };
    const rows = listed({ of: 'buyers', asOf: AS_OF, windowDays: WINDOW, clv }, 7);
    expectSortedBy(rows, (id) => (revenue(id, windowFrom, AS_OF) / (WINDOW / 365)) * clv.lifespanYears * clv.grossMargin);
  });

  it('a month of the time series: by revenue in that month', () => {
    const month = day(30).slice(0, 7);
    const rows = listed({ of: 'month', month, measure: 'active' }, 2);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    expectSortedBy(rows, (id) => revenue(id, `${month}-01`, last));
  });

  it('another column chosen: that order, the figures still beside their rows', () => {
    const { definition, figure } = drillQuery(ws, { of: 'dormant', asOf: AS_OF, dormantDays: 90 });
    const page = runCustomerQuery(ws, definition, { offset: 0, limit: 500, figure: figure ?? undefined, sort: { field: 'name', dir: 'asc' } });
    const names = page.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    page.rows.forEach((r, i) => expect(page.figures?.[i]).toBe(quietDays(r.id)));
  });

  it('a class or relationship drill has no figure', () => {
    expect(drillQuery(ws, { of: 'relationship', level: null }).figure).toBeNull();
  });
});
