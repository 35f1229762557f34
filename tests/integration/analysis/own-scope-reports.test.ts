import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyScheme, previewScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { drillQuery } from '../../../src-main/analysis/drill';
import { businessSummary, classDistribution, classPyramid, classTransitions, relationshipDistribution } from '../../../src-main/analysis/reports';
import { salesDateRange } from '../../../src-main/analysis/sales-dates';
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
import { withScope, type ScopeLimit } from '../../../src-main/people/record-scope';
import { deleteBusinessRecord, insertBusinessRecord, updateBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { countQuery, matchingIds } from '../../../src-main/services/query/run-query';
import { addCustomerStaff, removeCustomerStaff } from '../../../src-main/services/sales/customer-staff-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { validate } from '../../../src-main/services/shared/validate';
import type { RfmScoring } from '../../../src-shared/analysis/rfm';
import type { DrillTarget } from '../../../src-shared/contract/report-results';
import { businessRecordInput } from '../../../src-shared/domain/business';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Issue 19: reports under record scope 'own'. Proof, per report: run under a staff member's scope
// it equals the same report run unrestricted (as a manager) once every customer outside that scope
// is deleted (with its business records) — so no figure, rank or quantile depends on a colleague's
// customer — and every drill of it lists exactly the customers its figure counted, all visible.
// The same pattern as the 门店 filter's proof (store-filter.test.ts).

const AS_OF = '2026-06-30';
const WINDOW = 365;
const SCORINGS: RfmScoring[] = [
  { kind: 'quantiles', buckets: 5 },
  { kind: 'thresholds', recency: [30, 120], frequency: [2, 3], monetary: [100_000, 1_000_000] },
];
const PREVIEW = {
  classes: [
    { key: 'A', label: '核心' },
    { key: 'B', label: '重要' },
    { key: 'C', label: '一般' },
  ],
  windowDays: 365,
  method: { kind: 'contribution' as const, metric: 'revenue' as const, cuts: [0.7, 0.95, 1] },
};
const day = (offsetDays: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - offsetDays * 86_400_000).toISOString().slice(0, 10);

interface Built {
  ws: Workspace;
  schemeId: string;
  visitType: string;
  employees: string[];
  /** Customer id → its owner (null: shared). */
  ownerOf: Map<string, string | null>;
  /** Customer id → employees serving it (live customer_staff rows). */
  servedBy: Map<string, Set<string>>;
  records: { id: string; customerId: string }[];
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** Three salespeople; 120 customers owned by them or nobody, some served by a colleague, with orders, visits and two classified periods. */
function build(): Built {
  const t = tempWorkspace();
  cleanup = t.cleanup;
  const { ws } = t;
  const employees = ['王一', '李二', '张三'].map((name) => createEmployee(ws, testUser, { name }).id);
  const visitType = createFromTemplate(ws, testUser, 'visit').id;
  const ownerOf = new Map<string, string | null>();
  const servedBy = new Map<string, Set<string>>();
  const records: { id: string; customerId: string }[] = [];
  const rows = fc.sample(
    fc.record({
      owner: fc.constantFrom(0, 0, 1, 1, 2, null),
      served: fc.constantFrom(null, null, null, 0, 1, 'removed' as const),
      customerClass: fc.constantFrom('A', 'B', null),
      province: fc.constantFrom('江苏', '江苏省', '上海', null),
      relationshipLevel: fc.constantFrom(1, 3, null),
      visits: fc.array(fc.record({ ago: fc.constantFrom(3, 40, 400), done: fc.boolean(), by: fc.constantFrom(0, 1, 2) }), { maxLength: 2 }),
      orders: fc.array(
        fc.record({
          ago: fc.constantFrom(2, 10, 45, 200, 300, 400, 520),
          yuan: fc.constantFrom(100, 800, 5_000, 30_000),
          cancelled: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
    }),
    { numRuns: 120, seed: 1919 },
  );
  const add = (i: number, r: (typeof rows)[number], orders: readonly { ago: number; yuan: number; cancelled: boolean }[]) => {
    const ownerId = r.owner === null ? null : (employees[r.owner] as string);
    const c = createCustomer(ws, testUser, {
      name: `客户${i}`,
      customerClass: r.customerClass,
      province: r.province,
      relationshipLevel: r.relationshipLevel,
      ownerId,
    });
    ownerOf.set(c.id, ownerId);
    servedBy.set(c.id, new Set());
    if (r.served !== null) {
      const employeeId = employees[r.served === 'removed' ? 0 : r.served] as string;
      const staff = addCustomerStaff(ws, testUser, { customerId: c.id, employeeId, role: '协助' });
      // A removed staff row serves no more: the customer is not theirs through it.
      if (r.served === 'removed') removeCustomerStaff(ws, testUser, staff);
      else servedBy.get(c.id)?.add(employeeId);
    }
    for (const o of orders) {
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: day(o.ago),
        status: o.cancelled && o.yuan === 800 ? 'cancelled' : 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: o.yuan * 100 }],
      });
    }
    for (const v of r.visits) {
      const values = validate(businessRecordInput, { typeId: visitType, customerId: c.id, employeeId: employees[v.by], title: '回访' });
      const id = runWrite(ws, testUser, (tx) => insertBusinessRecord(tx, values), { now: new Date(`${day(v.ago)}T09:30:00Z`) });
      if (v.done) updateBusinessRecord(ws, testUser, id, { status: 'done' });
      records.push({ id, customerId: c.id });
    }
    return c.id;
  };
  rows.slice(0, 100).forEach((r, i) => add(i, r, r.orders));
  const scheme = saveScheme(ws, testUser, { name: 'ABC', setsCustomerClass: false, definition: PREVIEW });
  applyScheme(ws, testUser, scheme.id, '2025', '2025-12-31');
  rows.slice(100).forEach((r, i) => add(100 + i, r, [...r.orders, { ago: 5, yuan: 30_000, cancelled: false }]));
  applyScheme(ws, testUser, scheme.id, '2026', AS_OF);
  // A deleted customer of each salesperson: in no report, scoped or not.
  for (const e of employees) deleteCustomer(ws, testUser, [...ownerOf].find(([, o]) => o === e)?.[0] as string);
  return { ws, schemeId: scheme.id, visitType, employees, ownerOf, servedBy, records };
}

/** Every report (and a scheme's preview) as the report worker runs it for reports.run. */
function everyReport(b: Built) {
  const { ws, schemeId, visitType } = b;
  return {
    pareto: paretoReport(ws, AS_OF, WINDOW),
    rfm: SCORINGS.map((s) => rfmReport(ws, AS_OF, WINDOW, s)),
    dormant: [30, 180].map((d) => dormantReport(ws, AS_OF, d, null)),
    timeSeries: ([undefined, 'class', 'province'] as const).map((by) => timeSeries(ws, '2024-12', '2026-06', by)),
    clv: clvReport(ws, AS_OF, WINDOW, 3, 0.3),
    managers: managerPerformance(ws, AS_OF, WINDOW, visitType),
    relationship: relationshipDistribution(ws),
    business: businessSummary(ws, visitType, AS_OF, WINDOW),
    pyramid: ['2025', '2026'].map((p) => classPyramid(ws, schemeId, p)),
    distribution: classDistribution(ws, schemeId),
    transitions: classTransitions(ws, schemeId, '2025', '2026'),
    preview: previewScheme(ws, PREVIEW, AS_OF),
    salesDates: salesDateRange(ws),
  };
}

/** The scope of salesperson `who` (an index into the employees), or of one without an employee (shared customers only). */
const scopeOf = (b: Built, who: number | null): ScopeLimit => ({ employeeId: who === null ? null : (b.employees[who] as string) });
const sees = (b: Built, scope: ScopeLimit, id: string): boolean => {
  const owner = b.ownerOf.get(id) ?? null;
  const employee = scope?.employeeId ?? null;
  return owner === null || (employee !== null && (owner === employee || (b.servedBy.get(id)?.has(employee) ?? false)));
};

/** The drill's customers under the scope, checked to be a valid query whose count is its list's length. */
function drilled(ws: Workspace, scope: ScopeLimit, target: DrillTarget): string[] {
  return withScope(scope, () => {
    const { definition } = drillQuery(ws, target);
    expect(queryProblems(ws, definition)).toEqual([]);
    const ids = matchingIds(ws, definition).sort();
    expect(countQuery(ws, definition)).toBe(ids.length);
    return ids;
  });
}

describe("the analysis reports under record scope 'own'", () => {
  it.each([0, 1, null])('each report for salesperson %s equals the manager’s report once only their customers are left', (who) => {
    const b = build();
    const scope = scopeOf(b, who);
    const all = everyReport(b);
    const mine = withScope(scope, () => everyReport(b));
    // Not trivially everything or nothing.
    expect(mine.pareto.customers).toBeGreaterThan(3);
    expect(mine.pareto.customers).toBeLessThan(all.pareto.customers);
    expect(mine.dormant[1]?.count).toBeGreaterThan(0);
    expect(mine.transitions.up + mine.transitions.down).toBeGreaterThan(0);
    expect(mine.business.byStatus.length).toBeGreaterThan(0);
    expect(mine.managers.some((m) => m.visitsDone > 0)).toBe(true);
    expect(mine).not.toEqual(all);

    // The manager's copy: every customer outside the scope deleted, with its visits.
    for (const r of b.records) if (!sees(b, scope, r.customerId)) deleteBusinessRecord(b.ws, testUser, r.id);
    for (const id of b.ownerOf.keys()) {
      if (sees(b, scope, id)) continue;
      try {
        deleteCustomer(b.ws, testUser, id);
      } catch {
        // One of those deleted in build().
      }
    }
    const copy = everyReport(b);
    // Orders of deleted customers still count as sales days for the manager (as before this
    // change): the first/last sale is compared with the copy's orders of live customers.
    const { salesDates: mineDates, ...mineRest } = mine;
    const { salesDates: _copyDates, ...copyRest } = copy;
    expect(mineRest).toEqual(copyRest);
    const liveDays = b.ws.db
      .prepare(
        `SELECT min(order_date) AS first, max(order_date) AS last FROM orders o WHERE deleted = 0 AND status <> 'cancelled'
           AND customer_id IN (SELECT value FROM json_each(?))`,
      )
      .get(JSON.stringify([...b.ownerOf.keys()].filter((id) => sees(b, scope, id)))) as { first: string; last: string };
    expect(mineDates).toEqual({ firstOrderDate: liveDays.first, lastOrderDate: liveDays.last });
    expect(withScope(scope, () => everyReport(b))).toEqual(mine);
  });

  it('every drill of a salesperson’s reports lists exactly their customers its figure counts', () => {
    const b = build();
    const { ws, schemeId } = b;
    const scope = scopeOf(b, 0);
    const visible = (ids: string[]) => ids.every((id) => sees(b, scope, id));
    const r = withScope(scope, () => everyReport(b));
    for (const [i, scoring] of SCORINGS.entries()) {
      const scored = withScope(scope, () => rfmScored(ws, AS_OF, WINDOW, scoring));
      expect(scored.length).toBe(r.rfm[i]?.customers);
      expect(visible(scored.map((s) => s.id))).toBe(true);
      for (const cell of r.rfm[i]?.heatmap ?? []) {
        const ids = drilled(ws, scope, { of: 'rfmCell', asOf: AS_OF, windowDays: WINDOW, scoring, r: cell.r, f: cell.f });
        expect(ids).toEqual(
          scored
            .filter((s) => s.r === cell.r && s.f === cell.f)
            .map((s) => s.id)
            .sort(),
        );
      }
      for (const segment of r.rfm[i]?.segments ?? []) {
        const ids = drilled(ws, scope, { of: 'rfmSegment', asOf: AS_OF, windowDays: WINDOW, scoring, segment: segment.segment });
        expect(ids.length).toBe(segment.customers);
        expect(visible(ids)).toBe(true);
      }
    }
    const top = drilled(ws, scope, { of: 'paretoTop', asOf: AS_OF, windowDays: WINDOW, share: 0.2 });
    expect(top.length).toBeGreaterThanOrEqual(Math.ceil(r.pareto.customers * 0.2));
    expect(top.length).toBeLessThan(r.pareto.customers);
    expect(visible(top)).toBe(true);
    for (const [p, period] of ['2025', '2026'].entries()) {
      for (const c of r.pyramid[p]?.classes ?? []) {
        expect(drilled(ws, scope, { of: 'snapshotClass', schemeId, period, classKey: c.key }).length).toBe(c.customers);
      }
    }
    for (const m of r.transitions.matrix) {
      expect(drilled(ws, scope, { of: 'transition', schemeId, from: '2025', to: '2026', fromClass: m.from, toClass: m.to }).length).toBe(m.customers);
    }
    const move = (m: 'up' | 'down' | 'same' | 'stopped') =>
      drilled(ws, scope, { of: 'transitionMove', schemeId, from: '2025', to: '2026', move: m }).length;
    expect([move('up'), move('down'), move('same'), move('stopped')]).toEqual([
      r.transitions.up,
      r.transitions.down,
      r.transitions.same,
      r.transitions.stoppedBuying,
    ]);
    for (const [i, days] of [30, 180].entries()) {
      expect(drilled(ws, scope, { of: 'dormant', asOf: AS_OF, dormantDays: days })).toEqual((r.dormant[i]?.list.map((x) => x.id) ?? []).sort());
    }
    expect(drilled(ws, scope, { of: 'buyers', asOf: AS_OF, windowDays: WINDOW }).length).toBe(r.clv.customers);
    for (const [i, by] of ([undefined, 'class', 'province'] as const).entries()) {
      const series = r.timeSeries[i] as ReturnType<typeof timeSeries>;
      for (const row of series.rows) {
        const target: DrillTarget = by
          ? { of: 'month', month: row.month, measure: 'active', by, key: row.k }
          : { of: 'month', month: row.month, measure: 'active' };
        expect(drilled(ws, scope, target).length).toBe(row.active);
      }
      for (const n of series.newCustomers) expect(drilled(ws, scope, { of: 'month', month: n.month, measure: 'new' }).length).toBe(n.n);
    }
    for (const level of r.relationship) expect(drilled(ws, scope, { of: 'relationship', level: level.level }).length).toBe(level.customers);
    for (const m of r.managers) expect(drilled(ws, scope, { of: 'owner', ownerId: m.id }).length).toBe(m.customers);
  });
});
