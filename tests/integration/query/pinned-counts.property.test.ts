import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, deleteCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { addToFolder, createFolder, removeFromFolder } from '../../../src-main/services/favourites/favourite-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { countQuery } from '../../../src-main/services/query/run-query';
import { useOrderFacts } from '../../../src-main/services/query/order-facts-conditions';
import { SalesFacts } from '../../../src-main/analysis/facts/sales-facts';
import { createSavedQuery, pinnedCounts } from '../../../src-main/services/query/saved-query-service';
import { createOrder, deleteOrder } from '../../../src-main/services/sales/order-service';
import { KecardError } from '../../../src-shared/errors';
import { snapshotFieldKey } from '../../../src-shared/query/query-fields';
import type { QueryDefinition, QueryNode } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The sidebar counts are kept between refreshes and re-test only the customers the change log
// names. Through random writes (on this connection and another, undo, a scheme applied, days
// passing) every pinned count must equal a plain countQuery at that moment.

const DAY = 86_400_000;
const START = new Date(2026, 5, 30, 10, 0);
const iso = (d: Date) => d.toISOString().slice(0, 10);

const and = (...children: QueryNode[]): QueryDefinition => ({ entity: 'customer', where: { kind: 'group', op: 'and', children } });
const or = (...children: QueryNode[]): QueryDefinition => ({ entity: 'customer', where: { kind: 'group', op: 'or', children } });
const cond = (field: string, operator: string, value?: unknown): QueryNode =>
  ({ kind: 'condition', field, operator, ...(value === undefined ? {} : Array.isArray(value) ? { values: value } : { value }) }) as QueryNode;
const orders = (mode: 'has' | 'hasNo' | 'aggregate', days: number, sumOver = 0): QueryNode => ({
  kind: 'related',
  relation: 'orders',
  mode,
  where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'orderDate', operator: 'relative', period: 'lastNDays', days }] },
  ...(mode === 'aggregate' ? { aggregate: { fn: 'sum', field: 'totalFen', op: 'gt', value: sumOver } } : {}),
});

function queries(folder: string, schemeId: string): QueryDefinition[] {
  return [
    and(cond('customerClass', 'eq', 'A'), cond('city', 'eq', '上海')),
    or(cond('customerClass', 'in', ['B', 'C']), cond('tags', 'contains', 'VIP')),
    and(cond('city', 'notEmpty'), orders('aggregate', 30, 100_000)),
    and(orders('hasNo', 60)),
    and(cond('favouriteFolder', 'in', [folder])),
    and(cond(snapshotFieldKey(schemeId, 'P'), 'eq', 'A')),
    { entity: 'contact', where: { kind: 'group', op: 'and', children: [cond('name', 'contains', '张')] } },
  ];
}

const via = fc.boolean();
const command = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('customer' as const),
      cls: fc.constantFrom('A', 'B', 'C', null),
      city: fc.constantFrom('上海', '北京', null),
      via,
    }),
    weight: 2,
  },
  fc.record({
    kind: fc.constant('edit' as const),
    n: fc.nat(),
    cls: fc.constantFrom('A', 'B', null),
    city: fc.constantFrom('上海', null),
    vip: fc.boolean(),
    via,
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      n: fc.nat(),
      ago: fc.constantFrom(0, 10, 45, 200),
      yuan: fc.constantFrom(100, 2_000),
      via,
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('deleteOrder' as const), n: fc.nat(), via }),
  fc.record({ kind: fc.constant('contact' as const), n: fc.nat(), name: fc.constantFrom('张伟', '李娜'), via }),
  fc.record({ kind: fc.constant('folder' as const), n: fc.nat(), add: fc.boolean(), via }),
  fc.record({ kind: fc.constant('delete' as const), n: fc.nat(), via }),
  fc.record({ kind: fc.constant('undo' as const), n: fc.nat(), via }),
  fc.record({ kind: fc.constant('scheme' as const) }),
  { arbitrary: fc.record({ kind: fc.constant('later' as const), days: fc.constantFrom(1, 20, 50) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('count' as const) }), weight: 3 },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** With `withFacts`, the counts are taken as the query worker takes them: on the second connection, the sales facts followed and attached. */
