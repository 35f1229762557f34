import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

// Issue 19's first slice as people use it: the owner sets a password (the recovery code is shown
// once), adds an assistant and signs out; a wrong password is refused with its message and the
// slow-down shows; the assistant signs in and creates a customer whose history names them; the
// manager signs in again and disables the assistant.

async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(app.getByTestId('sign-in-screen')).toBeVisible();
  await app.getByTestId('sign-in-login').fill(login);
  await app.getByTestId('sign-in-password').fill(password);
  await expect(app.getByTestId('sign-in-submit')).toBeEnabled();
  await app.getByTestId('sign-in-submit').click();
}

test('manager sets a password and adds an assistant; the assistant signs in and is named in the history', async ({
  app,
  api,
  frame,
  customers,
  card,
}) => {
  const ownerLogin = await test.step('a one-person workspace opens without sign-in, as its owner', async () => {
    await expect(app.getByTestId('status-user')).toContainText('经理');
    await expect(app.getByTestId('status-sign-out')).toHaveCount(0);
    const [owner] = await api('users.list', {});
    return owner?.login ?? '';
  });

  await test.step('the manager sets a password; the recovery code is shown once', async () => {
    await app.getByTestId('status-set-password').click();
    await app.getByTestId('set-password-new').fill('boss-pass-1');
    await app.getByTestId('set-password-save').click();
    await expect(app.getByTestId('recovery-code-dialog')).toBeVisible();
    await expect(app.getByTestId('recovery-code')).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    await app.getByTestId('recovery-code-saved').click();
    await expect(app.getByTestId('recovery-code-dialog')).toHaveCount(0);
  });

  await test.step('the manager adds an assistant on 用户管理', async () => {
    await app.getByTestId('status-users').click();
    await expect(app.getByTestId('users-screen')).toBeVisible();
    await app.getByTestId('add-user').click();
    await app.getByTestId('new-user-login').fill('xiaoli');
    await app.getByTestId('new-user-displayName').fill('小李');
    await app.getByTestId('new-user-role').selectOption('assistant');
    await app.getByTestId('new-user-password').fill('li-pass-1');
    await app.getByTestId('new-user-save').click();
    await expect(frame.toast('success', '已添加用户 小李。')).toBeVisible();
    await expect(app.locator('[data-testid=user-row][data-login=xiaoli]')).toContainText('助理');
  });

  await test.step('signing out shows 登录; a wrong password is refused and the slow-down is visible', async () => {
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'xiaoli', 'not-her-password');
    await expect(app.getByTestId('sign-in-message')).toHaveText('登录名或密码不正确。');
    await expect(app.getByTestId('sign-in-submit')).toContainText('请等待');
    await expect(app.getByTestId('sign-in-submit')).toBeDisabled();
  });

  await test.step('the assistant signs in and creates a customer; its history names her', async () => {
    await app.getByTestId('sign-in-password').fill('li-pass-1');
    await expect(app.getByTestId('sign-in-submit')).toBeEnabled({ timeout: 5000 });
    await app.getByTestId('sign-in-submit').click();
    await expect(app.getByTestId('status-user')).toContainText('小李（助理）');
    await expect(app.getByTestId('status-users')).toHaveCount(0);
    await customers.newCustomer();
    await card.fill({ name: '助理录入有限公司' });
    await card.save();
    await expect(frame.toast('success', '已新建客户“助理录入有限公司”')).toBeVisible();
    await card.openTab('history');
    await expect(app.getByTestId('history-row').first()).toContainText('小李');
  });

  await test.step('the manager signs in again and disables the assistant', async () => {
    await app.getByTestId('status-switch-user').click();
    await signIn(app, ownerLogin, 'boss-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('经理');
    await app.getByTestId('status-users').click();
    const row = app.locator('[data-testid=user-row][data-login=xiaoli]');
    await row.getByTestId('user-toggle').click();
    await app.getByTestId('confirm-ok').click();
    await expect(row).toHaveAttribute('data-active', 'false');
    await expect(row.getByTestId('user-status')).toHaveText('已停用');
  });
});
