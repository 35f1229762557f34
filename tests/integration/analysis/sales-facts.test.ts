import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerMetrics, windowEnding } from '../../../src-main/analysis/customer-metrics';
import { clvReport, dormantReport, managerPerformance, paretoRevenues, rfmReport, timeSeries } from '../../../src-main/analysis/sales-reports';
import { CODED_CUSTOMER_FIELDS, FACTS_LIMITS, SalesFacts } from '../../../src-main/analysis/facts/sales-facts';
import { salesFacts } from '../../../src-main/analysis/facts/facts-cache';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createOrder, deleteOrder, updateOrder } from '../../../src-main/services/sales/order-service';
import { ORDER_STATUSES } from '../../../src-shared/domain/sales';
import { KecardError } from '../../../src-shared/errors';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The sales reports read in-memory facts that follow the change log. Random writes — through the
// services, through a second connection to the same file (another window, another user), undo —
// interleaved with reports: every report must equal what plain SQL rows say at that moment.

const AS_OF = '2026-06-30';
const WINDOW = 365;
const DORMANT = 90;
const day = (ago: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - ago * 86_400_000).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

const cls = fc.constantFrom('A', 'B', null);
const province = fc.constantFrom('广东省', '浙江省', null);
const owner = fc.constantFrom(0, 1, 2, null);
// Fields the facts only hold for the query builder: they must follow the log all the same.
const city = fc.constantFrom('深圳市', '杭州市', null);
const lifecycle = fc.constantFrom('prospect' as const, 'repeat' as const, 'dormant' as const);
const tags = fc.subarray(['VIP', '展会', '老客户']);
const ago = fc.integer({ min: -20, max: 900 });
const via = fc.boolean();
const command = fc.oneof(
  fc.record({ kind: fc.constant('customer' as const), cls, province, owner, city, lifecycle, tags, via }),
  {
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      customer: fc.nat(),
      ago,
      yuan: fc.integer({ min: 0, max: 9_000 }),
      status: fc.constantFrom(...ORDER_STATUSES),
      via,
    }),
    weight: 4,
  },
  fc.record({
    kind: fc.constant('editOrder' as const),
    order: fc.nat(),
    ago: fc.option(ago),
    status: fc.option(fc.constantFrom(...ORDER_STATUSES)),
    yuan: fc.option(fc.integer({ min: 0, max: 9_000 })),
    via,
  }),
  fc.record({ kind: fc.constant('deleteOrder' as const), order: fc.nat(), via }),
  fc.record({ kind: fc.constant('editCustomer' as const), customer: fc.nat(), cls, province, owner, city, lifecycle, tags, via }),
  fc.record({ kind: fc.constant('deleteCustomer' as const), customer: fc.nat(), via }),
  fc.record({ kind: fc.constant('undo' as const), customer: fc.nat(), via }),
  fc.record({ kind: fc.constant('check' as const) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

interface Row {
  customerId: string;
  date: string;
  total: number;
  sale: boolean;
}

/** The model: live orders of live customers, and live customers, straight from the tables. */
function model(ws: Workspace) {
  const customers = ws.db.prepare('SELECT id, class, province, owner_id AS ownerId FROM customers WHERE deleted = 0 ORDER BY id').all() as {
    id: string;
    class: string | null;
    province: string | null;
    ownerId: string | null;
  }[];
  const orders = (
    ws.db
      .prepare(
        `SELECT o.customer_id AS customerId, o.order_date AS date, o.total_fen AS total, (o.deleted = 0 AND o.status <> 'cancelled') AS sale
         FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.deleted = 0`,
      )
      .all() as Row[]
  ).filter((o) => o.sale);
  return { customers, orders };
}

/** Every customer's coded columns, decoded, equal the table's (deleted customers too: queries test them). */
function checkCodedColumns(ws: Workspace): void {
  const facts = salesFacts(ws);
  const sql = `SELECT id, deleted, seq, ${CODED_CUSTOMER_FIELDS.map((f) => f.sql).join(', ')} FROM customers ORDER BY id`;
  const fromFacts = facts.customerIds.map((id, c) => [
    id,
    facts.customerDeleted[c],
    facts.customerSeq[c],
    ...CODED_CUSTOMER_FIELDS.map((f) => facts[f.dictionary].values[facts[f.column][c] as number]),
  ]);
  expect(fromFacts.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))).toEqual(ws.db.prepare(sql).raw(true).all());
  for (const [c, seq] of facts.customerSeq.subarray(0, facts.customerCount).entries()) expect(facts.customerOfSeq(seq)).toBe(c);
}

