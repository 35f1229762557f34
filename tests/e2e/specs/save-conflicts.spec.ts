import type { Page } from '@playwright/test';
import { OrderDialogPage } from '../pages/card-extras-pages';
import { CustomerCardPage } from '../pages/customer-card-page';
import { HistoryTab } from '../pages/history-tab';
import { expect, test } from '../support/fixtures';

// No silent overwrites (issue 20): two windows on one workspace edit the same card; the later save
// writes what nobody else touched and asks about the rest, field by field.

async function secondWindow(app: Page, launchUrl: string): Promise<Page> {
  const page = await app.context().newPage();
  await page.goto(launchUrl);
  await expect(page.getByTestId('menu-file')).toBeVisible();
  return page;
}

test('客户卡片: a 备注 saved in another window meanwhile is asked about; 电话 saves; 合并 saves both texts', async ({ app, api, shell }) => {
  const c = await api('customers.create', { values: { name: '冲突测试贸易有限公司', notes: '老客户' } });
  const other = await secondWindow(app, shell.launchUrl);
  const cardA = new CustomerCardPage(app);
  const cardB = new CustomerCardPage(other);
  await cardA.open('冲突测试贸易有限公司');
  await cardB.open('冲突测试贸易有限公司');

  // B starts typing (unsaved) …
  await cardB.input('备注').fill('助理：客户要求电话确认');
  await cardB.input('电话').fill('13812345678');
  // … while A saves another 备注.
  await cardA.input('备注').fill('经理：每月回访');
  await cardA.save();
  // B's form keeps what B typed though the card re-read A's change.
  await expect.poll(async () => (await api('customers.get', { id: c.id })).customer.notes).toBe('经理：每月回访');
  await expect(cardB.input('备注')).toHaveValue('助理：客户要求电话确认');

  await other.getByTestId('save-customer').click();
  const dialog = other.getByTestId('save-conflict-dialog');
  await expect(dialog).toBeVisible();
  const notes = dialog.getByTestId('save-conflict-notes');
  await expect(notes).toHaveCount(1);
  await expect(dialog.locator('fieldset')).toHaveCount(1); // 电话: nobody else touched it
  await expect(notes.getByTestId('save-conflict-base')).toHaveText('老客户');
  await expect(notes.getByTestId('save-conflict-theirs')).toHaveText('经理：每月回访');
  await expect(notes.getByTestId('save-conflict-mine')).toHaveText('助理：客户要求电话确认');
  const history = await api('customers.history', { id: c.id });
  const aChange = history.find((e) => e.field === 'notes');
  expect(aChange).toBeDefined();
  await expect(notes.getByTestId('save-conflict-by')).toContainText(aChange?.userName ?? '');
  await expect(notes.getByTestId('save-conflict-by')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  // 电话 is already saved.
  expect((await api('customers.get', { id: c.id })).customer.phones).toEqual(['13812345678']);

  await notes.getByTestId('save-conflict-notes-merge').click();
  await expect(notes.getByTestId('save-conflict-notes-text')).toHaveValue('经理：每月回访\n助理：客户要求电话确认');
  await notes.getByTestId('save-conflict-notes-text').fill('经理：每月回访；助理：客户要求电话确认');
  await dialog.getByTestId('save-conflict-save').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await api('customers.get', { id: c.id })).customer.notes).toBe('经理：每月回访；助理：客户要求电话确认');

  // The history shows all three changes.
  await cardB.tabByLabel('变动历史').click();
  const tab = new HistoryTab(other);
  await expect(tab.entries('customer', { op: 'update', field: 'notes' })).toHaveCount(2);
  await expect(tab.entries('customer', { op: 'update', field: 'phones' })).toHaveCount(1);
  await expect(tab.entries('customer', { op: 'update', field: 'notes' }).first()).toContainText('经理：每月回访；助理：客户要求电话确认');
});

