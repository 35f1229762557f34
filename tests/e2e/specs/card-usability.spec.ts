import type { Locator } from '@playwright/test';
import { OrderDialogPage } from '../pages/card-extras-pages';
import { ExpenseDialogPage, FavouriteStarPage, horizontallyVisible } from '../pages/card-usability-pages';
import { CustomerCardPage } from '../pages/customer-card-page';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test } from '../support/fixtures';

// Where a new user got stuck on the card (issue 16): the list beside it, contact names, 费用,
// an order line Save silently refused, contacts into favourites, an unreadable picked chip.

test('beside an open card the list shows names first, and contact names stay on one line', async ({ app, api, customers }) => {
  const c = await api('customers.create', { values: { name: '苏州精工机械有限公司', code: 'SZ-001', industry: '机械制造', city: '苏州市' } });
  await api('contacts.create', { customerId: c.id, name: '李凯', title: '质检员', mobile: '15036024943' });
  // A user who arranged the columns with the name last (the list remembers it between sessions).
  const saved = {
    columns: ['code', 'industry', 'province', 'city', 'phones', 'ownerName', 'updatedAt', 'name'],
    view: 'list',
    sort: { field: 'name', dir: 'asc' },
  };
  await app.evaluate(`localStorage.setItem('kecard.customerList', ${JSON.stringify(JSON.stringify(saved))})`);
  await app.setViewportSize({ width: 1100, height: 760 });
  await app.reload();
  const body = app.getByTestId('customer-list-body');
  await customers.rowById(c.id).click();
  const card = new CustomerCardPage(app);
  await expect(card.panel).toBeVisible();
  await expect.poll(() => horizontallyVisible(customers.header('name'), body), { message: 'the name column is in view beside the card' }).toBe(true);
  const nameCell = customers.rowById(c.id).locator('div.cell-name');
  await expect(nameCell).toHaveText('苏州精工机械有限公司');
  expect(await horizontallyVisible(nameCell, body)).toBe(true);

  await card.panel.getByTestId('tab-organisation').click();
  const row = card.panel.locator('[data-testid=contact-row][data-name="李凯"]');
  await expect(row.locator('td').first()).toHaveText('李凯');
  const [rowBox, headBox] = await Promise.all([row.boundingBox(), card.panel.locator('.contacts-table thead tr').boundingBox()]);
  expect(rowBox?.height ?? 999, 'one line, not one character per line').toBeLessThan((headBox?.height ?? 0) * 1.6);
});

test('an order line with a negative quantity says why Save does nothing; 1900-01-01 is asked about', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '杭州明远贸易有限公司' } });
  const card = new CustomerCardPage(app);
  await card.open('杭州明远贸易有限公司');
  const order = new OrderDialogPage(app);
  await order.openNew(card.panel);
  await order.fillLine(0, { name: '不锈钢法兰', quantity: '-2', price: '35' });
  await expect(order.line(0).getByTestId('line-error-quantity')).toHaveText('数量必须大于 0');
  await order.save();
  await expect(order.root.getByTestId('order-lines-blocked')).toContainText('订单尚未保存');
  expect((await api('customers.related', { id: c.id })).orders).toHaveLength(0);

  await order.fillLine(0, { quantity: '2' });
  await expect(order.line(0).getByTestId('line-error-quantity')).toHaveCount(0);
  await order.root.getByTestId('order-date').fill('1900-01-01');
  await order.save();
  const confirm = app.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('1900-01-01');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(order.root).toBeVisible();
  expect((await api('customers.related', { id: c.id })).orders).toHaveLength(0);

  await order.root.getByTestId('order-date').fill('2024年3月12日');
  await order.save();
  await expect(order.root).toBeHidden();
  const saved = (await api('customers.related', { id: c.id })).orders;
  expect(saved.map((o) => [o.orderDate, o.totalFen])).toEqual([['2024-03-12', 7000]]);
});

