import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createField, deleteField } from '../../../src-main/services/custom-fields/field-definition-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { matchingIds } from '../../../src-main/services/query/run-query';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { localDate } from '../../../src-shared/query/relative-dates';
import type { QueryDefinition, QueryNode } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const and = (...children: QueryNode[]): QueryDefinition => ({ entity: 'customer', where: { kind: 'group', op: 'and', children } });
const daysAgo = (n: number) => localDate(new Date(Date.now() - n * 86_400_000));
const order = (customerId: string, date: string, yuan: number) =>
  createOrder(ws, testUser, { customerId, orderDate: date, lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }] });

describe('conditions on related records', () => {
  it('finds A-class customers in 广东 whose orders of the last 12 months exceed ¥100,000', () => {
    const big = createCustomer(ws, testUser, { name: '大客户', customerClass: 'A', province: '广东' });
    const old = createCustomer(ws, testUser, { name: '老订单', customerClass: 'A', province: '广东' });
    const small = createCustomer(ws, testUser, { name: '小客户', customerClass: 'A', province: '广东' });
    createCustomer(ws, testUser, { name: '外省', customerClass: 'A', province: '浙江' });
    order(big.id, daysAgo(30), 60000);
    order(big.id, daysAgo(200), 50000);
    order(old.id, daysAgo(400), 500000);
    order(small.id, daysAgo(10), 90000);
    const def = and(
      { kind: 'condition', field: 'customerClass', operator: 'eq', value: 'A' },
      { kind: 'condition', field: 'province', operator: 'eq', value: '广东' },
      {
        kind: 'related',
        relation: 'orders',
        mode: 'aggregate',
        where: {
          kind: 'group',
          op: 'and',
          children: [{ kind: 'condition', field: 'orderDate', operator: 'relative', period: 'lastNDays', days: 365 }],
        },
        aggregate: { fn: 'sum', field: 'totalFen', op: 'gt', value: 100_000_00 },
      },
    );
    expect(matchingIds(ws, def)).toEqual([big.id]);
    const noRecentOrders = and({
      kind: 'related',
      relation: 'orders',
      mode: 'hasNo',
      where: {
        kind: 'group',
        op: 'and',
        children: [{ kind: 'condition', field: 'orderDate', operator: 'relative', period: 'lastNDays', days: 180 }],
      },
    });
    expect(matchingIds(ws, noRecentOrders).sort()).toEqual(
      [old.id, ws.db.prepare("SELECT id FROM customers WHERE name = '外省'").pluck().get()].sort(),
    );
  });

  it('finds customers with an open complaint and those with no visit in 60 days', () => {
    const complaints = createFromTemplate(ws, testUser, 'complaint');
    const visits = createFromTemplate(ws, testUser, 'visit');
    const severity = ws.db
      .prepare("SELECT column_name FROM custom_fields WHERE business_type_id = ? AND label = '严重程度'")
      .pluck()
      .get(complaints.id) as string;
    const a = createCustomer(ws, testUser, { name: '投诉未结' });
    const b = createCustomer(ws, testUser, { name: '投诉已结' });
    createBusinessRecord(ws, testUser, { typeId: complaints.id, customerId: a.id, title: '发货延误', custom: { [severity]: '严重' } });
    const closed = createBusinessRecord(ws, testUser, { typeId: complaints.id, customerId: b.id, title: '包装破损', custom: { [severity]: '一般' } });
    ws.db.prepare('SELECT 1').get();
    createBusinessRecord(ws, testUser, { typeId: visits.id, customerId: b.id, title: '季度回访' });
    expect(closed.status).toBe('open');
    const open = and({
      kind: 'related',
      relation: `records:${complaints.id}`,
      mode: 'has',
      where: {
        kind: 'group',
        op: 'and',
        children: [
          { kind: 'condition', field: 'status', operator: 'in', values: ['open', 'handling'] },
          { kind: 'condition', field: severity, operator: 'eq', value: 'o2' },
        ],
      },
    });
    expect(matchingIds(ws, open)).toEqual([a.id]);
    const noVisit = and({
      kind: 'related',
      relation: `records:${visits.id}`,
      mode: 'hasNo',
      where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'createdAt', operator: 'relative', period: 'lastNDays', days: 60 }] },
    });
    expect(matchingIds(ws, noVisit)).toEqual([a.id]);
  });

  it('queries custom fields like built-in ones and reports a deleted one as broken', () => {
    const credit = createField(ws, testUser, { entity: 'customer', label: '信用额度', type: 'money', indexed: true });
    const total = createField(ws, testUser, {
      entity: 'customer',
      label: '订单总额',
      type: 'computedTotal',
      computed: { relation: 'orders', fn: 'sum', field: 'totalFen' },
    });
    const rich = createCustomer(ws, testUser, { name: '授信高', custom: { [credit.columnName]: '50万' } });
    createCustomer(ws, testUser, { name: '授信低', custom: { [credit.columnName]: '5万' } });
    order(rich.id, daysAgo(1), 300);
    const def = and(
      { kind: 'condition', field: credit.columnName, operator: 'gte', value: 100_000_00 },
      { kind: 'condition', field: total.columnName, operator: 'between', value: 200_00, value2: 400_00 },
    );
    expect(matchingIds(ws, def)).toEqual([rich.id]);
    deleteField(ws, testUser, credit.id);
    expect(queryProblems(ws, def)).toEqual([{ path: '0', code: 'unknownField', field: credit.columnName }]);
  });
});
