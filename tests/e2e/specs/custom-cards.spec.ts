import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { CustomerCardPage } from '../pages/customer-card-page';
import { RecordDialogPage, RecordsListPage } from '../pages/records-page';
import { SettingsPage } from '../pages/settings-page';

async function attributes(list: Locator, name: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (const el of await list.all()) out.push(await el.getAttribute(name));
  return out;
}

interface Created {
  id: string;
}
interface FieldRow {
  id: string;
  label: string;
  columnName: string;
}
interface BusinessTypeRow {
  id: string;
  name: string;
}

test('the manager shapes the card, defines a business type and reads grouped totals', async ({ app, api }) => {
  // Setup that is not under test: a customer, expense categories.
  const customer = await api<Created>('customers.create', { values: { name: '华东机电有限公司' } });
  const travel = await api<Created>('expenseCategories.create', { name: '差旅费' });
  await api('expenseCategories.create', { name: '交通', parentId: travel.id });
  await api('expenseCategories.create', { name: '招待费' });

  const settings = new SettingsPage(app);
  const card = new CustomerCardPage(app);

  // 1. A tracked money field and a select field with coloured options on customers.
  await settings.addField('customer', { label: '年收入', typeLabel: '金额（元）', trackHistory: true });
  await settings.addField('customer', {
    label: '合作意向',
    typeLabel: '单选',
    options: [
      { label: '强烈', colorLabel: '绿色' },
      { label: '观望', colorLabel: '黄色' },
    ],
  });
  await expect(settings.fieldRow('年收入').getByTestId('field-value-count')).toHaveText('0');
  // The field manager speaks the user's words: labels and types, never the database's cf_… column.
  await expect(settings.fieldRow('年收入')).toHaveAttribute('data-column', /^cf_/);
  await expect(settings.fieldRow('年收入')).not.toContainText('cf_');
  await expect(app.getByTestId('field-row').first().locator('xpath=ancestor::table')).not.toContainText('cf_');

  // 2. Rearrange the card: 年收入 moves into 客户资料, 分类与状态 moves above 联系方式; the preview follows.
  await settings.open('layout');
  await settings.moveFieldInLayout('年收入', '基本信息 · 客户资料');
  await settings.layoutSection('status').getByTestId('le-section-up').click();
  const preview = app.getByTestId('layout-preview');
  await expect(preview.locator('[data-testid=card-section][data-key=identity] [data-testid=card-field][data-label="年收入"]')).toBeVisible();
  await settings.saveLayout();

  // …and the real card shows it moved.
  await card.open('华东机电有限公司');
  await expect(card.section('identity').locator('[data-testid=card-field][data-label="年收入"]')).toBeVisible();
  const sectionOrder = await attributes(card.panel.getByTestId('card-section'), 'data-key');
  expect(sectionOrder.indexOf('status')).toBeLessThan(sectionOrder.indexOf('contact'));

  // 3. Enter values in the custom fields and save.
  await card.input('年收入').fill('120万');
  await card.input('合作意向').selectOption({ label: '强烈' });
  await card.save();
  const fields = await api<FieldRow[]>('fields.list', { entity: 'customer' });
  const revenue = fields.find((f) => f.label === '年收入');
  const intent = fields.find((f) => f.label === '合作意向');
  expect(revenue && intent).toBeTruthy();
  const stored = await api<{ customer: { custom: Record<string, unknown> } }>('customers.get', { id: customer.id });
  expect(stored.customer.custom[revenue?.columnName ?? '']).toBe(120_000_000);
  expect(stored.customer.custom[intent?.columnName ?? '']).toBe('o1');

  // 4. 变动过程: enter 年收入 of 2022 and see it in the timeline beside today's value.
  await card.field('年收入').getByTestId('field-history-open').click();
  const history = app.getByTestId('field-history-dialog');
  await history.getByTestId('field-history-date').fill('2022-12-31');
  await history.getByTestId('field-history-input').fill('800000');
  await history.getByTestId('field-history-record').click();
  const past = history.locator('[data-testid=field-history-point][data-date="2022-12-31"]');
  await expect(past.getByTestId('field-history-value')).toHaveText('¥800,000.00');
  await expect(history.getByTestId('field-history-value').filter({ hasText: '¥1,200,000.00' })).toHaveCount(1);
  await expect(history.getByTestId('field-history-chart')).toHaveAttribute('data-points', '2');
  await history.getByTestId('field-history-close').click();

  // 5. 销售机会跟踪 from the template, with its own stage 签订合同 between 商务谈判 and 赢单.
  const editor = await settings.createFromTemplate('opportunity');
  await editor.getByTestId('bt-status-add').click();
  const newKey = (await editor.getByTestId('bt-status-row').last().getAttribute('data-key')) ?? '';
  const added = editor.locator(`[data-testid=bt-status-row][data-key="${newKey}"]`);
  await added.getByTestId('bt-status-label').fill('签订合同');
  await added.getByTestId('bt-status-up').click();
  await added.getByTestId('bt-status-up').click();
  await editor.locator(`[data-testid=bt-transition][data-from=negotiation][data-to="${newKey}"]`).check();
  await editor.locator(`[data-testid=bt-any][data-from="${newKey}"]`).uncheck();
  await editor.locator(`[data-testid=bt-transition][data-from="${newKey}"][data-to=won]`).check();
  await editor.getByTestId('bt-save').click();
  await expect(editor).toBeHidden();
  const types = await api<(BusinessTypeRow & { statuses: { key: string; label: string }[]; transitions: Record<string, string[]> })[]>(
    'businessTypes.list',
    {},
  );
  const opportunity = types.find((x) => x.name === '销售机会跟踪');
  expect(opportunity?.statuses.map((s) => s.label)).toEqual(['初步接洽', '需求确认', '方案报价', '商务谈判', '签订合同', '赢单', '输单']);
  expect(opportunity?.transitions[newKey]).toEqual(['won']);
  const typeId = opportunity?.id ?? '';
  const oppFields = await api<FieldRow[]>('fields.list', { entity: 'record', businessTypeId: typeId });
  const amount = oppFields.find((f) => f.label === '预计金额')?.columnName ?? '';

  // 6. One opportunity on the customer with two expense lines; the record and the card show the total.
  await card.open('华东机电有限公司');
  await card.panel.locator(`[role=tab][data-label="销售机会跟踪"]`).click();
  await card.panel.getByTestId('add-record').click();
  const record = new RecordDialogPage(app);
  await record.dialog.getByTestId('record-title').fill('二期扩产项目');
  await record.field('预计金额').fill('50000');
  await record.addExpense(0, '\u3000交通', '1200.50', '上海往返高铁');
  await record.addExpense(1, '招待费', '800', '商务午餐');
  await expect(record.dialog.getByTestId('record-expense-total')).toHaveText('¥2,000.50');
  await record.save();
  const row = card.panel.getByTestId('record-row').filter({ hasText: '二期扩产项目' });
  await expect(row.locator('[data-key=expenseTotalFen]')).toHaveText('¥2,000.50');
  await expect(card.total('expenses')).toContainText('¥2,000.50');

  // The workflow offers only the allowed next stages.
  await row.getByTestId('record-edit').click();
  await expect(record.statusOptions()).toHaveCount(3);
  expect(await attributes(record.statusOptions(), 'data-status')).toEqual(['lead', 'needs', 'lost']);
  await record.dialog.locator('[data-testid=record-status-option][data-status=needs]').click();
  await record.save();
  await expect(row).toContainText('需求确认');

  // 7. An order with two lines, a 9.5折 discount and an order discount; the totals strip follows.
  await card.panel.getByTestId('tab-orders').click();
  await card.panel.getByTestId('add-order').click();
  const order = app.getByTestId('order-dialog');
  const line1 = order.getByTestId('order-line').nth(0);
  await line1.getByTestId('line-name').fill('数控机床');
  await line1.getByTestId('line-quantity').fill('2');
  await line1.getByTestId('line-price').fill('15000');
  await line1.getByTestId('line-discount').fill('9.5');
  await expect(line1.getByTestId('line-amount')).toHaveText('¥28,500.00');
  await order.getByTestId('line-add').click();
  const line2 = order.getByTestId('order-line').nth(1);
  await line2.getByTestId('line-name').fill('配件包');
  await line2.getByTestId('line-quantity').fill('3');
  await line2.getByTestId('line-price').fill('199.9');
  await expect(line2.getByTestId('line-amount')).toHaveText('¥599.70');
  await order.getByTestId('order-discount').fill('100');
  await expect(order.getByTestId('order-total')).toHaveText('¥28,999.70');
  await order.getByTestId('order-save').click();
  await expect(order).toBeHidden();
  await expect(card.total('orders')).toContainText('¥28,999.70');
  await expect(card.total('outstanding')).toContainText('¥28,999.70');
  await expect(card.total('received')).toContainText('¥0.00');

  // 8. Two more opportunities (setup), then the list grouped by stage with subtotals.
  const other = await api<Created>('customers.create', { values: { name: '苏州精工科技' } });
  await api('records.create', { typeId, customerId: other.id, title: '年度框架协议', status: 'needs', custom: { [amount]: '30000' } });
  await api('records.create', { typeId, customerId: other.id, title: '样机试用', status: 'lead', custom: { [amount]: '20000' } });
  const list = new RecordsListPage(app);
  await list.open('销售机会跟踪');
  await expect(app.getByTestId('records-list-row')).toHaveCount(3);
  await app.getByTestId('records-group-1').selectOption({ label: '状态' });
  await app.locator(`[data-testid=records-measure][data-field="${amount}"]`).selectOption({ label: '合计' });
  const needs = list.group('需求确认');
  await expect(needs).toHaveAttribute('data-count', '2');
  await expect(list.value(needs, `sum:${amount}`)).toHaveText('¥80,000.00');
  await expect(list.value(needs, 'sum:expenseTotalFen')).toHaveText('¥2,000.50');
  const lead = list.group('初步接洽');
  await expect(lead).toHaveAttribute('data-count', '1');
  await expect(list.value(lead, `sum:${amount}`)).toHaveText('¥20,000.00');
  const total = app.getByTestId('group-total');
  await expect(total).toHaveAttribute('data-count', '3');
  await expect(list.value(total, `sum:${amount}`)).toHaveText('¥100,000.00');
  await expect(list.value(total, 'sum:expenseTotalFen')).toHaveText('¥2,000.50');

  // 9. 费用明细 grouped by category level 1 with a grand total.
  await app.getByTestId('nav-expenses').click();
  const expenses = app.getByTestId('expenses-grouped');
  await expect(expenses.locator('[data-testid=group-row][data-label="差旅费"] [data-testid=group-value]')).toHaveText('¥1,200.50');
  await expect(expenses.locator('[data-testid=group-row][data-label="招待费"] [data-testid=group-value]')).toHaveText('¥800.00');
  await expect(expenses.locator('[data-testid=group-total] [data-testid=group-value]')).toHaveText('¥2,000.50');
});

