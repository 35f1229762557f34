import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { drillQuery } from '../../../src-main/analysis/drill';
import { businessSummary, classDistribution, classPyramid, classTransitions, relationshipDistribution } from '../../../src-main/analysis/reports';
import { runReport } from '../../../src-main/analysis/run-report';
import {
  clvReport,
  dormantReport,
  managerPerformance,
  paretoReport,
  rfmReport,
  rfmScored,
  timeSeries,
} from '../../../src-main/analysis/sales-reports';
import { runWrite } from '../../../src-main/changelog/write-tx';
import type { Workspace } from '../../../src-main/db/workspace';
import { deleteBusinessRecord, insertBusinessRecord, updateBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { countQuery, matchingIds } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { validate } from '../../../src-main/services/shared/validate';
import { createNetwork, inviteStore } from '../../../src-main/sync/network/network-service';
import type { RfmScoring } from '../../../src-shared/analysis/rfm';
import { reportRequest } from '../../../src-shared/contract/report-requests';
import type { DrillTarget } from '../../../src-shared/contract/report-results';
import { businessRecordInput } from '../../../src-shared/domain/business';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// HQ reads every analysis report for one 门店 (issue 18). Proof, per report: the report filtered
// to a store equals the same report without a filter once only that store's customers are left
// (the others deleted, with their records), and every drill of the filtered report lists exactly
// the customers its figure counted, all of that store.

const AS_OF = '2026-06-30';
const WINDOW = 365;
const STORES = ['NJ01', 'SH01'] as const;
const SCORINGS: RfmScoring[] = [
  { kind: 'quantiles', buckets: 5 },
  { kind: 'thresholds', recency: [30, 120], frequency: [2, 3], monetary: [100_000, 1_000_000] },
];
const day = (offsetDays: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - offsetDays * 86_400_000).toISOString().slice(0, 10);

interface Built {
  ws: Workspace;
  schemeId: string;
  visitType: string;
  /** Customer id → its 门店 (null: none). */
  storeOf: Map<string, string | null>;
  records: { id: string; customerId: string }[];
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** HQ with two stores enrolled; 120 customers spread over NJ01, SH01, HQ and none, with orders, visits and two classified periods. */
function build(): Built {
  const t = tempWorkspace();
  cleanup = t.cleanup;
  const { ws } = t;
  createNetwork(ws, { code: 'HQ', name: '总部' });
  inviteStore(ws, { code: 'NJ01', name: '南京店' });
  inviteStore(ws, { code: 'SH01', name: '上海店' });
  const owners = [createEmployee(ws, testUser, { name: '王经理' }).id, createEmployee(ws, testUser, { name: '李经理' }).id];
  const visitType = createFromTemplate(ws, testUser, 'visit').id;
  const storeOf = new Map<string, string | null>();
  const records: { id: string; customerId: string }[] = [];
  const rows = fc.sample(
    fc.record({
      store: fc.constantFrom('NJ01', 'NJ01', 'SH01', 'SH01', 'HQ', null),
      customerClass: fc.constantFrom('A', 'B', null),
      province: fc.constantFrom('江苏', '上海', null),
      relationshipLevel: fc.constantFrom(1, 3, null),
      owner: fc.constantFrom(0, 1, null),
      visits: fc.array(fc.record({ ago: fc.constantFrom(3, 40, 400), done: fc.boolean() }), { maxLength: 2 }),
      orders: fc.array(
        fc.record({
          ago: fc.constantFrom(2, 10, 45, 200, 300, 400, 520),
          yuan: fc.constantFrom(100, 800, 5_000, 30_000),
          cancelled: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
    }),
    { numRuns: 120, seed: 1818 },
  );
  const add = (i: number, r: (typeof rows)[number], orders: readonly { ago: number; yuan: number; cancelled: boolean }[]) => {
    const c = createCustomer(ws, testUser, {
      name: `客户${i}`,
      storeCode: r.store,
      customerClass: r.customerClass,
      province: r.province,
      relationshipLevel: r.relationshipLevel,
      ownerId: r.owner === null ? null : owners[r.owner],
    });
    storeOf.set(c.id, r.store);
    for (const o of orders) {
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(o.ago),
        status: o.cancelled && o.yuan === 800 ? 'cancelled' : 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: o.yuan * 100 }],
      });
    }
    for (const v of r.visits) {
      const values = validate(businessRecordInput, { typeId: visitType, customerId: c.id, employeeId: owners[i % 2], title: '回访' });
      const id = runWrite(ws, testUser, (tx) => insertBusinessRecord(tx, values), { now: new Date(`${day(v.ago)}T09:30:00Z`) });
      if (v.done) updateBusinessRecord(ws, testUser, id, { status: 'done' });
      records.push({ id, customerId: c.id });
    }
    return c.id;
  };
  // The first 100 before the first period, the rest after it: absent from it ('—' in the transitions).
  rows.slice(0, 100).forEach((r, i) => add(i, r, r.orders));
  const scheme = saveScheme(ws, testUser, {
    name: 'ABC',
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: '核心' },
        { key: 'B', label: '重要' },
        { key: 'C', label: '一般' },
      ],
      windowDays: 365,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.7, 0.95, 1] },
    },
  });
  applyScheme(ws, testUser, scheme.id, '2025', '2025-12-31');
  rows.slice(100).forEach((r, i) => add(100 + i, r, [...r.orders, { ago: 5, yuan: 30_000, cancelled: false }]));
  applyScheme(ws, testUser, scheme.id, '2026', AS_OF);
  // A deleted customer of each store: in no report, filtered or not.
  for (const store of STORES) deleteCustomer(ws, testUser, [...storeOf].find(([, s]) => s === store)?.[0] as string);
  return { ws, schemeId: scheme.id, visitType, storeOf, records };
}

