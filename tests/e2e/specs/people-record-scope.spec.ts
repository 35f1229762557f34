import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

// Issue 19's record scope as a salesperson meets it: signed in as staff linked to an employee, the
// list and quick search show only that employee's customers and the shared ones (no 负责人); a
// colleague's customer is neither listed nor found, and typing its name into a new customer says
// only that it exists with another owner.

async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(app.getByTestId('sign-in-screen')).toBeVisible();
  await app.getByTestId('sign-in-login').fill(login);
  await app.getByTestId('sign-in-password').fill(password);
  await expect(app.getByTestId('sign-in-submit')).toBeEnabled();
  await app.getByTestId('sign-in-submit').click();
}

test('staff see only their own and shared customers in the list and quick search', async ({ app, api, customers, card }) => {
  await test.step('the manager sets up two salespeople with their customers', async () => {
    await api('account.setPassword', { newPassword: 'boss-pass-1' });
    const wang = await api<{ id: string }>('employees.create', { values: { name: '王销售' } });
    const li = await api<{ id: string }>('employees.create', { values: { name: '李销售' } });
    await api('users.create', { login: 'wang', displayName: '王销售', role: 'staff', employeeId: wang.id, password: 'wang-pass-1' });
    await api('customers.create', { values: { name: '王的客户有限公司', ownerId: wang.id } });
    await api('customers.create', { values: { name: '李的客户有限公司', ownerId: li.id } });
    await api('customers.create', { values: { name: '共享客户有限公司' } });
  });

  await test.step('the salesperson signs in', async () => {
    // The window was the owner's: with a password set and a second user, it signs out to 登录.
    await app.reload();
    const signOut = app.getByTestId('status-sign-out');
    await expect(signOut.or(app.getByTestId('sign-in-screen'))).toBeVisible();
    if (await signOut.isVisible()) await signOut.click();
    await signIn(app, 'wang', 'wang-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('王销售');
  });

  await test.step('the list shows their customer and the shared one, not the colleague’s', async () => {
    await expect(customers.total).toContainText('2');
    await expect(customers.rows.filter({ hasText: '王的客户有限公司' })).toHaveCount(1);
    await expect(customers.rows.filter({ hasText: '共享客户有限公司' })).toHaveCount(1);
    await expect(customers.rows.filter({ hasText: '李的客户有限公司' })).toHaveCount(0);
  });

  await test.step('quick search finds nothing of the colleague’s', async () => {
    await customers.search('客户有限公司');
    await expect(customers.searchHits).toHaveCount(2);
    await expect(customers.hit('李的客户')).toHaveCount(0);
    await customers.search('李的客户');
    await expect(customers.searchEmpty).toBeVisible();
    await customers.quickSearch.fill('');
  });

  await test.step('a new customer with the colleague’s name: it exists, with another owner, nothing more', async () => {
    await customers.newCustomer();
    await card.fill({ name: '李的客户有限公司' });
    await expect(app.getByTestId('duplicate-elsewhere')).toContainText('已存在（由其他负责人跟进，无权查看）');
    await expect(app.getByTestId('duplicate-link')).toHaveCount(0);
  });
});
