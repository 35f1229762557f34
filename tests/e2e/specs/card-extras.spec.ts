import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { CustomerGroupsPage, CustomFieldsBlock, OrderDialogPage, ProductsPage } from '../pages/card-extras-pages';
import { CustomerCardPage } from '../pages/customer-card-page';
import { SettingsPage } from '../pages/settings-page';

// Custom fields of contacts and orders in their dialogs, the products catalogue used by an order
// line, the customers list grouped by class with order totals, fields dragged in the layout
// editor, the contact form drawn from its layout, and an order discount in 折 (issue 3).

async function attributes(list: Locator, name: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (const el of await list.all()) out.push(await el.getAttribute(name));
  return out;
}

test('contact and order custom fields are filled in their dialogs and stored', async ({ app, api }) => {
  const customer = await api('customers.create', { values: { name: '苏州精工机械有限公司' } });
  const wechat = await api('fields.create', { entity: 'contact', label: '微信号', type: 'text', required: true });
  const say = await api('fields.create', {
    entity: 'contact',
    label: '决策权',
    type: 'select',
    options: [
      { value: 'high', label: '拍板', color: 'green' },
      { value: 'low', label: '参谋', color: 'gray' },
    ],
  });
  const contract = await api('fields.create', { entity: 'order', label: '合同编号', type: 'text', required: true });
  const freight = await api('fields.create', { entity: 'order', label: '运费', type: 'money' });

  const card = new CustomerCardPage(app);
  await card.open('苏州精工机械有限公司');

  // 联系人: the required field is marked; saving without it shows main's error under it.
  await card.panel.getByTestId('tab-organisation').click();
  await app.getByTestId('add-contact').click();
  const contactDialog = app.getByTestId('contact-dialog');
  const contactCustom = new CustomFieldsBlock(contactDialog, 'contact');
  await expect(contactCustom.field('微信号')).toHaveAttribute('data-required', 'true');
  await expect(contactCustom.field('微信号').getByTestId('contact-custom-required')).toBeVisible();
  await contactDialog.getByTestId('contact-field-name').fill('张卫东');
  await contactDialog.getByTestId('contact-save').click();
  await expect(contactDialog.getByTestId(`contact-custom-error-${wechat.columnName}`)).toHaveAttribute('data-code', 'required');
  await expect(contactDialog).toBeVisible();

  await contactCustom.input('微信号').fill('zhang_wd88');
  await expect(contactDialog.getByTestId(`contact-custom-error-${wechat.columnName}`)).toBeHidden();
  await contactCustom.input('决策权').selectOption({ label: '拍板' });
  await contactDialog.getByTestId('contact-save').click();
  await expect(contactDialog).toBeHidden();
  const row = app.locator('[data-testid=contact-row][data-name="张卫东"]');
  await expect(row).toBeVisible();
  let stored = (await api('customers.get', { id: customer.id })).contacts.find((c) => c.name === '张卫东');
  expect(stored?.custom).toMatchObject({ [wechat.columnName]: 'zhang_wd88', [say.columnName]: 'high' });

  // Editing shows the stored values; only the changed field is sent (the other keeps its value).
  await row.dblclick();
  await expect(contactDialog).toBeVisible();
  await expect(contactCustom.input('微信号')).toHaveValue('zhang_wd88');
  await expect(contactCustom.input('决策权')).toHaveValue('high');
  await contactCustom.input('微信号').fill('zwd_suzhou');
  await contactDialog.getByTestId('contact-save').click();
  await expect(contactDialog).toBeHidden();
  await expect
    .poll(async () => (await api('customers.get', { id: customer.id })).contacts.find((c) => c.name === '张卫东')?.custom?.[wechat.columnName])
    .toBe('zwd_suzhou');
  stored = (await api('customers.get', { id: customer.id })).contacts.find((c) => c.name === '张卫东');
  expect(stored?.custom?.[say.columnName]).toBe('high');

  // 订单: the required 合同编号 and a money 运费 typed in 元.
  const order = new OrderDialogPage(app);
  await order.openNew(card.panel);
  await order.fillLine(0, { name: '安装调试服务', quantity: '1', price: '3500' });
  await expect(order.custom.field('合同编号')).toHaveAttribute('data-required', 'true');
  await order.save();
  await expect(order.root.getByTestId(`order-custom-error-${contract.columnName}`)).toHaveAttribute('data-code', 'required');
  await order.custom.input('合同编号').fill('HT-2024-0815');
  await order.custom.input('运费').fill('120.50');
  await order.save();
  await expect(order.root).toBeHidden();
  const related = await api('customers.related', { id: customer.id });
  expect(related.orders).toHaveLength(1);
  expect(related.orders[0]?.custom).toMatchObject({ [contract.columnName]: 'HT-2024-0815', [freight.columnName]: 12050 });
  expect(related.orders[0]?.totalFen).toBe(350000);
});