/** Every customer-rooted report, as main runs it for reports.run (`store`: the 门店 filter). */
function everyReport(b: Built, store?: string) {
  const { ws, schemeId, visitType } = b;
  return {
    pareto: paretoReport(ws, AS_OF, WINDOW, store),
    rfm: SCORINGS.map((s) => rfmReport(ws, AS_OF, WINDOW, s, store)),
    dormant: [30, 180].map((d) => dormantReport(ws, AS_OF, d, null, store)),
    timeSeries: ([undefined, 'class', 'province', 'store'] as const).map((by) => timeSeries(ws, '2024-12', '2026-06', by, store)),
    clv: clvReport(ws, AS_OF, WINDOW, 3, 0.3, store),
    managers: managerPerformance(ws, AS_OF, WINDOW, visitType, store),
    relationship: relationshipDistribution(ws, store),
    business: businessSummary(ws, visitType, AS_OF, WINDOW, store),
    pyramid: ['2025', '2026'].map((p) => classPyramid(ws, schemeId, p, store)),
    distribution: classDistribution(ws, schemeId, store),
    transitions: classTransitions(ws, schemeId, '2025', '2026', store),
  };
}

/** The drill's customers, checked to be a valid query whose count is its list's length. */
function drilled(ws: Workspace, target: DrillTarget, store?: string): string[] {
  const { definition } = drillQuery(ws, target, store);
  expect(queryProblems(ws, definition)).toEqual([]);
  const ids = matchingIds(ws, definition).sort();
  expect(countQuery(ws, definition)).toBe(ids.length);
  return ids;
}