function check(ws: Workspace): void {
  checkCodedColumns(ws);
  const { customers, orders } = model(ws);
  const w = windowEnding(AS_OF, WINDOW);
  const inWindow = orders.filter((o) => o.date >= w.from && o.date <= w.to);
  const byCustomer = (rows: Row[]) => {
    const m = new Map<string, { revenue: number; orders: number; first: string; last: string }>();
    for (const o of rows) {
      const x = m.get(o.customerId) ?? { revenue: 0, orders: 0, first: o.date, last: o.date };
      x.revenue += o.total;
      x.orders += 1;
      if (o.date < x.first) x.first = o.date;
      if (o.date > x.last) x.last = o.date;
      m.set(o.customerId, x);
    }
    return m;
  };
  const win = byCustomer(inWindow);
  const upTo = byCustomer(orders.filter((o) => o.date <= AS_OF));

  expect(Array.from(paretoRevenues(ws, AS_OF, WINDOW)).sort((a, b) => a - b)).toEqual(
    [...win.values()]
      .map((x) => x.revenue)
      .filter((r) => r > 0)
      .sort((a, b) => a - b),
  );
  // A buyer has revenue > 0 in the window: Pareto, RFM and the lifetime value count the same customers.
  const buyers = [...win.values()].filter((x) => x.revenue > 0);
  expect(rfmReport(ws, AS_OF, WINDOW, { kind: 'quantiles', buckets: 3 }).customers).toBe(buyers.length);

  const clv = clvReport(ws, AS_OF, WINDOW, 3, 0.3);
  expect([clv.revenue, clv.orders, clv.customers]).toEqual([
    inWindow.reduce((a, o) => a + o.total, 0),
    buyers.reduce((a, x) => a + x.orders, 0),
    buyers.length,
  ]);

  const dormant = [...upTo.entries()].filter(([, x]) => dayMs(x.last) <= dayMs(AS_OF) - DORMANT * 86_400_000);
  const dormantIds = new Set(dormant.map(([id]) => id));
  const atRisk = orders
    .filter((o) => dormantIds.has(o.customerId))
    .filter((o) => {
      const last = upTo.get(o.customerId)?.last as string;
      return o.date <= last && dayMs(o.date) > dayMs(last) - 365 * 86_400_000;
    })
    .reduce((a, o) => a + o.total, 0);
  const report = dormantReport(ws, AS_OF, DORMANT);
  expect([report.count, report.valueAtRisk]).toEqual([dormant.length, atRisk]);
  // Most dormant first (the earliest last order); equal days in the order the customers were created.
  const created = new Map((ws.db.prepare('SELECT id FROM customers ORDER BY rowid').pluck().all() as string[]).map((id, i) => [id, i]));
  const expected = dormant
    .map(([id, x]) => [id, x.last] as const)
    .sort((a, b) => (a[1] === b[1] ? (created.get(a[0]) as number) - (created.get(b[0]) as number) : a[1] < b[1] ? -1 : 1));
  expect(report.list.map((r) => [r.id, r.lastOrder])).toEqual(expected);

  // Months of 2025-01 … 2026-06 by class: revenue, orders, distinct active customers, first sales.
  const classOf = new Map(customers.map((c) => [c.id, c.class]));
  const cells = new Map<string, { revenue: number; orders: number; active: Set<string> }>();
  for (const o of orders.filter((x) => x.date >= '2025-01-01' && x.date < '2026-07-01')) {
    const key = `${o.date.slice(0, 7)}|${classOf.get(o.customerId) ?? ''}`;
    const x = cells.get(key) ?? { revenue: 0, orders: 0, active: new Set<string>() };
    x.revenue += o.total;
    x.orders += 1;
    if (o.total > 0) x.active.add(o.customerId);
    cells.set(key, x);
  }
  const series = timeSeries(ws, '2025-01', '2026-06', 'class');
  expect(Object.fromEntries(series.rows.map((r) => [`${r.month}|${r.k ?? ''}`, [r.revenue, r.orders, r.active]]))).toEqual(
    Object.fromEntries([...cells.entries()].map(([k, x]) => [k, [x.revenue, x.orders, x.active.size]])),
  );
  const firsts = new Map<string, number>();
  for (const x of byCustomer(orders).values())
    if (x.first >= '2025-01-01' && x.first < '2026-07-01') firsts.set(x.first.slice(0, 7), (firsts.get(x.first.slice(0, 7)) ?? 0) + 1);
  expect(Object.fromEntries(series.newCustomers.map((r) => [r.month, r.n]))).toEqual(Object.fromEntries(firsts));

  const perOwner = new Map<string, { customers: number; revenue: number }>();
  for (const c of customers.filter((x) => x.ownerId)) {
    const x = perOwner.get(c.ownerId as string) ?? { customers: 0, revenue: 0 };
    x.customers += 1;
    x.revenue += win.get(c.id)?.revenue ?? 0;
    perOwner.set(c.ownerId as string, x);
  }
  for (const m of managerPerformance(ws, AS_OF, WINDOW))
    expect([m.customers, m.revenue]).toEqual([perOwner.get(m.id)?.customers ?? 0, perOwner.get(m.id)?.revenue ?? 0]);

  const metrics = customerMetrics(ws, w).sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(metrics.map((m) => [m.id, m.customerClass, m.revenue, m.orders, m.firstOrder, m.lastOrder])).toEqual(
    customers.map((c) => [
      c.id,
      c.class,
      win.get(c.id)?.revenue ?? 0,
      win.get(c.id)?.orders ?? 0,
      upTo.get(c.id)?.first ?? null,
      upTo.get(c.id)?.last ?? null,
    ]),
  );
}