test('an expense is entered from the card’s 费用 tab, which the default layout shows', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '无锡华光电子有限公司' } });
  await api('businessTypes.createFromTemplate', { template: 'visit' });
  await api('expenseCategories.create', { name: '差旅费' });

  const card = new CustomerCardPage(app);
  await card.open('无锡华光电子有限公司');
  const dialog = new ExpenseDialogPage(app);
  await dialog.open(card.panel, '费用');
  await dialog.fill({ record: '新建“客户回访”记录', title: '三月上门回访', category: '差旅费', amount: '0', date: '2024/3/5' });
  await dialog.save();
  await expect(dialog.root.getByTestId('expense-dialog-error-amount')).toHaveText('请填写大于 0 的金额');
  await dialog.fill({ amount: '320.50' });
  await dialog.save();
  await expect(dialog.root).toBeHidden();
  await expect(card.panel.getByTestId('customer-expense-row')).toHaveCount(1);
  await expect(card.panel.getByTestId('customer-expense-row')).toContainText('320.50');
  const stored = await api('expenses.list', { customerId: c.id });
  expect(stored.map((e) => [e.amountFen, e.expenseDate, e.recordTitle])).toEqual([[32050, '2024-03-05', '三月上门回访']]);

  // A second one goes onto the record the first created.
  await dialog.open(card.panel, '费用');
  await expect(dialog.root.getByTestId('expense-dialog-record')).toHaveValue(/^record:/);
  await dialog.fill({ amount: '45', date: '2024-03-06' });
  await dialog.save();
  await expect(card.panel.getByTestId('customer-expense-row')).toHaveCount(2);
  const records = await api('records.list', { customerId: c.id });
  expect(records.rows.map((r) => [r.title, r.expenseTotalFen])).toEqual([['三月上门回访', 36550]]);
});

test('in a new workspace the 费用 tab makes the business type and 费用分类 it needs, then saves the expense', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '常州新科电器有限公司' } });
  expect(await api('businessTypes.list', {})).toHaveLength(0);
  expect(await api('expenseCategories.list', {})).toHaveLength(0);

  const card = new CustomerCardPage(app);
  await card.open('常州新科电器有限公司');
  const dialog = new ExpenseDialogPage(app);
  await dialog.open(card.panel, '费用');
  await expect(dialog.root.getByTestId('expense-dialog-blocked')).toHaveCount(0);
  await expect(dialog.root.getByTestId('expense-dialog-record')).toHaveValue('template:visit');
  await expect(dialog.root.getByTestId('expense-dialog-new-type-hint')).toContainText('客户回访');
  await expect(dialog.root.getByTestId('expense-dialog-category')).toHaveValue('__new__');
  await dialog.fill({ amount: '88.80', date: '2024-04-02' });
  await dialog.save();
  // A category needs its name; nothing is made before it has one.
  await expect(dialog.root.getByTestId('expense-dialog-error-category')).toBeVisible();
  expect(await api('businessTypes.list', {})).toHaveLength(0);
  await dialog.root.getByTestId('expense-dialog-category-name').fill('交通费');
  await dialog.save();
  await expect(dialog.root).toBeHidden();
  await expect(card.panel.getByTestId('customer-expense-row')).toHaveCount(1);
  await expect(card.panel.getByTestId('customer-expense-row')).toContainText('88.80');
  await expect(card.panel.getByTestId('customer-expense-row')).toContainText('交通费');

  expect((await api('expenseCategories.list', {})).map((x) => x.name)).toEqual(['交通费']);
  expect((await api('businessTypes.list', {})).map((x) => x.name)).toEqual(['客户回访']);
  const stored = await api('expenses.list', { customerId: c.id });
  expect(stored.map((e) => [e.amountFen, e.expenseDate, e.categoryPath])).toEqual([[8880, '2024-04-02', ['交通费']]]);

  // The next one offers what now exists, not the templates again.
  await dialog.open(card.panel, '费用');
  await expect(dialog.root.getByTestId('expense-dialog-record')).toHaveValue(/^record:/);
  await expect(dialog.root.getByTestId('expense-dialog-record').locator('option[value^="template:"]')).toHaveCount(0);
  await expect(dialog.root.getByTestId('expense-dialog-category').locator('option:checked')).toHaveText('交通费');
});

