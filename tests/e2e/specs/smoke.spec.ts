import { expect, test } from '../support/fixtures';

test('the browser shell serves the app on the default workspace', async ({ app, api, frame }) => {
  const info = await api('workspace.info', {});
  expect(info?.customerCount).toBe(0);
  await expect(app.getByTestId('quick-search')).toBeVisible();
  await frame.expectCustomerCount(0);
  await expect(frame.statusCustomerCount).toHaveText('客户 0');
  await expect(frame.statusShell()).toContainText('浏览器模式');
});