test('a product from the catalogue is picked on an order line', async ({ app, api }) => {
  const customer = await api('customers.create', { values: { name: '无锡恒达精密铸造厂' } });
  const products = new ProductsPage(app);
  await products.open();
  await expect(app.getByTestId('products-empty')).toBeVisible();

  await products.add({
    code: 'CNC-220',
    name: '数控车床配件包',
    category: '配件',
    unit: '套',
    price: '1,280.50',
    cost: '800',
    notes: '含刀架与卡盘',
  });
  await expect(products.cell('数控车床配件包', 'price')).toHaveText('¥1,280.50');
  await expect(products.cell('数控车床配件包', 'cost')).toHaveText('¥800.00');
  await products.add({ code: 'SRV-01', name: '上门安装', unit: '次', price: '600' });
  const stored = await api('products.list', {});
  const part = stored.find((p) => p.code === 'CNC-220');
  expect(part).toMatchObject({ name: '数控车床配件包', category: '配件', unit: '套', priceFen: 128050, costFen: 80000, notes: '含刀架与卡盘' });

  // A second product with the same code: main's duplicate-code error under the code field.
  await products.startNew({ code: 'CNC-220', name: '重复编号的产品', price: '1' });
  await products.save();
  await expect(products.fieldError('code')).toHaveAttribute('data-code', 'duplicateCode');
  await expect(products.fieldError('code')).toHaveText('该编号已被其他产品使用');
  await products.dialog.getByTestId('product-cancel').click();
  await expect(products.dialog).toBeHidden();
  expect(await api('products.list', {})).toHaveLength(2);

  // Search by code and by name.
  await products.search.fill('CNC');
  await expect(products.rows).toHaveCount(1);
  await products.search.fill('安装');
  await expect(products.rows).toHaveCount(1);
  await expect(products.row('上门安装')).toBeVisible();
  await products.search.fill('');
  await expect(products.rows).toHaveCount(2);

  // Edit the price in the catalogue.
  await products.row('上门安装').getByTestId('product-edit').click();
  await products.dialog.getByTestId('product-field-price').fill('650');
  await products.save();
  await expect(products.dialog).toBeHidden();
  await expect(products.cell('上门安装', 'price')).toHaveText('¥650.00');

  // The order dialog's product picker offers the catalogue; picking fills the name and the price.
  const card = new CustomerCardPage(app);
  await card.open('无锡恒达精密铸造厂');
  const order = new OrderDialogPage(app);
  await order.openNew(card.panel);
  const line = order.line(0);
  await line.getByTestId('line-product').selectOption({ label: 'CNC-220 数控车床配件包' });
  await expect(line.getByTestId('line-name')).toHaveValue('数控车床配件包');
  await expect(line.getByTestId('line-price')).toHaveValue('1280.50');
  await line.getByTestId('line-quantity').fill('2');
  await expect(line.getByTestId('line-amount')).toHaveText('¥2,561.00');
  await order.save();
  await expect(order.root).toBeHidden();
  const saved = (await api('customers.related', { id: customer.id })).orders[0];
  expect(saved?.lines).toHaveLength(1);
  expect(saved?.lines[0]).toMatchObject({
    productId: part?.id,
    productName: '数控车床配件包',
    unitPriceFen: 128050,
    quantityMilli: 2000,
    amountFen: 256100,
  });
  expect(saved?.totalFen).toBe(256100);
});

