import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { applyLifecycleRules, saveLifecycleRules, stageOf } from '../../../src-main/analysis/lifecycle-service';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder, deleteOrder } from '../../../src-main/services/sales/order-service';
import type { lifecycleRules } from '../../../src-shared/analysis/scheme';
import type { LifecycleStage } from '../../../src-shared/domain/enums';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Applying the lifecycle rules or a classification scheme writes to every customer: tens of
// seconds at 1M, so the job reports progress and can be cancelled. The stages come from the sales
// facts; the model here counts the same sales from plain SQL rows.

const AS_OF = '2026-06-30';
const day = (ago: number) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - ago * 86_400_000).toISOString().slice(0, 10);
const lines = (yuan: number) => [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }];

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

/** Every live customer's stage from plain rows: its sales (not deleted, not cancelled) up to the date. */
function modelStages(rules: ReturnType<typeof lifecycleRules.parse>): Map<string, LifecycleStage> {
  const sales = ws.db
    .prepare("SELECT customer_id AS c, order_date AS d FROM orders WHERE deleted = 0 AND status <> 'cancelled' AND order_date <= ?")
    .all(AS_OF) as { c: string; d: string }[];
  const out = new Map<string, LifecycleStage>();
  for (const id of ws.db.prepare('SELECT id FROM customers WHERE deleted = 0').pluck().all() as string[]) {
    const days = sales
      .filter((s) => s.c === id)
      .map((s) => s.d)
      .sort();
    out.set(id, stageOf(days.length, days[0] ?? null, days.at(-1) ?? null, AS_OF, rules));
  }
  return out;
}

const stored = () => new Map(ws.db.prepare('SELECT id, lifecycle FROM customers WHERE deleted = 0').raw(true).all() as [string, LifecycleStage][]);

describe('applying the lifecycle rules', () => {
  it('gives every customer the stage its sales say, through the logged write path', () => {
    const plans = fc.sample(
      fc.array(fc.record({ ago: fc.constantFrom(-5, 3, 40, 100, 200, 400, 800), cancelled: fc.boolean(), deleted: fc.boolean() }), { maxLength: 4 }),
      { numRuns: 80, seed: 20261202 },
    );
    const ids: string[] = [];
    for (const [i, plan] of plans.entries()) {
      const id = createCustomer(ws, testUser, { name: `客户${i}` }).id;
      ids.push(id);
      for (const o of plan) {
        const order = createOrder(ws, testUser, {
          customerId: id,
          orderDate: day(o.ago),
          status: o.cancelled ? 'cancelled' : 'confirmed',
          lines: lines(100),
        });
        if (o.deleted) deleteOrder(ws, testUser, order.id);
      }
    }
    deleteCustomer(ws, testUser, ids[1] as string);
    const rules = saveLifecycleRules(ws, testUser, { newWithinDays: 60, dormantAfterDays: 150, lostAfterDays: 365 });
    const before = stored();

    const counts = applyLifecycleRules(ws, testUser, AS_OF);
    const expected = modelStages(rules);
    expect(stored()).toEqual(expected);
    const tally: Record<string, number> = { prospect: 0, new: 0, repeat: 0, dormant: 0, lost: 0 };
    for (const s of expected.values()) tally[s] = (tally[s] as number) + 1;
    expect(counts).toEqual(tally);
    expect(new Set(expected.values()).size).toBeGreaterThanOrEqual(4);
    // Each change is in the log, old → new, and only the changes.
    const logged = ws.db
      .prepare(
        "SELECT entity_id AS id, old_value AS o, new_value AS n FROM change_log_entries WHERE source = 'lifecycleRules' AND field = 'lifecycle'",
      )
      .all() as {
      id: string;
      o: string;
      n: string;
    }[];
    const changed = [...expected].filter(([id, s]) => before.get(id) !== s);
    expect(logged.map((l) => [l.id, JSON.parse(l.o) as string, JSON.parse(l.n) as string]).sort()).toEqual(
      changed.map(([id, s]) => [id, before.get(id), s]).sort(),
    );
  });
});

describe('a long analysis write', () => {
  const many = 12_000;
  beforeEach(() => {
    // Enough customers for the loop to check for cancel more than once (every 5,000).
    ws.db.transaction(() => {
      for (let i = 0; i < many; i += 1) createCustomer(ws, testUser, { name: `批量客户${i}` });
    })();
    const first = ws.db.prepare('SELECT id FROM customers ORDER BY rowid LIMIT 1').pluck().get() as string;
    createOrder(ws, testUser, { customerId: first, orderDate: day(10), status: 'confirmed', lines: lines(500) });
  });

  const snapshot = () => ({
    log: ws.db.prepare('SELECT count(*) FROM change_log').pluck().get(),
    stages: ws.db.prepare('SELECT lifecycle, count(*) FROM customers GROUP BY lifecycle').raw(true).all(),
    classes: ws.db.prepare('SELECT class, count(*) FROM customers GROUP BY class').raw(true).all(),
    snapshots: ws.db.prepare('SELECT count(*) FROM classification_snapshots').pluck().get(),
  });

  it('reports its progress and, cancelled part-way, keeps nothing', () => {
    const scheme = saveScheme(ws, testUser, {
      name: '两类',
      setsCustomerClass: true,
      definition: {
        classes: [
          { key: 'A', label: '有单' },
          { key: 'B', label: '无单' },
        ],
        windowDays: 365,
        method: { kind: 'contribution', metric: 'revenue', cuts: [0.5, 1] },
      },
    });
    const before = snapshot();
    for (const write of [
      (hooks: Parameters<typeof applyLifecycleRules>[3]) => applyLifecycleRules(ws, testUser, AS_OF, hooks),
      (hooks: Parameters<typeof applyLifecycleRules>[3]) => applyScheme(ws, testUser, scheme.id, '2026', AS_OF, hooks),
    ]) {
      const seen: [number, number][] = [];
      let checks = 0;
      expect(() => write({ onProgress: (d, t) => seen.push([d, t]), isCancelled: () => ++checks > 2 })).toThrow(
        expect.objectContaining({ code: 'JOB_CANCELLED' }),
      );
      // Cancelled at the third check, after 10,000 customers were written inside the transaction.
      expect(seen).toEqual([
        [0, many],
        [5_000, many],
      ]);
      expect(snapshot()).toEqual(before);
    }
    // Not cancelled: the same writes go through, with progress to the last step.
    const seen: number[] = [];
    applyScheme(ws, testUser, scheme.id, '2026', AS_OF, { onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([0, 5_000, 10_000]);
    expect(ws.db.prepare('SELECT count(*) FROM classification_snapshots').pluck().get()).toBe(many);
    expect(ws.db.prepare("SELECT count(*) FROM customers WHERE class = 'B'").pluck().get()).toBe(many - 1);
  });
});