function run(ws: Workspace, other: Workspace, owners: string[], commands: Command[]): void {
  const customers: string[] = [];
  const orders: { id: string; customerId: string }[] = [];
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  for (const c of commands) {
    if (c.kind === 'check') {
      check(ws);
      continue;
    }
    const target = c.via ? other : ws;
    const ownerId = (o: number | null) => (o === null ? null : (owners[o] ?? null));
    try {
      switch (c.kind) {
        case 'customer':
          customers.push(
            createCustomer(target, testUser, {
              name: `客户${customers.length}`,
              customerClass: c.cls,
              province: c.province,
              ownerId: ownerId(c.owner),
              city: c.city,
              lifecycle: c.lifecycle,
              tags: c.tags,
            }).id,
          );
          break;
        case 'order': {
          const customerId = pick(customers, c.customer);
          if (!customerId) break;
          const lines = [{ productName: '货品', quantityMilli: 1000, unitPriceFen: c.yuan * 100 }];
          orders.push({ id: createOrder(target, testUser, { customerId, orderDate: day(c.ago), status: c.status, lines }).id, customerId });
          break;
        }
        case 'editOrder': {
          const order = pick(orders, c.order);
          if (!order) break;
          updateOrder(target, testUser, order.id, {
            ...(c.ago !== null ? { orderDate: day(c.ago) } : {}),
            ...(c.status !== null ? { status: c.status } : {}),
            ...(c.yuan !== null ? { lines: [{ productName: '改过的货品', quantityMilli: 2000, unitPriceFen: c.yuan * 100 }] } : {}),
          });
          break;
        }
        case 'deleteOrder': {
          const order = pick(orders, c.order);
          if (order) deleteOrder(target, testUser, order.id);
          break;
        }
        case 'editCustomer': {
          const id = pick(customers, c.customer);
          if (id)
            updateCustomer(target, testUser, id, {
              customerClass: c.cls,
              province: c.province,
              ownerId: ownerId(c.owner),
              city: c.city,
              lifecycle: c.lifecycle,
              tags: c.tags,
            });
          break;
        }
        case 'deleteCustomer': {
          const id = pick(customers, c.customer);
          if (id) deleteCustomer(target, testUser, id);
          break;
        }
        case 'undo': {
          const id = pick(customers, c.customer);
          if (id) undoLastChange(target, testUser, id);
          break;
        }
      }
    } catch (err) {
      // Writes the services refuse (an order for a deleted customer, nothing to undo) change nothing.
      if (!(err instanceof KecardError)) throw err;
    }
  }
  check(ws);
}

describe('sales facts', () => {
  it('keep every sales report equal to the tables through random writes, undo and a second connection', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 60 }), (commands) => {
        const { ws, path, cleanup } = tempWorkspace();
        const other = openWorkspace(path);
        try {
          const owners = ['张经理', '李经理', '王经理'].map((name) => createEmployee(ws, testUser, { name }).id);
          run(ws, other, owners, commands);
        } finally {
          other.close();
          cleanup();
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('stay equal when a refresh re-reads all customers or reads everything again', () => {
    const saved = { ...FACTS_LIMITS };
    // On small data: two changed customers re-read the customers table, three changed orders rebuild.
    Object.assign(FACTS_LIMITS, { rereadCustomersAfter: 1, rebuildAfterOrderChanges: 2 });
    try {
      fc.assert(
        fc.property(fc.array(command, { minLength: 5, maxLength: 40 }), (commands) => {
          const { ws, path, cleanup } = tempWorkspace();
          const other = openWorkspace(path);
          try {
            run(
              ws,
              other,
              ['张经理', '李经理', '王经理'].map((name) => createEmployee(ws, testUser, { name }).id),
              commands,
            );
          } finally {
            other.close();
            cleanup();
          }
        }),
        { numRuns: 25, seed: 20261203 },
      );
      // Which path a refresh takes: many customer changes keep the order columns, many order changes do not.
      const { ws, cleanup } = tempWorkspace();
      try {
        const ids = ['甲', '乙', '丙'].map((name) => createCustomer(ws, testUser, { name, customerClass: 'B' }).id);
        const lines = [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 100 }];
        createOrder(ws, testUser, { customerId: ids[0] as string, orderDate: day(3), status: 'confirmed', lines });
        const facts = new SalesFacts();
        expect(facts.refresh(ws)).toBe('rebuilt');
        for (const id of ids) updateCustomer(ws, testUser, id, { customerClass: 'A' });
        expect(facts.refresh(ws)).toBe('updated');
        expect([...facts.customerClass.subarray(0, 3)].map((c) => facts.classes.values[c])).toEqual(['A', 'A', 'A']);
        for (const id of ids) createOrder(ws, testUser, { customerId: id, orderDate: day(1), status: 'confirmed', lines });
        expect(facts.refresh(ws)).toBe('rebuilt');
        expect(facts.orderCount).toBe(4);
      } finally {
        cleanup();
      }
    } finally {
      Object.assign(FACTS_LIMITS, saved);
    }
  });
});