test('the customers list grouped by class shows counts and order totals', async ({ app, api }) => {
  const a1 = await api('customers.create', { values: { name: '杭州华信电子有限公司', customerClass: 'A' } });
  const a2 = await api('customers.create', { values: { name: '宁波远洋物流有限公司', customerClass: 'A' } });
  const b1 = await api('customers.create', { values: { name: '合肥新材科技有限公司', customerClass: 'B' } });
  await api('customers.create', { values: { name: '个体户王建国' } });
  const line = (name: string, fen: number) => ({ productName: name, quantityMilli: 1000, unitPriceFen: fen });
  await api('orders.create', { customerId: a1.id, orderDate: '2024-03-05', lines: [line('伺服电机', 1_000_000)] });
  await api('orders.create', { customerId: a1.id, orderDate: '2024-04-18', lines: [line('控制柜', 234_567)] });
  await api('orders.create', { customerId: a2.id, orderDate: '2024-05-02', lines: [line('仓储服务', 50_000)] });
  // A cancelled order is not in the totals.
  await api('orders.create', { customerId: a2.id, orderDate: '2024-05-09', status: 'cancelled', lines: [line('作废', 999_999)] });
  await api('orders.create', { customerId: b1.id, orderDate: '2024-06-01', lines: [line('复合材料样品', 88_888)] });
  await api('receipts.create', { customerId: a1.id, receiptDate: '2024-03-20', amountFen: 600_000 });

  const groups = new CustomerGroupsPage(app);
  await groups.open();
  await groups.groupBy('客户分类');
  await groups.measure('receivedFen', '合计');
  await groups.measure('orderCount', '合计');

  const a = groups.group('A 类');
  const b = groups.group('B 类');
  const none = groups.group('（空）');
  await expect(a).toHaveAttribute('data-count', '2');
  await expect(groups.value(a, 'sum:orderTotalFen')).toHaveAttribute('data-value', '1284567');
  await expect(groups.value(a, 'sum:orderTotalFen')).toHaveText('¥12,845.67');
  await expect(groups.value(a, 'sum:receivedFen')).toHaveAttribute('data-value', '600000');
  await expect(groups.value(a, 'sum:orderCount')).toHaveAttribute('data-value', '3');
  await expect(b).toHaveAttribute('data-count', '1');
  await expect(groups.value(b, 'sum:orderTotalFen')).toHaveText('¥888.88');
  await expect(none).toHaveAttribute('data-count', '1');
  await expect(groups.value(none, 'sum:orderTotalFen')).toHaveAttribute('data-value', '0');
  await expect(groups.total).toHaveAttribute('data-count', '4');
  await expect(groups.value(groups.total, 'sum:orderTotalFen')).toHaveText('¥13,734.55');
  await expect(groups.value(groups.total, 'sum:orderCount')).toHaveAttribute('data-value', '4');

  // A group's name opens its customers as a query.
  await a.getByTestId('group-open').click();
  await expect(app.getByTestId('result-total')).toHaveAttribute('data-count', '2');
  await expect(app.locator('[data-testid=result-row][data-name="杭州华信电子有限公司"]')).toBeVisible();
  await expect(app.locator('[data-testid=result-row][data-name="宁波远洋物流有限公司"]')).toBeVisible();
});

test('a field dragged to another section of the card layout moves in the preview and on the card', async ({ app, api }) => {
  await api('customers.create', { values: { name: '温州瑞丰鞋业有限公司' } });
  const settings = new SettingsPage(app);
  await settings.open('layout');
  const contactSection = settings.layoutSection('contact');
  const preview = app.getByTestId('layout-preview');

  // 所属行业 from 客户资料 into 联系方式, before 省份, with the mouse.
  await settings.dragInLayout(settings.layoutField('industry'), contactSection.locator('[data-testid=le-field][data-field=province]'), 'before');
  await expect(app.getByTestId('le-dirty')).toBeVisible();
  expect((await attributes(contactSection.getByTestId('le-field'), 'data-field')).slice(0, 3)).toEqual(['industry', 'province', 'city']);
  expect(await attributes(settings.layoutSection('identity').getByTestId('le-field'), 'data-field')).not.toContain('industry');
  const previewContact = preview.locator('[data-testid=card-section][data-key=contact] [data-testid=card-field]');
  expect((await attributes(previewContact, 'data-field')).slice(0, 2)).toEqual(['industry', 'province']);

  // Within one section: 网址 dragged above 省份 (now after 所属行业).
  await settings.dragInLayout(settings.layoutField('website'), contactSection.locator('[data-testid=le-field][data-field=province]'), 'before');
  expect((await attributes(contactSection.getByTestId('le-field'), 'data-field')).slice(0, 3)).toEqual(['industry', 'website', 'province']);
  expect((await attributes(previewContact, 'data-field')).slice(0, 3)).toEqual(['industry', 'website', 'province']);

  // A section dragged by its handle: 分类与状态 above 联系方式.
  await settings.dragInLayout(settings.layoutSection('status'), contactSection, 'before', false);
  expect((await attributes(app.getByTestId('le-section'), 'data-key')).slice(0, 3)).toEqual(['identity', 'status', 'contact']);
  expect((await attributes(preview.getByTestId('card-section'), 'data-key')).slice(0, 3)).toEqual(['identity', 'status', 'contact']);
  await settings.saveLayout();

  const saved = await api('layouts.get', { entity: 'customer' });
  const basic = saved.layout.tabs[0];
  expect(basic?.sections.map((x) => x.key).slice(0, 3)).toEqual(['identity', 'status', 'contact']);
  expect(basic?.sections.find((x) => x.key === 'contact')?.fields.slice(0, 3)).toEqual(['industry', 'website', 'province']);

  // The card is drawn from the saved layout.
  const card = new CustomerCardPage(app);
  await card.open('温州瑞丰鞋业有限公司');
  expect((await attributes(card.section('contact').getByTestId('card-field'), 'data-field')).slice(0, 3)).toEqual([
    'industry',
    'website',
    'province',
  ]);
  expect((await attributes(card.panel.getByTestId('card-section'), 'data-key')).slice(0, 3)).toEqual(['identity', 'status', 'contact']);
});

