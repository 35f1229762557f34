import { join } from 'node:path';
import { expect, test } from '../support/fixtures';
import { QueryBuilderPage } from '../pages/query-builder-page';

// Quick search shows 20 hits; the user also needs to know how many there are in all (共 N 条) and
// to see every one of them (查看全部), each opening its card.

test('quick search says how many match and 查看全部 lists every one of them', async ({ api, customers, card }) => {
  const names = Array.from({ length: 45 }, (_, i) => `星河贸易${String(i + 1).padStart(2, '0')}号有限公司`);
  for (const name of names) await api('customers.create', { values: { name } });
  await api('customers.create', { values: { name: '长江电子有限公司' } });

  await test.step('the dropdown shows 20 hits and 共 45 条', async () => {
    await customers.search('星河贸易');
    await expect(customers.searchHits).toHaveCount(20);
    await expect(customers.searchCount()).toHaveAttribute('data-count', '45');
    await expect(customers.searchCount()).toHaveText('共 45 条');
  });

  await test.step('查看全部: the list holds all 45, sorted by name', async () => {
    await customers.showAllResults('星河贸易');
    await expect(customers.total).toHaveText('共 45 个客户');
    await expect(customers.searchFilter()).toContainText('搜索“星河贸易”的结果');
    await expect(customers.row(0)).toContainText(names[0] ?? '?');
    await expect(customers.row(1)).toContainText(names[1] ?? '?');
    await expect(customers.rows.filter({ hasText: '长江电子' })).toHaveCount(0);
  });

  await test.step('a row past the dropdown’s 20 opens its card', async () => {
    const row = customers.rows.filter({ hasText: names[22] ?? '?' });
    await row.click();
    await expect(card.title).toContainText(names[22] ?? '?');
  });

  await test.step('显示全部客户 brings back every customer', async () => {
    await customers.clearSearchFilter();
    await expect(customers.total).toHaveText('共 46 个客户');
  });
});

test('another workspace starts unfiltered: 查看全部 and the query being built belong to the file they were made in', async ({
  app,
  api,
  customers,
  tempDir,
}) => {
  await api('customers.create', { values: { name: '星河科技有限公司' } });
  await api('customers.create', { values: { name: '长江电子有限公司' } });
  const qb = new QueryBuilderPage(app);
  await qb.open();
  await qb.addCondition('');
  await expect(qb.condition('0')).toHaveCount(1);
  await app.getByTestId('nav-customers').click();
  await customers.showAllResults('星河');
  await expect(customers.searchFilter()).toContainText('搜索“星河”的结果');
  await expect(customers.total).toHaveText('共 1 个客户');
  await expect(app.getByTestId('quick-search')).toHaveValue('星河');

  await api('workspace.create', { path: join(tempDir, '新的工作区.kecard') });
  await api('customers.create', { values: { name: '第一个客户有限公司' } });
  await expect(customers.searchFilter()).toHaveCount(0);
  // The search box starts empty as well, its results closed.
  await expect(app.getByTestId('quick-search')).toHaveValue('');
  await expect(app.getByTestId('search-results')).toHaveCount(0);
  await expect(customers.total).toHaveText('共 1 个客户');
  await expect(customers.rows.filter({ hasText: '第一个客户' })).toHaveCount(1);
  // The condition added in the other file is gone too.
  await qb.open();
  await expect(qb.condition('0')).toHaveCount(0);
});