test('业务记录: a title changed in another window meanwhile is asked about; 保留我的 saves mine', async ({ app, api, shell }) => {
  const type = await api('businessTypes.createFromTemplate', { template: 'visit' });
  const c = await api('customers.create', { values: { name: '记录冲突有限公司' } });
  const record = await api('records.create', { typeId: type.id, customerId: c.id, title: '首次拜访' });
  const other = await secondWindow(app, shell.launchUrl);
  const cardA = new CustomerCardPage(app);
  const cardB = new CustomerCardPage(other);
  await cardA.open('记录冲突有限公司');
  await cardB.open('记录冲突有限公司');
  await cardA.tabByLabel(type.name).click();
  await cardB.tabByLabel(type.name).click();
  await app.getByTestId('record-edit').click();
  await other.getByTestId('record-edit').click();

  await other.getByTestId('record-title').fill('首次拜访（助理记录）');
  await app.getByTestId('record-title').fill('首次拜访（经理修改）');
  await app.getByTestId('record-save').click();
  await expect(app.getByTestId('record-dialog')).toHaveCount(0);

  await other.getByTestId('record-save').click();
  const dialog = other.getByTestId('save-conflict-dialog');
  const title = dialog.getByTestId('save-conflict-title');
  await expect(title.getByTestId('save-conflict-theirs')).toHaveText('首次拜访（经理修改）');
  await expect(title.getByTestId('save-conflict-base')).toHaveText('首次拜访');
  await title.getByTestId('save-conflict-title-mine').check();
  await dialog.getByTestId('save-conflict-save').click();
  await expect(other.getByTestId('record-dialog')).toHaveCount(0);
  expect((await api('records.get', { id: record.id })).title).toBe('首次拜访（助理记录）');
  const titles = (await api('customers.history', { id: c.id })).filter((e) => e.entity === 'businessRecord' && e.field === 'title');
  expect(titles.map((e) => e.newValue)).toEqual(['首次拜访（助理记录）', '首次拜访（经理修改）']);
});

test('订单: a line changed in another window meanwhile is asked about; 备注 saves; 采用对方的 keeps their line', async ({ app, api, shell }) => {
  const c = await api('customers.create', { values: { name: '订单冲突有限公司' } });
  const order = await api('orders.create', {
    customerId: c.id,
    orderDate: '2026-12-01',
    lines: [{ productName: '龙井', quantityMilli: 1000, unitPriceFen: 10000 }],
  });
  const other = await secondWindow(app, shell.launchUrl);
  for (const page of [app, other]) {
    const card = new CustomerCardPage(page);
    await card.open('订单冲突有限公司');
    await card.panel.getByTestId('tab-orders').click();
    await card.panel.getByTestId('order-edit').click();
  }
  const dialogA = new OrderDialogPage(app);
  const dialogB = new OrderDialogPage(other);
  await dialogB.fillLine(0, { quantity: '3' });
  await dialogB.root.getByTestId('order-notes').fill('助理：周五送货');
  await dialogA.fillLine(0, { quantity: '2' });
  await dialogA.save();
  await expect(dialogA.root).toBeHidden();

  await dialogB.save();
  const conflict = other.getByTestId('save-conflict-dialog');
  const lines = conflict.getByTestId('save-conflict-lines');
  await expect(lines.getByTestId('save-conflict-theirs')).toHaveText('龙井 × 2');
  await expect(lines.getByTestId('save-conflict-mine')).toHaveText('龙井 × 3');
  await expect(lines.getByTestId('save-conflict-lines-merge')).toHaveCount(0);
  expect((await api('orders.get', { id: order.id })).notes).toBe('助理：周五送货');
  await lines.getByTestId('save-conflict-lines-theirs').check();
  await conflict.getByTestId('save-conflict-save').click();
  await expect(dialogB.root).toBeHidden();
  expect((await api('orders.get', { id: order.id })).lines.map((l) => l.quantityMilli)).toEqual([2000]);
});
