import { getTableColumns } from 'drizzle-orm';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { ENTITY_TABLES, type TableEntity } from '../../../src-main/services/shared/entity-tables';
import type { HistoryView } from '../../../src-shared/contract/history-methods';
import { CHANGE_OPS, ENTITIES } from '../../../src-shared/domain/change-log';
import { CUSTOM_FIELD_TYPES } from '../../../src-shared/domain/custom-fields';
import { HISTORY_HIDDEN_FIELDS } from '../../../src-shared/domain/history-fields';
import { ORDER_STATUSES } from '../../../src-shared/domain/sales';
import { EMPTY_LEXICON, entityText, fieldLabelText, fieldValueText, opText, presentChange } from '../../../src-renderer/history/present-change';
import { cardsEn } from '../../../src-renderer/i18n/cards.en';
import { cardsZhCN } from '../../../src-renderer/i18n/cards.zh-CN';
import { en } from '../../../src-renderer/i18n/en';
import { historyEn } from '../../../src-renderer/i18n/history.en';
import { historyZhCN } from '../../../src-renderer/i18n/history.zh-CN';
import { importEn } from '../../../src-renderer/i18n/import.en';
import { importZhCN } from '../../../src-renderer/i18n/import.zh-CN';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { startTestShell } from '../../support/test-app';

// 变动历史 in the user's words: every entity and field the log can carry (enumerated from the
// tables the write path logs, so a new column without a label fails here) and, on a real card
// with orders, records, favourites and custom fields, no internal name, id or code on screen.

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: {
      'zh-CN': { translation: { ...zhCN, ...cardsZhCN, ...importZhCN, ...historyZhCN } },
      en: { translation: { ...en, ...cardsEn, ...importEn, ...historyEn } },
    },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  english = await translator('en');
});

/** Every field the write path can log per entity: the columns of its table, bookkeeping aside. */
function loggedFields(): [TableEntity, string][] {
  return (Object.keys(ENTITY_TABLES) as TableEntity[]).flatMap((entity) =>
    Object.keys(getTableColumns(ENTITY_TABLES[entity]))
      .filter((f) => !HISTORY_HIDDEN_FIELDS.has(f))
      .map((f): [TableEntity, string] => [entity, f]),
  );
}

describe('history labels', () => {
  it('gives every logged field of every entity a label in both languages', () => {
    const fields = loggedFields();
    expect(fields.length).toBeGreaterThan(100);
    for (const t of [zh, english]) {
      const unknown = t('hist.value.unknownField');
      const missing = fields.filter(([entity, field]) => {
        const label = fieldLabelText(t, entity, field, EMPTY_LEXICON);
        return label === unknown || label === field;
      });
      expect(missing).toEqual([]);
    }
  });

  it('names every entity and operation, and words every order status and field type', () => {
    for (const t of [zh, english]) {
      for (const entity of ENTITIES) expect(t(`hist.entity.${entity}`, { defaultValue: '' }), entity).not.toBe('');
      for (const op of CHANGE_OPS) expect(t(`hist.op.${op}`, { defaultValue: '' }), op).not.toBe('');
      for (const status of ORDER_STATUSES)
        expect(fieldValueText(t, { entity: 'order', entityId: 'x' }, 'status', status, EMPTY_LEXICON)).not.toMatch(/^[a-z]+$/);
      for (const type of CUSTOM_FIELD_TYPES)
        expect(fieldValueText(t, { entity: 'customField', entityId: 'x' }, 'type', type, EMPTY_LEXICON)).not.toBe(type);
    }
    expect(entityText(zh, 'orderLine')).toBe('订单明细');
    expect(opText(zh, 'purge')).toBe('彻底清除');
  });
});

