import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScheme, saveScheme, snapshotClasses, type Scheme } from '../../../src-main/analysis/classification-service';
import { transitionMatrix } from '../../../src-shared/analysis/contribution';
import { drillQuery } from '../../../src-main/analysis/drill';
import { classDistribution, classPyramid, classTransitions, relationshipDistribution } from '../../../src-main/analysis/reports';
import {
  clvReport,
  dormantReport,
  managerPerformance,
  paretoReport,
  rfmReport,
  rfmScored,
  timeSeries,
} from '../../../src-main/analysis/sales-reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { countQuery, matchingIds } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import type { DrillTarget } from '../../../src-shared/contract/report-results';
import type { RfmScoring } from '../../../src-shared/analysis/rfm';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Every drill-down is an ordinary customer query: run against a real workspace, it must list
// exactly the customers the report counted in that bar, slice or cell.

const AS_OF = '2026-06-30';
const WINDOW = 365;

let ws: Workspace;
let cleanup: () => void;
let scheme: Scheme;
const owners: string[] = [];

const day = (offsetDays: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(() => {
  ({ ws, cleanup } = tempWorkspace());
  owners.push(createEmployee(ws, testUser, { name: '王经理' }).id, createEmployee(ws, testUser, { name: '李经理' }).id);
  const rows = fc.sample(
    fc.record({
      customerClass: fc.constantFrom('A', 'B', 'C', null),
      province: fc.constantFrom('广东', '浙江', null),
      relationshipLevel: fc.constantFrom(1, 3, 4, null),
      owner: fc.constantFrom(0, 1, null),
      // Days before AS_OF, some outside the window, some repeated so scores tie.
      orders: fc.array(
        fc.record({
          ago: fc.constantFrom(2, 10, 10, 45, 90, 200, 300, 400, 520),
          yuan: fc.constantFrom(100, 800, 800, 5_000, 30_000),
          cancelled: fc.boolean(),
        }),
        {
          maxLength: 6,
        },
      ),
    }),
    { numRuns: 90, seed: 4242 },
  );
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const c = createCustomer(ws, testUser, {
      name: `客户${i}`,
      customerClass: r.customerClass,
      province: r.province,
      relationshipLevel: r.relationshipLevel,
      ownerId: r.owner === null ? null : owners[r.owner],
    });
    ids.push(c.id);
    for (const o of r.orders) {
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(o.ago),
        status: o.cancelled && o.yuan === 800 ? 'cancelled' : 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: o.yuan * 100 }],
      });
    }
  }
  scheme = saveScheme(ws, testUser, {
    name: 'ABCD',
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: '核心' },
        { key: 'B', label: '重要' },
        { key: 'C', label: '一般' },
        { key: 'D', label: '其他' },
      ],
      windowDays: 365,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.6, 0.85, 0.97, 1] },
    },
  });
  applyScheme(ws, testUser, scheme.id, '2025', '2025-12-31');
  // Customers added after the first period are absent from it ('—' in the transitions).
  for (let i = 0; i < 3; i += 1) {
    const c = createCustomer(ws, testUser, { name: `新客户${i}` });
    createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: day(5 + i),
      status: 'confirmed',
      lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 9_000_000 }],
    });
  }
  applyScheme(ws, testUser, scheme.id, '2026', AS_OF);
  // A deleted customer stays in the snapshots and the orders but in no report or drill.
  deleteCustomer(ws, testUser, ids[0] as string);
});
afterAll(() => cleanup());

function drilled(target: DrillTarget): string[] {
  const { definition } = drillQuery(ws, target);
  expect(queryProblems(ws, definition)).toEqual([]);
  const ids = matchingIds(ws, definition).sort();
  expect(countQuery(ws, definition)).toBe(ids.length);
  return ids;
}