test('the contact dialog is drawn from a rearranged contact layout, custom fields and tabs included', async ({ app, api }) => {
  const customer = await api('customers.create', { values: { name: '泉州鸿运茶业有限公司' } });
  const wechat = await api('fields.create', { entity: 'contact', label: '微信号', type: 'text' });
  const settings = new SettingsPage(app);
  await settings.open('layout');
  await settings.editLayoutOf('contact');
  const preview = app.getByTestId('layout-preview');
  await expect(preview).toHaveAttribute('data-entity', 'contact');
  await expect(
    preview.locator('[data-testid=contact-section][data-key=custom] [data-testid=contact-custom-field][data-label="微信号"]'),
  ).toBeVisible();

  // 手机 dragged above 姓名; 微信号 moved into 联系人 with the keyboard-friendly select.
  const main = settings.layoutSection('main');
  await settings.dragInLayout(settings.layoutField('mobile'), main.locator('[data-testid=le-field][data-field=name]'), 'before');
  expect((await attributes(main.getByTestId('le-field'), 'data-field')).slice(0, 3)).toEqual(['departmentId', 'mobile', 'name']);
  await settings.layoutField(wechat.columnName).getByTestId('le-field-move').selectOption({ label: '基本信息 · 联系人' });
  await expect(main.locator(`[data-testid=le-field][data-field="${wechat.columnName}"]`)).toBeVisible();
  // The emptied 自定义字段 section goes; 备注 gets a tab of its own.
  await settings.layoutSection('custom').getByTestId('le-section-remove').click();
  await app.getByTestId('le-add-tab').selectOption('fields');
  await app.locator('[data-testid=le-tab][data-key=tab1] [data-testid=le-tab-label]').fill('备注信息');
  await app.locator('[data-testid=le-tab][data-key=basic] [data-testid=le-tab-select]').click();
  await settings.layoutField('notes').getByTestId('le-field-move').selectOption({ label: '备注信息 · 新分组' });
  // The preview is the contact form itself.
  expect((await attributes(preview.locator('[data-testid=contact-section][data-key=main] [data-field]'), 'data-field')).slice(0, 3)).toEqual([
    'departmentId',
    'mobile',
    'name',
  ]);
  await expect(preview.getByTestId('contact-tab-tab1')).toHaveText('备注信息');
  await settings.saveLayout();

  const card = new CustomerCardPage(app);
  await card.open('泉州鸿运茶业有限公司');
  await card.panel.getByTestId('tab-organisation').click();
  await app.getByTestId('add-contact').click();
  const dialog = app.getByTestId('contact-dialog');
  await expect(dialog.getByTestId('contact-tab-basic')).toBeVisible();
  await expect(dialog.getByTestId('contact-tab-tab1')).toHaveText('备注信息');
  const fields = await attributes(dialog.locator('[data-testid=contact-section][data-key=main] [data-field]'), 'data-field');
  expect(fields).toEqual(['departmentId', 'mobile', 'name', 'title', 'phone', 'email', 'birthday', wechat.columnName]);
  await expect(dialog.getByTestId('contact-field-notes')).toHaveCount(0);

  await dialog.getByTestId('contact-field-mobile').fill('13905951234');
  await dialog.getByTestId('contact-field-name').fill('林志强');
  await dialog.getByTestId(`contact-custom-${wechat.columnName}`).fill('lin_zq');
  await dialog.getByTestId('contact-tab-tab1').click();
  await dialog.getByTestId('contact-field-notes').fill('喜欢铁观音，每年春茶季来访');
  await dialog.getByTestId('contact-save').click();
  await expect(dialog).toBeHidden();
  const stored = (await api('customers.get', { id: customer.id })).contacts.find((c) => c.name === '林志强');
  expect(stored).toMatchObject({ mobile: '13905951234', notes: '喜欢铁观音，每年春茶季来访', custom: { [wechat.columnName]: 'lin_zq' } });
});

