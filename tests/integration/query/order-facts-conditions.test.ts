import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SalesFacts } from '../../../src-main/analysis/facts/sales-facts';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { compileWhere } from '../../../src-main/services/query/compile-query';
import { useOrderFacts } from '../../../src-main/services/query/order-facts-conditions';
import { matchingIds } from '../../../src-main/services/query/run-query';
import { createOrder, deleteOrder, updateOrder } from '../../../src-main/services/sales/order-service';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let path: string;
let cleanup: () => void;
let reader: Workspace;
let facts: SalesFacts;
beforeEach(() => {
  ({ ws, path, cleanup } = tempWorkspace());
  reader = openWorkspace(path);
  facts = new SalesFacts();
});
afterEach(() => {
  reader.close();
  cleanup();
});

const bigBuyers: QueryDefinition = {
  entity: 'customer',
  where: {
    kind: 'group',
    op: 'and',
    children: [
      {
        kind: 'related',
        relation: 'orders',
        mode: 'aggregate',
        where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'status', operator: 'neq', value: 'draft' }] },
        aggregate: { fn: 'sum', field: 'totalFen', op: 'gte', value: 100_000 },
      },
    ],
  },
};

/** The reader's answer from its facts, refreshed in the same read transaction, as the query worker does. */
function fromFacts(def: QueryDefinition): string[] {
  return reader.db.transaction(() => {
    facts.refresh(reader);
    useOrderFacts(reader, facts);
    expect(compileWhere(reader, def).sql).toContain('kc_facts');
    return matchingIds(reader, def).sort();
  })();
}

const order = (customerId: string, yuan: number, status = 'confirmed') =>
  createOrder(ws, testUser, {
    customerId,
    orderDate: '2026-11-20',
    status,
    lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
  });

describe('related-orders conditions from the sales facts', () => {
  it('follow every change written after the facts were read: new, edited, cancelled and deleted orders', () => {
    const a = createCustomer(ws, testUser, { name: '甲' }).id;
    const b = createCustomer(ws, testUser, { name: '乙' }).id;
    const first = order(a, 800);
    order(b, 2_000, 'draft');
    expect(fromFacts(bigBuyers)).toEqual([]);

    order(a, 300);
    expect(fromFacts(bigBuyers)).toEqual([a]);
    updateOrder(ws, testUser, first.id, { status: 'cancelled' });
    expect(fromFacts(bigBuyers)).toEqual([]);
    const c = createCustomer(ws, testUser, { name: '丙' }).id;
    const big = order(c, 5_000, 'shipped');
    expect(fromFacts(bigBuyers)).toEqual([c]);
    deleteOrder(ws, testUser, big.id);
    expect(fromFacts(bigBuyers)).toEqual([]);
    // Each answer is SQL's own.
    expect(matchingIds(ws, bigBuyers)).toEqual([]);
  });

  it('are left to SQL while an order carries a status or date the facts cannot compare', () => {
    const a = createCustomer(ws, testUser, { name: '甲' }).id;
    const o = order(a, 2_000);
    // As a bundle from an older version could carry it; written raw, the facts are read afresh.
    ws.db.prepare(`UPDATE orders SET status = 'returned' WHERE id = ?`).run(o.id);
    facts.refresh(reader);
    expect(facts.oddOrders).toBe(1);
    useOrderFacts(reader, facts);
    expect(compileWhere(reader, bigBuyers).sql).not.toContain('kc_facts');
    expect(matchingIds(reader, bigBuyers)).toEqual([a]);
  });
});
