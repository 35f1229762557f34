import { CustomerCardPage } from '../pages/customer-card-page';
import { HistoryTab } from '../pages/history-tab';
import { expect, test } from '../support/fixtures';

// 变动历史 speaks the user's language: an order line, its quantity and price, the order's status,
// a custom select field and a favourites folder are shown as they are elsewhere, never as
// orderLine / quantityMilli / confirmed / cf_… / folderId and ids.
test('the card history shows every change in words, not internals', async ({ app, api }) => {
  const owner = await api('employees.create', { values: { name: '王经理' } });
  const level = await api('fields.create', {
    entity: 'customer',
    label: '合作等级',
    type: 'select',
    options: [
      { value: 'o1', label: '战略合作' },
      { value: 'o2', label: '普通合作' },
    ],
  });
  const c = await api('customers.create', { values: { name: '历史呈现有限公司', ownerId: owner.id, custom: { [level.columnName]: 'o1' } } });
  await api('customers.update', { id: c.id, patch: { custom: { [level.columnName]: 'o2' } } });
  const order = await api('orders.create', {
    customerId: c.id,
    orderDate: '2025-04-01',
    lines: [{ productName: '绿茶', quantityMilli: 1000, unitPriceFen: 9900 }],
  });
  await api('orders.update', { id: order.id, patch: { status: 'shipped' } });
  const folder = await api('favourites.createFolder', { name: '重点客户', entity: 'customer' });
  await api('favourites.add', { folderId: folder.id, target: { ids: [c.id] } });

  const card = new CustomerCardPage(app);
  await card.open('历史呈现有限公司');
  await card.tabByLabel('变动历史').click();
  const history = new HistoryTab(app);
  await expect(history.rows.first()).toBeVisible();

  const line = history.entries('orderLine', { op: 'create' });
  await expect(history.cells(line).nth(3)).toHaveText('订单明细 · 绿茶');
  await expect(line).toContainText('品名：绿茶；数量：1；单价：¥99.00');
  await expect(history.entries('order', { op: 'update', field: 'status' })).toContainText('已确认 → 已发货');
  // Newest first: the edit, then the value set when the customer was created.
  const custom = history.entries('customer', { op: 'update', field: level.columnName }).first();
  await expect(history.cells(custom).nth(4)).toHaveText('合作等级');
  await expect(custom).toContainText('战略合作 → 普通合作');
  await expect(history.entries('customer', { op: 'create' })).toContainText('负责人：王经理');
  await expect(history.entries('favouriteItem', { op: 'create' })).toContainText('收藏夹：重点客户');

  const shown = await history.root.innerText();
  for (const internal of [
    /orderLine/,
    /quantityMilli/,
    /unitPriceFen/,
    /confirmed|shipped/,
    /cf_[0-9a-f]/,
    /folderId/,
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/,
    /\b(o1|o2)\b/,
  ]) {
    expect(shown).not.toMatch(internal);
  }
  for (const id of [c.id, order.id, folder.id, owner.id]) expect(shown).not.toContain(id.slice(0, 8));
});
