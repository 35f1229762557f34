import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import {
  changeFieldType,
  createField,
  deleteField,
  previewTypeChange,
  purgeField,
  restoreField,
  valueCount,
} from '../../../src-main/services/custom-fields/field-definition-service';
import { fieldHistory, recordFieldValue } from '../../../src-main/services/custom-fields/field-history';
import { getCustomer, listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { KecardError } from '../../../src-shared/errors';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

function errorOf(fn: () => unknown): KecardError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KecardError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

const columnsOf = (table: string) => (ws.db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);

describe('custom fields on customers', () => {
  it('adds a column, validates and stores typed values, and logs them', () => {
    const level = createField(ws, testUser, {
      entity: 'customer',
      label: '信用等级',
      type: 'select',
      options: [
        { value: 'good', label: '优质', color: 'green' },
        { value: 'risk', label: '高危', color: 'red' },
      ],
      required: true,
      defaultValue: 'good',
      indexed: true,
    });
    const revenue = createField(ws, testUser, { entity: 'customer', label: '年收入', type: 'money', trackHistory: true });
    expect(columnsOf('customers')).toEqual(expect.arrayContaining([level.columnName, revenue.columnName]));
    const c = createCustomer(ws, testUser, { name: '杭州海康威视数字技术股份有限公司', custom: { [revenue.columnName]: '¥1,234,567.80' } });
    expect(c.custom).toEqual({ [level.columnName]: 'good', [revenue.columnName]: 123456780 });

    const bad = errorOf(() => updateCustomer(ws, testUser, c.id, { custom: { [level.columnName]: '一般', [revenue.columnName]: '很多' } }));
    expect(bad.details?.fields).toEqual({ [`custom.${level.columnName}`]: 'unknownOption', [`custom.${revenue.columnName}`]: 'invalid' });
    expect(errorOf(() => updateCustomer(ws, testUser, c.id, { custom: { [level.columnName]: null } })).details?.fields).toEqual({
      [`custom.${level.columnName}`]: 'required',
    });
    expect(errorOf(() => updateCustomer(ws, testUser, c.id, { custom: { cf_nosuch00: 1 } })).details?.fields).toEqual({
      'custom.cf_nosuch00': 'unknownField',
    });

    updateCustomer(ws, testUser, c.id, { custom: { [level.columnName]: '高危' } });
    expect(getCustomer(ws, c.id).custom[level.columnName]).toBe('risk');
    const change = customerHistory(ws, c.id).find((h) => h.field === level.columnName && h.op === 'update' && h.oldValue === 'good');
    expect(change?.newValue).toBe('risk');
    undoLastChange(ws, testUser, c.id);
    expect(getCustomer(ws, c.id).custom[level.columnName]).toBe('good');
    expect(listCustomers(ws, { offset: 0, limit: 5 }).rows[0]?.custom[revenue.columnName]).toBe(123456780);
  });

  it('enforces unique values among live customers', () => {
    const tax = createField(ws, testUser, { entity: 'customer', label: '税号', type: 'text', uniqueValues: true });
    createCustomer(ws, testUser, { name: '甲', custom: { [tax.columnName]: '91330100MA2XXXX' } });
    expect(errorOf(() => createCustomer(ws, testUser, { name: '乙', custom: { [tax.columnName]: '91330100MA2XXXX' } })).details?.fields).toEqual({
      [`custom.${tax.columnName}`]: 'duplicateValue',
    });
    expect(listCustomers(ws, { offset: 0, limit: 5 }).total).toBe(1);
  });

  it('previews a type change, refuses silent loss, and keeps emptied values in history', () => {
    const staff = createField(ws, testUser, { entity: 'customer', label: '员工人数', type: 'text' });
    const a = createCustomer(ws, testUser, { name: '甲', custom: { [staff.columnName]: '1,200' } });
    const b = createCustomer(ws, testUser, { name: '乙', custom: { [staff.columnName]: '约三百人' } });
    const preview = previewTypeChange(ws, staff.id, 'integer');
    expect(preview).toMatchObject({ total: 2, converted: 1, lost: 1, lostExamples: [{ id: b.id, value: '约三百人' }] });
    expect(errorOf(() => changeFieldType(ws, testUser, staff.id, 'integer', { acceptLoss: false })).code).toBe('CONFLICT');
    expect(getCustomer(ws, b.id).custom[staff.columnName]).toBe('约三百人');
    changeFieldType(ws, testUser, staff.id, 'integer', { acceptLoss: true });
    expect(getCustomer(ws, a.id).custom[staff.columnName]).toBe(1200);
    expect(getCustomer(ws, b.id).custom[staff.columnName]).toBeNull();
    expect(customerHistory(ws, b.id).find((h) => h.field === staff.columnName && h.source === 'typeChange')?.oldValue).toBe('约三百人');
  });

  it('hides a deleted field, restores it with its values, and purges it for good', () => {
    const f = createField(ws, testUser, { entity: 'customer', label: '旧字段', type: 'text' });
    const c = createCustomer(ws, testUser, { name: '甲', custom: { [f.columnName]: '保留我' } });
    expect(valueCount(ws, f)).toBe(1);
    deleteField(ws, testUser, f.id);
    expect(getCustomer(ws, c.id).custom).toEqual({});
    restoreField(ws, testUser, f.id);
    expect(getCustomer(ws, c.id).custom[f.columnName]).toBe('保留我');
    expect(errorOf(() => purgeField(ws, testUser, f.id)).code).toBe('CONFLICT');
    deleteField(ws, testUser, f.id);
    purgeField(ws, testUser, f.id);
    expect(columnsOf('customers')).not.toContain(f.columnName);
    expect(errorOf(() => restoreField(ws, testUser, f.id)).code).toBe('NOT_FOUND');
    expect(customerHistory(ws, c.id).some((h) => h.field === f.columnName && h.newValue === '保留我')).toBe(true);
  });

  it('keeps the timeline of a tracked field, with past values entered by their date', () => {
    const revenue = createField(ws, testUser, { entity: 'customer', label: '年收入', type: 'money', trackHistory: true });
    const c = createCustomer(ws, testUser, { name: '甲' });
    recordFieldValue(ws, testUser, revenue.id, c.id, '500万', '2023-12-31');
    recordFieldValue(ws, testUser, revenue.id, c.id, '300万', '2021-12-31');
    const timeline = recordFieldValue(ws, testUser, revenue.id, c.id, '420万', '2022-12-31');
    expect(timeline.map((p) => [p.date, p.value, p.backfilled])).toEqual([
      ['2021-12-31', 300000000, true],
      ['2022-12-31', 420000000, true],
      ['2023-12-31', 500000000, false],
    ]);
    expect(getCustomer(ws, c.id).custom[revenue.columnName]).toBe(500000000);
    expect(fieldHistory(ws, revenue.id, c.id)).toHaveLength(3);
    undoLastChange(ws, testUser, c.id);
    expect(fieldHistory(ws, revenue.id, c.id).map((p) => p.date)).toEqual(['2021-12-31', '2023-12-31']);
  });

  it('computes a total over related orders', () => {
    const total = createField(ws, testUser, {
      entity: 'customer',
      label: '订单总额',
      type: 'computedTotal',
      computed: { relation: 'orders', fn: 'sum', field: 'totalFen' },
    });
    const c = createCustomer(ws, testUser, { name: '甲' });
    expect(getCustomer(ws, c.id).custom[total.columnName]).toBe(0);
    createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: '2026-01-02',
      lines: [{ productName: '咨询', quantityMilli: 1000, unitPriceFen: 12345 }],
    });
    createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-02-02', lines: [{ productName: '咨询', quantityMilli: 2000, unitPriceFen: 5 }] });
    expect(getCustomer(ws, c.id).custom[total.columnName]).toBe(12355);
    expect(errorOf(() => updateCustomer(ws, testUser, c.id, { custom: { [total.columnName]: 1 } })).details?.fields).toEqual({
      [`custom.${total.columnName}`]: 'unknownField',
    });
  });
});

