import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

// A 只读用户 (viewer) reads everything the manager lets them read and changes nothing: the card has
// no 保存 / 撤销 / 删除 and its inputs are disabled; an order or a business record opens read-only
// with 关闭 instead of 保存; the reason is said once. Main refuses their writes regardless (tested
// in permission-matrix.test.ts); this is what they see.

async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(app.getByTestId('sign-in-screen')).toBeVisible();
  await app.getByTestId('sign-in-login').fill(login);
  await app.getByTestId('sign-in-password').fill(password);
  await expect(app.getByTestId('sign-in-submit')).toBeEnabled();
  await app.getByTestId('sign-in-submit').click();
}

test('a viewer reads the card, its orders and business records read-only', async ({ app, api, customers, card }) => {
  const typeName = await test.step('the manager sets a password, adds a customer with an order and a visit, and a viewer', async () => {
    const [owner] = await api<{ login: string }[]>('users.list', {});
    await app.getByTestId('status-set-password').click();
    await app.getByTestId('set-password-new').fill('boss-pass-1');
    await app.getByTestId('set-password-save').click();
    await app.getByTestId('recovery-code-saved').click();
    await api('session.signIn', { login: owner?.login ?? '', password: 'boss-pass-1' });
    const made = await api<{ id: string }>('customers.create', { values: { name: '秦淮文具批发部', address: '南京市秦淮区' } });
    await api('orders.create', {
      customerId: made.id,
      orderDate: '2026-11-02',
      status: 'confirmed',
      lines: [{ productName: '签字笔', quantityMilli: 100_000, unitPriceFen: 150 }],
    });
    const visit = await api<{ id: string; name: string }>('businessTypes.createFromTemplate', { template: 'visit' });
    await api('records.create', { typeId: visit.id, customerId: made.id, title: '季度回访' });
    await api('users.create', { login: 'chakan', displayName: '查账员', role: 'viewer', password: 'view-pass-1' });
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'chakan', 'view-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('查账员');
    return visit.name;
  });

  await test.step('the card: no 保存, 撤销 or 删除, inputs disabled, the reason said', async () => {
    await customers.openFromSearch('秦淮', '秦淮文具批发部');
    await expect(card.root.getByTestId('card-view-only')).toBeVisible();
    await expect(card.saveButton).toHaveCount(0);
    await expect(card.undoButton).toHaveCount(0);
    await expect(card.root.getByTestId('delete-customer')).toHaveCount(0);
    await expect(card.field('address')).toHaveValue('南京市秦淮区');
    await expect(card.field('address')).toBeDisabled();
  });

  await test.step('an order opens read-only with 关闭', async () => {
    await card.root.getByTestId('tab-orders').click();
    await card.root.getByTestId('order-row').first().dblclick();
    const dialog = app.getByTestId('order-dialog');
    await expect(dialog.getByTestId('dialog-read-only')).toBeVisible();
    await expect(dialog.getByTestId('order-save')).toHaveCount(0);
    await expect(dialog.getByTestId('line-name').first()).toHaveValue('签字笔');
    await expect(dialog.getByTestId('line-name').first()).toBeDisabled();
    await expect(dialog).toContainText('只读');
    await dialog.getByTestId('order-dialog-close').click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('a business record opens read-only with 关闭', async () => {
    await card.root.locator(`[role=tab][data-label="${typeName}"]`).click();
    await card.root.getByTestId('record-row').filter({ hasText: '季度回访' }).dblclick();
    const dialog = app.getByTestId('record-dialog');
    await expect(dialog.getByTestId('dialog-read-only')).toBeVisible();
    await expect(dialog.getByTestId('record-save')).toHaveCount(0);
    await expect(dialog.getByTestId('record-title')).toBeDisabled();
    await dialog.getByTestId('record-dialog-close').click();
    await expect(dialog).toHaveCount(0);
  });
});
