import { describe, expect, it } from 'vitest';
import { applyScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { classTransitions } from '../../../src-main/analysis/reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The transitions report reads each period once and keeps it until a scheme is applied again.
// Re-applying a period, adding customers, deleting one: the report must follow, compared with
// the two runs read straight from the snapshot table.

function reference(ws: Workspace, schemeId: string, from: string, to: string) {
  const run = (period: string) =>
    new Map(
      (
        ws.db
          .prepare(
            `SELECT s.customer_id AS id, s.class AS k, json_extract(s.metrics, '$.revenue') AS revenue FROM classification_snapshots s
             JOIN customers c ON c.id = s.customer_id WHERE c.deleted = 0 AND s.scheme_id = ? AND s.period = ?`,
          )
          .all(schemeId, period) as { id: string; k: string; revenue: number }[]
      ).map((r) => [r.id, r]),
    );
  const a = run(from);
  const b = run(to);
  const cells = new Map<string, number>();
  let stopped = 0;
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const key = `${a.get(id)?.k ?? '—'}→${b.get(id)?.k ?? '—'}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    if ((a.get(id)?.revenue ?? 0) > 0 && b.get(id)?.revenue === 0) stopped += 1;
  }
  return { cells: Object.fromEntries(cells), stopped };
}

function report(ws: Workspace, schemeId: string, from: string, to: string) {
  const r = classTransitions(ws, schemeId, from, to);
  return {
    cells: Object.fromEntries(r.matrix.filter((c) => c.customers > 0).map((c) => [`${c.from}→${c.to}`, c.customers])),
    stopped: r.stoppedBuying,
  };
}

describe('class transitions', () => {
  it('follow re-applied periods, new customers and deletions', () => {
    const { ws, cleanup } = tempWorkspace();
    try {
      const scheme = saveScheme(ws, testUser, {
        name: '金额分类',
        setsCustomerClass: false,
        definition: {
          classes: [
            { key: 'A', label: '大' },
            { key: 'B', label: '小' },
            { key: 'C', label: '无' },
          ],
          windowDays: 180,
          method: {
            kind: 'rules',
            rules: [
              { classKey: 'A', all: [{ metric: 'revenue', op: 'gte', value: 500_000 }] },
              { classKey: 'B', all: [{ metric: 'revenue', op: 'gt', value: 0 }] },
            ],
          },
        },
      }).id;
      const sell = (customerId: string, date: string, yuan: number) =>
        createOrder(ws, testUser, {
          customerId,
          orderDate: date,
          status: 'confirmed',
          lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
        });
      const ids = Array.from({ length: 8 }, (_, i) => createCustomer(ws, testUser, { name: `客户${i}` }).id);
      ids.forEach((id, i) => sell(id, '2025-11-01', i % 2 ? 8_000 : 200));
      applyScheme(ws, testUser, scheme, 'H1', '2025-12-31');
      ids.slice(0, 4).forEach((id) => sell(id, '2026-05-01', 9_000));
      applyScheme(ws, testUser, scheme, 'H2', '2026-06-30');
      const first = report(ws, scheme, 'H1', 'H2');
      expect(first).toEqual(reference(ws, scheme, 'H1', 'H2'));
      expect(first.stopped).toBeGreaterThan(0);

      // H2 again, with more sales, a new customer and one deleted: the kept periods are stale.
      ids.slice(4).forEach((id) => sell(id, '2026-06-01', 100));
      sell(createCustomer(ws, testUser, { name: '新客户' }).id, '2026-06-02', 7_000);
      deleteCustomer(ws, testUser, ids[1] as string);
      applyScheme(ws, testUser, scheme, 'H2', '2026-06-30');
      const second = report(ws, scheme, 'H1', 'H2');
      expect(second).toEqual(reference(ws, scheme, 'H1', 'H2'));
      expect(second).not.toEqual(first);
      expect(second.cells['—→A']).toBe(1);
    } finally {
      cleanup();
    }
  });
});
