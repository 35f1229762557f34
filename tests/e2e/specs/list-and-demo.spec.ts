import type { CustomerListColumn, CustomerSortField } from '../../../src-shared/domain/customer';
import type { CustomersPage } from '../pages/customers-page';
import { aCustomer } from '../support/builders';
import { workspaceCounts } from '../support/cli';
import { expect, test, type Api } from '../support/fixtures';

// Demo data from the 文件 menu, then the list: sorting, card/list view, chosen columns; and a
// large job cancelled half-way leaves the workspace exactly as it was.

const ROWS_CHECKED = 15;

async function expectListOrder(api: Api, customers: CustomersPage, field: CustomerSortField, dir: 'asc' | 'desc'): Promise<string[]> {
  const expected = (await api('customers.list', { offset: 0, limit: ROWS_CHECKED, sort: { field, dir } })).rows.map((r) => r.id);
  await expect.poll(() => customers.rowIds(ROWS_CHECKED), { message: `list sorted by ${field} ${dir}` }).toEqual(expected);
  return expected;
}

test('demo data fills the list, which sorts, switches view and shows chosen columns', async ({ app, api, frame, menu, customers }) => {
  await test.step('文件 → 生成演示数据: 2,000 customers', async () => {
    const dialog = await menu.openDemoDialog();
    const job = await dialog.generate(2000, 7, 'current');
    await expect(job.bar).toHaveAttribute('data-total', '2000');
    await job.waitUntilClosed();
    await expect(frame.toast('success', '演示数据已生成。')).toBeVisible();
    await frame.expectCustomerCount(2000);
    await expect(frame.statusCustomerCount).toHaveText('客户 2,000');
    await expect(customers.total).toHaveText('共 2,000 个客户');
    expect((await api('workspace.info', {}))?.customerCount).toBe(2000);
  });

  await test.step('sort by a column: the list follows customers.list', async () => {
    await expect(customers.header('name')).toHaveAttribute('data-sort', 'asc');
    await expectListOrder(api, customers, 'name', 'asc');
    await customers.sortBy('city', 'asc');
    await expect(customers.header('name')).not.toHaveAttribute('data-sort', /.+/);
    const asc = await expectListOrder(api, customers, 'city', 'asc');
    await customers.sortBy('city', 'desc');
    const desc = await expectListOrder(api, customers, 'city', 'desc');
    expect(desc).not.toEqual(asc);
    const first = (await api('customers.list', { offset: 0, limit: 1, sort: { field: 'city', dir: 'desc' } })).rows[0];
    expect(first?.city).toBeTruthy();
    await expect(customers.row(0)).toContainText(first?.city ?? '?');
  });

  await test.step('card view shows the same records in the same order, and back', async () => {
    await customers.switchView('cards');
    await expect(customers.table).toBeHidden();
    await expect(customers.viewListButton).toHaveAttribute('aria-pressed', 'false');
    const expected = (await api('customers.list', { offset: 0, limit: 6, sort: { field: 'city', dir: 'desc' } })).rows;
    expect(await customers.cardIds(6)).toEqual(expected.map((r) => r.id));
    await expect(customers.cards.first()).toContainText(expected[0]?.name ?? '?');
    await customers.switchView('list');
    await expect(customers.cardView).toBeHidden();
    await expect(customers.header('city')).toHaveAttribute('data-sort', 'desc');
    await expectListOrder(api, customers, 'city', 'desc');
  });

  await test.step('choose columns: show e-mail, hide industry, move e-mail up', async () => {
    const rows = (await api('customers.list', { offset: 0, limit: ROWS_CHECKED, sort: { field: 'city', dir: 'desc' } })).rows;
    const index = rows.findIndex((r) => r.email);
    const withEmail = rows[index];
    expect(withEmail?.email, 'demo data has an e-mail among the first rows').toBeTruthy();
    const email = withEmail?.email ?? '?';
    await expect(customers.row(index)).not.toContainText(email);

    const before = await customers.shownColumns();
    expect(before).toContain('industry');
    expect(before).not.toContain('email');
    await customers.chooseColumns({ show: ['email'], hide: ['industry'], moveUp: ['email'] });
    const expected: CustomerListColumn[] = [...before.filter((c) => c !== 'industry')] as CustomerListColumn[];
    expected.splice(expected.length - 1, 0, 'email');
    expect(await customers.shownColumns()).toEqual(expected);
    await expect(customers.row(index)).toContainText(email);

    // The choice is remembered.
    await app.reload();
    await expect(customers.total).toHaveText('共 2,000 个客户');
    expect(await customers.shownColumns()).toEqual(expected);
  });
});

test('cancelling a large demo job leaves the workspace unchanged', async ({ shell, api, frame, menu, customers }) => {
  for (const name of ['武汉长江物流有限公司', '西安古城文化传媒有限公司', '南京紫金软件有限公司']) {
    await api('customers.create', { values: aCustomer({ name }) });
  }
  await frame.expectCustomerCount(3);
  const before = workspaceCounts(shell.workspacePath);
  expect(before.customers).toBe(3);

  const dialog = await menu.openDemoDialog();
  const job = await dialog.generate(200_000, 11, 'current');
  await expect(job.bar).toHaveAttribute('data-total', '200000');
  // Let it write for real before cancelling.
  await job.waitForProgress(1);
  const doneAtCancel = await job.done();
  expect(doneAtCancel).toBeLessThan(200_000);
  await job.cancel.click();
  await job.waitUntilClosed(30_000);
  await expect(frame.toast('info', '已取消生成演示数据。')).toBeVisible();

  // One transaction: nothing of the cancelled job is left, not even departments or log rows.
  expect(workspaceCounts(shell.workspacePath)).toEqual(before);
  expect((await api('customers.list', { offset: 0, limit: 1 })).total).toBe(3);
  await frame.expectCustomerCount(3);
  await expect(customers.total).toHaveText('共 3 个客户');
});