describe('the 门店 filter of the analysis reports', () => {
  it.each(STORES)('each report for %s equals the report over only that store’s customers', (store) => {
    const b = build();
    const all = everyReport(b);
    const filtered = everyReport(b, store);
    // Not trivially everything or nothing.
    expect(filtered.pareto.customers).toBeGreaterThan(3);
    expect(filtered.pareto.customers).toBeLessThan(all.pareto.customers);
    expect(filtered.dormant[1]?.count).toBeGreaterThan(0);
    expect(filtered.transitions.up + filtered.transitions.down).toBeGreaterThan(0);
    expect(filtered.business.byStatus.length).toBeGreaterThan(0);
    expect(filtered.managers.some((m) => m.visitsDone > 0)).toBe(true);
    expect(filtered).not.toEqual(all);

    // Leave only the store's customers: the others deleted, and their visits (records outlive a
    // deleted customer in the business summary, as without the filter).
    for (const r of b.records) if (b.storeOf.get(r.customerId) !== store) deleteBusinessRecord(b.ws, testUser, r.id);
    for (const [id, s] of b.storeOf) {
      if (s === store) continue;
      try {
        deleteCustomer(b.ws, testUser, id);
      } catch {
        // The one deleted in build().
      }
    }
    expect(everyReport(b)).toEqual(filtered);
    expect(everyReport(b, store)).toEqual(filtered);
  });

  it.each(STORES)('every drill of the reports for %s lists exactly the store’s customers its figure counts', (store) => {
    const b = build();
    const { ws, schemeId } = b;
    const mine = (ids: string[]) => ids.every((id) => b.storeOf.get(id) === store);
    const r = everyReport(b, store);
    for (const [i, scoring] of SCORINGS.entries()) {
      const scored = rfmScored(ws, AS_OF, WINDOW, scoring, store);
      expect(scored.length).toBe(r.rfm[i]?.customers);
      for (const cell of r.rfm[i]?.heatmap ?? []) {
        const ids = drilled(ws, { of: 'rfmCell', asOf: AS_OF, windowDays: WINDOW, scoring, r: cell.r, f: cell.f }, store);
        expect(ids).toEqual(
          scored
            .filter((s) => s.r === cell.r && s.f === cell.f)
            .map((s) => s.id)
            .sort(),
        );
      }
      for (const segment of r.rfm[i]?.segments ?? []) {
        const ids = drilled(ws, { of: 'rfmSegment', asOf: AS_OF, windowDays: WINDOW, scoring, segment: segment.segment }, store);
        expect(ids.length).toBe(segment.customers);
        expect(mine(ids)).toBe(true);
      }
    }
    const top = drilled(ws, { of: 'paretoTop', asOf: AS_OF, windowDays: WINDOW, share: 0.2 }, store);
    expect(top.length).toBeGreaterThanOrEqual(Math.ceil(r.pareto.customers * 0.2));
    expect(top.length).toBeLessThan(r.pareto.customers);
    expect(mine(top)).toBe(true);
    for (const [p, period] of ['2025', '2026'].entries()) {
      for (const c of r.pyramid[p]?.classes ?? []) {
        expect(drilled(ws, { of: 'snapshotClass', schemeId, period, classKey: c.key }, store).length).toBe(c.customers);
      }
    }
    for (const m of r.transitions.matrix) {
      expect(drilled(ws, { of: 'transition', schemeId, from: '2025', to: '2026', fromClass: m.from, toClass: m.to }, store).length).toBe(m.customers);
    }
    const move = (m: 'up' | 'down' | 'same' | 'stopped') =>
      drilled(ws, { of: 'transitionMove', schemeId, from: '2025', to: '2026', move: m }, store).length;
    expect([move('up'), move('down'), move('same'), move('stopped')]).toEqual([
      r.transitions.up,
      r.transitions.down,
      r.transitions.same,
      r.transitions.stoppedBuying,
    ]);
    for (const [i, days] of [30, 180].entries()) {
      const ids = drilled(ws, { of: 'dormant', asOf: AS_OF, dormantDays: days }, store);
      expect(ids).toEqual((r.dormant[i]?.list.map((x) => x.id) ?? []).sort());
    }
    expect(drilled(ws, { of: 'buyers', asOf: AS_OF, windowDays: WINDOW }, store).length).toBe(r.clv.customers);
    for (const [i, by] of ([undefined, 'class', 'province', 'store'] as const).entries()) {
      const series = r.timeSeries[i] as ReturnType<typeof timeSeries>;
      for (const row of series.rows) {
        const target: DrillTarget = by
          ? { of: 'month', month: row.month, measure: 'active', by, key: row.k }
          : { of: 'month', month: row.month, measure: 'active' };
        expect(drilled(ws, target, store).length).toBe(row.active);
      }
      for (const n of series.newCustomers) expect(drilled(ws, { of: 'month', month: n.month, measure: 'new' }, store).length).toBe(n.n);
    }
    for (const level of r.relationship) expect(drilled(ws, { of: 'relationship', level: level.level }, store).length).toBe(level.customers);
    for (const m of r.managers) expect(drilled(ws, { of: 'owner', ownerId: m.id }, store).length).toBe(m.customers);
  });

  it('takes the store as reports.run does: checked and upper-cased at the boundary, an unknown code reads empty', async () => {
    const b = build();
    const parsed = reportRequest.parse({ kind: 'pareto', asOf: AS_OF, windowDays: WINDOW, store: ' nj01 ' });
    expect(parsed).toMatchObject({ store: 'NJ01' });
    expect(await runReport(b.ws, parsed)).toEqual(paretoReport(b.ws, AS_OF, WINDOW, 'NJ01'));
    for (const bad of ['南京店', 'N', 'NJ01; --', '']) {
      expect(reportRequest.safeParse({ kind: 'relationship', store: bad }).success).toBe(false);
    }
    expect(reportRequest.safeParse({ kind: 'drill', target: { of: 'relationship', level: null }, store: 'SH01' }).success).toBe(true);
    const nobody = everyReport(b, 'GZ09');
    expect([nobody.pareto.customers, nobody.pareto.allCustomers, nobody.dormant[1]?.count, nobody.clv.customers]).toEqual([0, 0, 0, 0]);
    expect(nobody.relationship).toEqual([]);
    expect(nobody.pyramid[1]?.classes.every((c) => c.customers === 0)).toBe(true);
    expect(nobody.managers.every((m) => m.customers === 0 && m.revenue === 0 && m.visitsPlanned === 0)).toBe(true);
  });
});