describe('custom fields on contacts and orders', () => {
  it('stores, validates and logs them like customer fields', async () => {
    const { createContact, updateContact } = await import('../../../src-main/services/organisation/contact-service');
    const { getCustomerCard } = await import('../../../src-main/services/customers/customer-queries');
    const hobby = createField(ws, testUser, {
      entity: 'contact',
      label: '兴趣爱好',
      type: 'multiSelect',
      options: [
        { value: 'golf', label: '高尔夫' },
        { value: 'tea', label: '茶' },
      ],
    });
    const channel = createField(ws, testUser, {
      entity: 'order',
      label: '下单渠道',
      type: 'select',
      options: [
        { value: 'web', label: '网站' },
        { value: 'phone', label: '电话' },
      ],
      required: true,
    });
    const c = createCustomer(ws, testUser, { name: '甲' });
    const ct = createContact(ws, testUser, { customerId: c.id, name: '王总', custom: { [hobby.columnName]: '高尔夫、茶' } });
    expect(ct.custom).toEqual({ [hobby.columnName]: ['golf', 'tea'] });
    updateContact(ws, testUser, ct.id, { custom: { [hobby.columnName]: ['tea'] } });
    expect(getCustomerCard(ws, c.id).contacts[0]?.custom).toEqual({ [hobby.columnName]: ['tea'] });
    expect(
      errorOf(() =>
        createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-01-01', lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: 1 }] }),
      ).details?.fields,
    ).toEqual({
      [`custom.${channel.columnName}`]: 'required',
    });
    const order = createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: '2026-01-01',
      lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: 1 }],
      custom: { [channel.columnName]: '电话' },
    });
    expect(order.custom).toEqual({ [channel.columnName]: 'phone' });
    expect(
      customerHistory(ws, c.id).some((h) => h.entity === 'contact' && h.field === hobby.columnName && JSON.stringify(h.newValue) === '["tea"]'),
    ).toBe(true);
  });
});
