import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test } from '../support/fixtures';

// 审计日志 (issue 19): the manager exports a query's results, opens the audit log from the status
// bar, filters by 导出 and finds their own row with the number of rows exported.
test('a query export appears in the audit log with its row count', async ({ app, api }) => {
  for (const name of ['华南贸易有限公司', '华东贸易有限公司', '北方机械厂']) await api('customers.create', { values: { name } });
  await app.reload();

  const qb = new QueryBuilderPage(app);
  await qb.open();
  await qb.addCondition('');
  await qb.setCondition('0', { field: 'name', operator: 'contains', value: '贸易' });
  await qb.run();
  await expect(qb.resultTotal()).toHaveAttribute('data-count', '2');
  await app.getByTestId('result-view-list').click();
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(app.getByTestId('export-progress')).toHaveCount(0);

  await app.getByTestId('status-audit').click();
  await expect(app.getByTestId('audit-screen')).toBeVisible();
  // The query's launch was a bulk view of customers: on the trail too, before the filter.
  await expect(app.locator('[data-testid=audit-row][data-action=customersViewed]').first()).toBeVisible();
  await app.getByTestId('audit-action').selectOption('exported');
  const rows = app.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'exported');
  await expect(rows.first().getByTestId('audit-row-action')).toHaveText('导出');
  await expect(rows.first().getByTestId('audit-row-count')).toHaveText('2');

  // Another action with nothing on the trail: the empty state.
  await app.getByTestId('audit-action').selectOption('customerPurged');
  await expect(app.getByTestId('audit-empty')).toBeVisible();
});
