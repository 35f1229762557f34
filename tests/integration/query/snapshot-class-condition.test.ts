import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScheme, deleteScheme, saveScheme, type Scheme } from '../../../src-main/analysis/classification-service';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { queryFieldCatalogue } from '../../../src-main/services/query/query-catalogue';
import { countQuery, matchingIds } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { snapshotFieldKey } from '../../../src-shared/query/query-fields';
import type { ConditionNode, QueryDefinition } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// "Customers that were A in 2025 and are B now": the class a scheme gave each customer in an
// applied period is a query condition, next to the card's current class.

let ws: Workspace;
let cleanup: () => void;
let scheme: Scheme;
const ids = new Map<string, string>();
/** A period name with SQL in it: it travels as a bound parameter only. */
const ODD_PERIOD = "2026' OR 1=1 --";

const order = (name: string, date: string, yuan: number) =>
  createOrder(ws, testUser, {
    customerId: ids.get(name),
    orderDate: date,
    status: 'confirmed',
    lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
  });

beforeAll(() => {
  ({ ws, cleanup } = tempWorkspace());
  for (const name of ['甲', '乙', '丙', '丁']) ids.set(name, createCustomer(ws, testUser, { name }).id);
  scheme = saveScheme(ws, testUser, {
    name: '年度分类',
    setsCustomerClass: true,
    definition: {
      classes: [
        { key: 'A', label: '大客户' },
        { key: 'B', label: '中客户' },
        { key: 'C', label: '小客户' },
      ],
      windowDays: 365,
      method: {
        kind: 'rules',
        rules: [
          { classKey: 'A', all: [{ metric: 'revenue', op: 'gte', value: 10_000_000 }] },
          { classKey: 'B', all: [{ metric: 'revenue', op: 'gte', value: 1_000_000 }] },
        ],
      },
    },
  });
  order('甲', '2025-03-01', 200_000);
  order('乙', '2025-03-01', 200_000);
  order('丙', '2025-04-01', 20_000);
  applyScheme(ws, testUser, scheme.id, '2025', '2025-12-31');
  // 2026: 甲 drops to B, 乙 stays A, 丙 rises to A, 丁 stays C; 戊 is new.
  order('甲', '2026-02-01', 20_000);
  order('乙', '2026-02-01', 300_000);
  order('丙', '2026-02-01', 150_000);
  ids.set('戊', createCustomer(ws, testUser, { name: '戊' }).id);
  order('戊', '2026-03-01', 50_000);
  applyScheme(ws, testUser, scheme.id, '2026', '2026-12-31');
  applyScheme(ws, testUser, scheme.id, ODD_PERIOD, '2026-12-31');
});
afterAll(() => cleanup());

const snap = (period: string, operator: ConditionNode['operator'], rest: Partial<ConditionNode> = {}): ConditionNode => ({
  kind: 'condition',
  field: snapshotFieldKey(scheme.id, period),
  operator,
  ...rest,
});
const query = (...children: ConditionNode[]): QueryDefinition => ({ entity: 'customer', where: { kind: 'group', op: 'and', children } });
const names = (def: QueryDefinition) => {
  const byId = new Map([...ids].map(([n, id]) => [id, n]));
  return matchingIds(ws, def)
    .map((id) => byId.get(id))
    .sort();
};

describe('class in a classification snapshot', () => {
  it('is offered per applied period, with the scheme’s classes', () => {
    const fields = queryFieldCatalogue(ws, 'customer').filter((f) => f.snapshot && !f.snapshotMetric);
    expect(fields.map((f) => f.label)).toEqual(['年度分类 · 2025', '年度分类 · 2026', `年度分类 · ${ODD_PERIOD}`]);
    // Beside each class, the revenue the class came from, in fen.
    const revenue = queryFieldCatalogue(ws, 'customer').filter((f) => f.snapshotMetric === 'revenue');
    expect(revenue.map((f) => [f.label, f.type, f.money])).toEqual(fields.map((f) => [f.label, 'number', true]));
    expect(fields[0]).toMatchObject({
      key: snapshotFieldKey(scheme.id, '2025'),
      type: 'enum',
      options: ['A', 'B', 'C'],
      optionLabels: { A: 'A 大客户' },
    });
    expect(queryFieldCatalogue(ws, 'contact').some((f) => f.snapshot)).toBe(false);
  });

  it('finds the customers that were A in 2025 and are B now', () => {
    expect(names(query(snap('2025', 'eq', { value: 'A' }), { kind: 'condition', field: 'customerClass', operator: 'eq', value: 'B' }))).toEqual([
      '甲',
    ]);
    expect(names(query(snap('2025', 'eq', { value: 'A' }), snap('2026', 'eq', { value: 'A' })))).toEqual(['乙']);
    expect(names(query(snap('2025', 'in', { values: ['B', 'C'] }), snap('2026', 'eq', { value: 'A' })))).toEqual(['丙']);
  });

  it('treats a customer absent from the period as empty, and neq / notIn as including it', () => {
    expect(names(query(snap('2025', 'empty')))).toEqual(['戊']);
    expect(names(query(snap('2025', 'notEmpty')))).toEqual(['丁', '丙', '乙', '甲'].sort());
    expect(names(query(snap('2025', 'neq', { value: 'A' })))).toEqual(['丁', '丙', '戊'].sort());
    expect(names(query(snap('2025', 'notIn', { values: ['A', 'C'] })))).toEqual(['丙', '戊'].sort());
  });

  it('binds the period as a value, whatever it holds', () => {
    expect(countQuery(ws, query(snap(ODD_PERIOD, 'eq', { value: 'A' })))).toBe(2);
    expect(ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(5);
  });

  it('reports the condition as broken once its scheme is deleted', () => {
    const def = query(snap('2025', 'eq', { value: 'A' }));
    expect(queryProblems(ws, def)).toEqual([]);
    const other = saveScheme(ws, testUser, {
      name: '临时',
      setsCustomerClass: false,
      definition: {
        classes: [
          { key: 'X', label: '一' },
          { key: 'Y', label: '二' },
        ],
        windowDays: 30,
        method: { kind: 'contribution', metric: 'revenue', cuts: [0.5, 1] },
      },
    });
    applyScheme(ws, testUser, other.id, 'P', '2026-12-31');
    const gone = query({ kind: 'condition', field: snapshotFieldKey(other.id, 'P'), operator: 'eq', value: 'X' });
    expect(queryProblems(ws, gone)).toEqual([]);
    deleteScheme(ws, testUser, other.id);
    expect(queryProblems(ws, gone)).toEqual([{ path: '0', code: 'unknownField', field: snapshotFieldKey(other.id, 'P') }]);
    expect(queryProblems(ws, query(snap('1999', 'eq', { value: 'A' })))[0]?.code).toBe('unknownField');
  });
});
