import { expect, test } from '../support/fixtures';

test('the browser shell serves the app on the default workspace', async ({ app, api }) => {
  const info = await api<{ name: string; customerCount: number }>('workspace.info', {});
  expect(info.customerCount).toBe(0);
  await expect(app.getByTestId('quick-search')).toBeVisible();
  await expect(app.getByTestId('status-customer-count')).toContainText('0');
});
