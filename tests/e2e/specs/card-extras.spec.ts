import { expect, test } from '../support/fixtures';
import { CustomerGroupsPage, CustomFieldsBlock, OrderDialogPage, ProductsPage } from '../pages/card-extras-pages';
import { CustomerCardPage } from '../pages/customer-card-page';

// Custom fields of contacts and orders in their dialogs, the products catalogue used by an order
// line, and the customers list grouped by class with order totals (issue 3).

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

  await products.add({ code: 'CNC-220', name: '数控车床配件包', category: '配件', unit: '套', price: '1,280.50', cost: '800', notes: '含刀架与卡盘' });
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
  expect(saved?.lines[0]).toMatchObject({ productId: part?.id, productName: '数控车床配件包', unitPriceFen: 128050, quantityMilli: 2000, amountFen: 256100 });
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