test('a contact is added to and removed from a favourites folder from its card', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '宁波海通物流有限公司' } });
  const contact = await api('contacts.create', { customerId: c.id, name: '王海燕', mobile: '13857412345' });
  const folder = await api('favourites.createFolder', { name: '重点联系人', entity: 'contact' });
  await api('favourites.createFolder', { name: '重点客户', entity: 'customer' });

  const card = new CustomerCardPage(app);
  await card.open('宁波海通物流有限公司');
  await card.panel.getByTestId('tab-organisation').click();
  await card.panel.locator('[data-testid=contact-row][data-name="王海燕"]').getByTestId('contact-edit').click();
  const dialog = app.getByTestId('contact-dialog');
  const star = new FavouriteStarPage(dialog);
  await star.star.click();
  // Only folders of contacts are offered.
  await expect(star.popover.getByTestId('favourite-folder-option')).toHaveCount(1);
  await star.setIn('重点联系人', true);
  await expect.poll(() => api('favourites.of', { id: contact.id })).toEqual([folder.id]);
  await expect(star.star).toHaveAttribute('aria-pressed', 'true');
  await star.setIn('重点联系人', false);
  await expect.poll(() => api('favourites.of', { id: contact.id })).toEqual([]);
  await expect(star.star).toHaveAttribute('aria-pressed', 'false');
});

test('a contact with no folder yet goes into a new one made from its star, and the popover stays inside the dialog', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '温州瓯江阀门有限公司' } });
  const contact = await api('contacts.create', { customerId: c.id, name: '陈晓东', mobile: '13957712345' });
  const card = new CustomerCardPage(app);
  await card.open('温州瓯江阀门有限公司');
  await card.panel.getByTestId('tab-organisation').click();
  await card.panel.locator('[data-testid=contact-row][data-name="陈晓东"]').getByTestId('contact-edit').click();
  const dialog = app.getByTestId('contact-dialog');
  const star = new FavouriteStarPage(dialog);
  await star.star.click();
  await expect(star.popover).toContainText('还没有收藏夹');
  expect(await horizontallyVisible(star.popover, dialog)).toBe(true);
  await star.popover.getByTestId('favourite-new-folder-name').fill('温州客户联系人');
  await star.popover.getByTestId('favourite-new-folder').click();
  await expect(star.star).toHaveAttribute('aria-pressed', 'true');
  const folders = await api('favourites.folders', {});
  const made = folders.find((f) => f.name === '温州客户联系人');
  expect(made?.entity).toBe('contact');
  await expect.poll(() => api('favourites.of', { id: contact.id })).toEqual([made?.id]);
});

/** WCAG contrast ratio of an element's text against its own background. */
async function contrast(el: Locator): Promise<number> {
  // Runs in the page; the E2E code is checked without the DOM's types, so the one global used is typed here.
  type Styles = { getComputedStyle(node: unknown): { color: string; backgroundColor: string } };
  const [color, background] = await el.evaluate((node): [string, string] => {
    const style = (globalThis as unknown as Styles).getComputedStyle(node);
    return [style.color, style.backgroundColor];
  });
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [a, b] = [lum(color), lum(background)].sort((x, y) => y - x);
  return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
}

test('the picked lifecycle chip in the query builder stays readable under the mouse', async ({ app }) => {
  const qb = new QueryBuilderPage(app);
  await qb.open();
  await app.getByTestId('qb-add-condition').first().click();
  const row = app.getByTestId('qb-condition').last();
  await row.getByTestId('qb-field').selectOption('lifecycle');
  await row.getByTestId('qb-operator').selectOption('in');
  const chip = row.locator('[data-testid=qb-option][data-value=new]');
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  // The mouse is still on it, as after any click.
  expect(await contrast(chip)).toBeGreaterThan(3);
  await app.mouse.move(1, 1);
  expect(await contrast(chip)).toBeGreaterThan(3);
});