describe('a card history in words', () => {
  let shell: Awaited<ReturnType<typeof startTestShell>>;
  let ctx: CallContext;
  beforeAll(async () => {
    shell = await startTestShell();
    ctx = shell.app.host.context;
  });
  afterAll(async () => {
    await shell.stop();
  });
  const call = async <T = { id: string }>(method: string, input: unknown): Promise<T> => {
    const r = await shell.app.dispatch(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${JSON.stringify(r.error.details)}`);
    return r.value as T;
  };

  it('shows labels, money, quantities, statuses, options and names, never internals', async () => {
    const owner = await call('employees.create', { values: { name: '王经理' } });
    const level = await call<{ columnName: string; options: { value: string }[] }>('fields.create', {
      entity: 'customer',
      label: '合作等级',
      type: 'select',
      options: [
        { value: 'o1', label: '战略合作' },
        { value: 'o2', label: '普通合作' },
      ],
    });
    const budget = await call<{ columnName: string }>('fields.create', { entity: 'customer', label: '年度预算', type: 'money' });
    const c = await call('customers.create', { values: { name: '历史呈现有限公司', ownerId: owner.id, custom: { [level.columnName]: 'o1' } } });
    await call('customers.update', {
      id: c.id,
      patch: { customerClass: 'A', lifecycle: 'repeat', custom: { [level.columnName]: 'o2', [budget.columnName]: 1234500 } },
    });
    const dept = await call('departments.create', { customerId: c.id, name: '采购部' });
    const contact = await call('contacts.create', { customerId: c.id, departmentId: dept.id, name: '赵敏', mobile: '13812345678' });
    await call('contacts.update', { id: contact.id, patch: { mobile: '13987654321', phone: '0755-12345678' } });
    const order = await call<{ id: string; lines: { id: string }[] }>('orders.create', {
      customerId: c.id,
      orderDate: '2025-04-01',
      lines: [{ productName: '绿茶', quantityMilli: 1000, unitPriceFen: 9900 }],
    });
    const line = order.lines[0];
    if (!line) throw new Error('no line');
    await call('orders.update', {
      id: order.id,
      patch: { status: 'shipped', lines: [{ id: line.id, productName: '绿茶', quantityMilli: 2500, unitPriceFen: 9900 }] },
    });
    await call('receipts.create', { customerId: c.id, orderId: order.id, receiptDate: '2025-04-02', amountFen: 24750, method: '转账' });
    await call('customerStaff.add', { customerId: c.id, employeeId: owner.id, role: '客户经理' });
    const type = await call('businessTypes.createFromTemplate', { template: 'opportunity' });
    const record = await call('records.create', { typeId: type.id, customerId: c.id, title: '年度采购', employeeId: owner.id });
    await call('records.update', { id: record.id, patch: { status: 'needs' } });
    const category = await call('expenseCategories.create', { name: '差旅费' });
    await call('expenses.create', { recordId: record.id, categoryId: category.id, amountFen: 5000, expenseDate: '2025-04-03' });
    const folder = await call('favourites.createFolder', { name: '重点客户', entity: 'customer' });
    await call('favourites.add', { folderId: folder.id, target: { ids: [c.id] } });

    const view = await call<HistoryView>('customers.historyView', { id: c.id });
    const entities = new Set(view.entries.map((e) => e.entity));
    for (const e of [
      'customer',
      'department',
      'contact',
      'order',
      'orderLine',
      'receipt',
      'customerStaff',
      'businessRecord',
      'expense',
      'favouriteItem',
    ])
      expect(entities, e).toContain(e);

    const lines = view.entries.map((e) => presentChange(zh, e, view.lexicon));
    const shown = lines.flatMap((l) => [l.object, l.field, l.oldText, l.newText]);
    const text = shown.join('\n');
    // Nothing internal: no field or entity name, custom column, id, JSON or English code.
    for (const s of shown) {
      expect(s, s).not.toMatch(/\b1\d{10}\b|0755-12345678/);
      expect(s, s).not.toMatch(/cf_[0-9a-f]/);
      expect(s, s).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
      expect(s, s).not.toMatch(/\b[a-z]+[A-Z]\w*/);
      expect(s, s).not.toMatch(/[{}"]/);
      expect(s, s).not.toMatch(/\b(confirmed|shipped|needs|lead|repeat|prospect|o1|o2)\b/);
    }
    // Not even the start of an id (the old history showed the first 8 characters of unknown ids).
    for (const id of new Set(view.entries.map((e) => e.entityId))) expect(text).not.toContain(id.slice(0, 8));
    // …and what the user sees elsewhere instead.
    for (const expected of [
      '订单明细 · 绿茶',
      '数量',
      '2.5',
      '¥99.00',
      '已发货',
      '¥12,345.00',
      '合作等级',
      '战略合作',
      '普通合作',
      '王经理',
      '重点客户',
      '需求确认',
      '老客户',
      '差旅费',
      '¥50.00',
      '采购部',
      // Contact phones as the contact table shows them, in the created record and in the updates.
      '手机：138 1234 5678',
      '139 8765 4321',
      '0755-1234 5678',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