function run(ws: Workspace, other: Workspace, commands: Command[], withFacts = false): void {
  const facts = new SalesFacts();
  const counted = (now: Date) =>
    withFacts
      ? other.db.transaction(() => {
          facts.refresh(other);
          useOrderFacts(other, facts);
          return pinnedCounts(other, testUser, now);
        })()
      : pinnedCounts(ws, testUser, now);
  const folder = createFolder(ws, testUser, '重点客户', 'customer').id;
  const scheme = saveScheme(ws, testUser, {
    name: '下单分类',
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: '下过单' },
        { key: 'B', label: '没有' },
      ],
      windowDays: 365,
      method: { kind: 'rules', rules: [{ classKey: 'A', all: [{ metric: 'orders', op: 'gte', value: 1 }] }] },
    },
  }).id;
  // The period must exist (hold a customer) before a query can name it; commands apply it again.
  const customers: string[] = [createCustomer(ws, testUser, { name: '老客户', customerClass: 'A', city: '上海' }).id];
  applyScheme(ws, testUser, scheme, 'P', iso(START));
  const defs = queries(folder, scheme);
  const saved = defs.map((definition, i) => createSavedQuery(ws, testUser, { name: `查询${i}`, definition, shared: true, pinned: true }).id);
  let now = START;
  const orderIds: string[] = [];
  const compare = () => {
    const counts = new Map(counted(now).map((c) => [c.id, c.broken ? 'broken' : c.count]));
    // A period whose customers were all removed is gone: its query is broken, not 0.
    const expected = defs.map((d) => {
      try {
        return countQuery(ws, d, now);
      } catch (err) {
        if (err instanceof KecardError && err.code === 'QUERY_INVALID') return 'broken';
        throw err;
      }
    });
    expect(saved.map((id) => counts.get(id))).toEqual(expected);
  };
  for (const c of commands) {
    const target = 'via' in c && c.via ? other : ws;
    const pick = (n: number) => customers[n % Math.max(1, customers.length)];
    try {
      switch (c.kind) {
        case 'count':
          compare();
          break;
        case 'later':
          now = new Date(now.getTime() + c.days * DAY);
          break;
        case 'scheme':
          applyScheme(target === other ? other : ws, testUser, scheme, 'P', iso(now));
          break;
        case 'customer':
          customers.push(createCustomer(target, testUser, { name: `客户${customers.length}`, customerClass: c.cls, city: c.city }).id);
          break;
        case 'edit': {
          const id = pick(c.n);
          if (id) updateCustomer(target, testUser, id, { customerClass: c.cls, city: c.city, tags: c.vip ? ['VIP'] : [] });
          break;
        }
        case 'order': {
          const id = pick(c.n);
          const orderDate = iso(new Date(now.getTime() - c.ago * DAY));
          if (id)
            orderIds.push(
              createOrder(target, testUser, {
                customerId: id,
                orderDate,
                status: 'confirmed',
                lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: c.yuan * 100 }],
              }).id,
            );
          break;
        }
        case 'deleteOrder': {
          const id = orderIds[c.n % Math.max(1, orderIds.length)];
          if (id) deleteOrder(target, testUser, id);
          break;
        }
        case 'contact': {
          const id = pick(c.n);
          if (id) createContact(target, testUser, { customerId: id, name: c.name });
          break;
        }
        case 'folder': {
          const id = pick(c.n);
          if (id) (c.add ? addToFolder : removeFromFolder)(target, testUser, folder, [id]);
          break;
        }
        case 'delete': {
          const id = pick(c.n);
          if (id) deleteCustomer(target, testUser, id);
          break;
        }
        case 'undo': {
          const id = pick(c.n);
          if (id) undoLastChange(target, testUser, id);
          break;
        }
      }
    } catch (err) {
      // What the services refuse (a deleted customer's order, nothing to undo) changes nothing.
      if (!(err instanceof KecardError)) throw err;
    }
  }
  compare();
}

describe('pinned counts kept between refreshes', () => {
  it.each([
    ['equal countQuery after any sequence of writes', false, 20261202],
    ['equal countQuery when counted from the sales facts, as the query worker counts', true, 20261203],
  ] as const)('%s', (_name, withFacts, seed) => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 50 }), (commands) => {
        const { ws, path, cleanup } = tempWorkspace();
        const other = openWorkspace(path);
        try {
          run(ws, other, commands, withFacts);
        } finally {
          other.close();
          cleanup();
        }
      }),
      { numRuns: 60, seed },
    );
  });
});