test('an order at 9折 pays 90% of its subtotal, rounded to the fen, and keeps the rate', async ({ app, api }) => {
  const customer = await api('customers.create', { values: { name: '佛山南海五金制品厂' } });
  // Setup: the orders list on the card shows the discount column too.
  const { layout } = await api('layouts.get', { entity: 'customer' });
  const tabs = layout.tabs.map((t) =>
    t.related?.kind === 'orders' ? { ...t, related: { ...t.related, columns: ['orderNo', 'discountFen', 'totalFen'] } } : t,
  );
  await api('layouts.save', { entity: 'customer', layout: { tabs } });
  const card = new CustomerCardPage(app);
  await card.open('佛山南海五金制品厂');
  const order = new OrderDialogPage(app);
  await order.openNew(card.panel);
  await order.fillLine(0, { name: '不锈钢合页', quantity: '3', price: '99.95' });
  await expect(order.root.getByTestId('order-subtotal')).toHaveText('¥299.85');
  // 9折 of ¥299.85 = 269.865 → ¥269.87 to pay; the discount is the rest, ¥29.98.
  await order.discount('zhe', '9');
  await expect(order.root.getByTestId('order-discount-fen')).toHaveAttribute('data-fen', '2998');
  await expect(order.root.getByTestId('order-total')).toHaveText('¥269.87');
  // The same rate as the percent paid.
  await order.root.getByTestId('order-discount-mode').selectOption('percent');
  await expect(order.root.getByTestId('order-discount')).toHaveValue('90');
  await expect(order.root.getByTestId('order-total')).toHaveAttribute('data-fen', '26987');
  await order.save();
  await expect(order.root).toBeHidden();

  const saved = (await api('customers.related', { id: customer.id })).orders[0];
  expect(saved).toMatchObject({ discountBp: 1000, discountFen: 2998, totalFen: 26987 });
  await expect(card.total('orders')).toHaveAttribute('data-fen', '26987');
  const row = card.panel.getByTestId('order-row').first();
  await expect(row.locator('[data-key=discountFen]')).toHaveText('¥29.98 (整单 9 折)');
  await expect(row.locator('[data-key=totalFen]')).toHaveText('¥269.87');

  // Reopened, the order shows its rate in 折; a new line keeps the rate and the total follows.
  await row.getByTestId('order-edit').click();
  await expect(order.root.getByTestId('order-discount-mode')).toHaveValue('zhe');
  await expect(order.root.getByTestId('order-discount')).toHaveValue('9');
  await order.root.getByTestId('line-add').click();
  await order.fillLine(1, { name: '安装螺丝', quantity: '1', price: '0.15' });
  // ¥300.00 at 9折 = ¥270.00.
  await expect(order.root.getByTestId('order-total')).toHaveText('¥270.00');
  await order.save();
  await expect(order.root).toBeHidden();
  await expect.poll(async () => (await api('customers.related', { id: customer.id })).orders[0]?.totalFen).toBe(27000);
  const history = await api('customers.history', { id: customer.id });
  // The amount a rate comes to is derived (recomputed, never logged): history shows the new line, not ¥29.98 → ¥30.00.
  expect(history.some((h) => h.entity === 'orderLine' && h.op === 'create')).toBe(true);
  expect(history.some((h) => h.field === 'discountFen' || h.field === 'totalFen')).toBe(false);
});

test('a new order and a new receipt default to the user’s calendar day, also before 08:00 in China (the UTC date is yesterday then)', async ({
  app,
  api,
}) => {
  await api('customers.create', { values: { name: '凌晨下单的客户' } });
  // 01:30 on 7 December in Asia/Shanghai (the E2E time zone) is still 6 December in UTC.
  await app.clock.setFixedTime(new Date('2026-12-06T17:30:00Z'));
  const card = new CustomerCardPage(app);
  await card.open('凌晨下单的客户');
  const order = new OrderDialogPage(app);
  await order.openNew(card.panel);
  await expect(order.root.getByTestId('order-date')).toHaveValue('2026-12-07');
  // A date refused at save is named under the field until the user changes the field, not until the next save.
  await order.root.getByTestId('order-date').fill('2999-01-01');
  await order.root.getByTestId('order-save').click();
  await expect(order.root.getByTestId('order-error-orderDate')).toContainText('日期超出范围');
  await order.root.getByTestId('order-date').fill('2026/12/1');
  await expect(order.root.getByTestId('order-error-orderDate')).toHaveCount(0);
  await order.root.getByTestId('order-cancel').click();
  await card.panel.getByTestId('tab-receipts').click();
  await card.panel.getByTestId('add-receipt').click();
  await expect(app.getByTestId('receipt-date')).toHaveValue('2026-12-07');
});