test('the manager indexes a customer field, drops the index and builds it again', async ({ app, api }) => {
  // Setup that is not under test: a few customers, so the build has rows to read.
  for (const name of ['华东机电有限公司', '苏州精工科技', '杭州远景贸易']) await api('customers.create', { values: { name } });
  const indexStateOf = async (label: string) => {
    const field = (await api('fields.list', { entity: 'customer' })).find((f) => f.label === label);
    return { indexed: field?.indexed, state: field?.indexState };
  };

  const settings = new SettingsPage(app);

  // 1. A new field with 建立索引 ticked: the background job builds it and the row says so.
  await settings.addField('customer', { label: '客户编号', typeLabel: '文本', indexed: true });
  await settings.expectIndexState('客户编号', 'ready');
  await expect(settings.fieldRow('客户编号')).toContainText('建立索引');
  expect(await indexStateOf('客户编号')).toEqual({ indexed: true, state: 'ready' });

  // 2. Unticked: the index is dropped at once and the row shows no index state.
  await settings.setIndexed('客户编号', false);
  await settings.expectIndexState('客户编号', 'none');
  await expect(settings.fieldRow('客户编号')).not.toContainText('建立索引');
  expect(await indexStateOf('客户编号')).toEqual({ indexed: false, state: 'none' });

  // 3. Ticked again: built again.
  await settings.setIndexed('客户编号', true);
  await settings.expectIndexState('客户编号', 'ready');
  expect(await indexStateOf('客户编号')).toEqual({ indexed: true, state: 'ready' });
  // Nothing is left to build.
  expect(await api('fields.buildIndexes', {})).toEqual({ jobId: null });
});