describe('drill-downs as customer queries', () => {
  const scorings: RfmScoring[] = [
    { kind: 'quantiles', buckets: 5 },
    { kind: 'quantiles', buckets: 3 },
    { kind: 'thresholds', recency: [30, 120], frequency: [2, 3], monetary: [100_000, 1_000_000] },
  ];

  it.each(scorings)('lists exactly the customers of every R×F cell and RFM segment (%o)', (scoring) => {
    const scored = rfmScored(ws, AS_OF, WINDOW, scoring);
    const report = rfmReport(ws, AS_OF, WINDOW, scoring);
    expect(report.heatmap.length).toBeGreaterThan(1);
    for (const cell of report.heatmap) {
      const ids = drilled({ of: 'rfmCell', asOf: AS_OF, windowDays: WINDOW, scoring, r: cell.r, f: cell.f });
      expect(ids).toEqual(
        scored
          .filter((s) => s.r === cell.r && s.f === cell.f)
          .map((s) => s.id)
          .sort(),
      );
    }
    for (const segment of report.segments) {
      const ids = drilled({ of: 'rfmSegment', asOf: AS_OF, windowDays: WINDOW, scoring, segment: segment.segment });
      expect(ids).toEqual(
        scored
          .filter((s) => s.segment === segment.segment)
          .map((s) => s.id)
          .sort(),
      );
    }
  });

  it('an empty R×F cell lists nobody', () => {
    expect(drilled({ of: 'rfmCell', asOf: AS_OF, windowDays: WINDOW, scoring: { kind: 'quantiles', buckets: 5 }, r: 5, f: 5 }).length).toBe(
      rfmReport(ws, AS_OF, WINDOW, { kind: 'quantiles', buckets: 5 }).heatmap.find((c) => c.r === 5 && c.f === 5)?.customers ?? 0,
    );
  });

  it('lists the Pareto top share (ties at the cut included)', () => {
    const pareto = paretoReport(ws, AS_OF, WINDOW);
    const n = drilled({ of: 'paretoTop', asOf: AS_OF, windowDays: WINDOW, share: 0.2 }).length;
    expect(n).toBeGreaterThanOrEqual(Math.ceil(pareto.customers * 0.2));
    expect(n).toBeLessThan(pareto.customers);
  });

  it('lists each class of a period from its snapshot: pyramid, distribution and transitions', () => {
    const distribution = classDistribution(ws, scheme.id);
    expect(distribution.periods).toEqual(['2025', '2026']);
    for (const [p, period] of distribution.periods.entries()) {
      const pyramid = classPyramid(ws, scheme.id, period);
      for (const c of pyramid.classes) {
        const n = drilled({ of: 'snapshotClass', schemeId: scheme.id, period, classKey: c.key }).length;
        expect(n).toBe(c.customers);
        expect(n).toBe(distribution.series.find((s) => s.key === c.key)?.counts[p]);
      }
    }
    const transitions = classTransitions(ws, scheme.id, '2025', '2026');
    expect(transitions.matrix.some((m) => m.from === '—')).toBe(true);
    for (const m of transitions.matrix) {
      expect(drilled({ of: 'transition', schemeId: scheme.id, from: '2025', to: '2026', fromClass: m.from, toClass: m.to }).length).toBe(m.customers);
    }
    // The SQL-grouped matrix against the plain model over both periods' classes.
    const before = snapshotClasses(ws, scheme.id, '2025');
    const after = snapshotClasses(ws, scheme.id, '2026');
    const order = scheme.definition.classes.map((c) => c.key);
    expect(transitions.matrix).toEqual(transitionMatrix(before, after, order));
    const moves = [...after].filter(([id]) => before.has(id)).map(([id, a]) => order.indexOf(a) - order.indexOf(before.get(id) as string));
    expect([transitions.up, transitions.down, transitions.same]).toEqual([
      moves.filter((d) => d < 0).length,
      moves.filter((d) => d > 0).length,
      moves.filter((d) => d === 0).length,
    ]);
    expect(transitions.up + transitions.down).toBeGreaterThan(0);
    // The totals drill too: moved up, down, stayed, and stopped buying (bought in the first
    // period's window, nothing in the second's), each exactly the customers the report counted.
    const move = (m: 'up' | 'down' | 'same' | 'stopped') => drilled({ of: 'transitionMove', schemeId: scheme.id, from: '2025', to: '2026', move: m });
    const [up, down, same] = [move('up'), move('down'), move('same')];
    expect([up.length, down.length, same.length]).toEqual([transitions.up, transitions.down, transitions.same]);
    const movedUp = [...after]
      .filter(([id, a]) => before.has(id) && order.indexOf(a) < order.indexOf(before.get(id) as string))
      .map(([id]) => id)
      .sort();
    expect(up).toEqual(movedUp);
    expect(new Set([...up, ...down, ...same]).size).toBe(up.length + down.length + same.length);
    const stopped = move('stopped');
    expect(stopped.length).toBe(transitions.stoppedBuying);
    expect(transitions.stoppedBuying).toBeGreaterThan(0);
    const revenue = (period: string, id: string) =>
      (
        JSON.parse(
          ws.db
            .prepare('SELECT metrics FROM classification_snapshots WHERE scheme_id = ? AND period = ? AND customer_id = ?')
            .pluck()
            .get(scheme.id, period, id) as string,
        ) as { revenue: number }
      ).revenue;
    for (const id of stopped) expect([revenue('2025', id) > 0, revenue('2026', id)]).toEqual([true, 0]);
  });

  it('lists the dormant customers', () => {
    for (const days of [30, 180, 365]) {
      expect(drilled({ of: 'dormant', asOf: AS_OF, dormantDays: days }).length).toBe(dormantReport(ws, AS_OF, days).count);
    }
  });

  it('lists the customers the lifetime value is averaged over', () => {
    for (const days of [30, 365]) {
      const clv = clvReport(ws, AS_OF, days, 3, 0.3);
      expect(clv.customers).toBeGreaterThan(0);
      expect(drilled({ of: 'buyers', asOf: AS_OF, windowDays: days }).length).toBe(clv.customers);
    }
  });

  it('lists the active and new customers of each month, whole and by class or province', () => {
    const whole = timeSeries(ws, '2025-01', '2026-06');
    expect(whole.rows.length).toBeGreaterThan(5);
    for (const r of whole.rows) expect(drilled({ of: 'month', month: r.month, measure: 'active' }).length).toBe(r.active);
    for (const n of whole.newCustomers) expect(drilled({ of: 'month', month: n.month, measure: 'new' }).length).toBe(n.n);
    for (const by of ['class', 'province'] as const) {
      const split = timeSeries(ws, '2025-01', '2026-06', by);
      expect(split.rows.some((r) => r.k === null)).toBe(true);
      for (const r of split.rows) expect(drilled({ of: 'month', month: r.month, measure: 'active', by, key: r.k }).length).toBe(r.active);
    }
  });

  it('lists the customers of each relationship level and each account manager', () => {
    for (const r of relationshipDistribution(ws)) expect(drilled({ of: 'relationship', level: r.level }).length).toBe(r.customers);
    for (const m of managerPerformance(ws, AS_OF, WINDOW)) expect(drilled({ of: 'owner', ownerId: m.id }).length).toBe(m.customers);
  });
});
