import type { Page } from '@playwright/test';
import { DEFAULT_POLICY } from '../../../src-shared/domain/permissions';
import { expect, test } from '../support/fixtures';

// Issue 19's per-field rules as staff meet them: the manager hides 年收入 from staff (through the
// API: the 权限设置 screen is another slice); a salesperson signs in and finds 年收入 neither on the
// card, nor among the list's columns, nor in the query builder's fields, and cannot export it.

async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(app.getByTestId('sign-in-screen')).toBeVisible();
  await app.getByTestId('sign-in-login').fill(login);
  await app.getByTestId('sign-in-password').fill(password);
  await expect(app.getByTestId('sign-in-submit')).toBeEnabled();
  await app.getByTestId('sign-in-submit').click();
}

test('staff do not see 年收入 once the manager hides it: card, list, query builder, export', async ({ app, api, customers }) => {
  await test.step('the manager sets a password (users can be added only then)', async () => {
    const [owner] = await api('users.list', {});
    await app.getByTestId('status-set-password').click();
    await app.getByTestId('set-password-new').fill('boss-pass-1');
    await app.getByTestId('set-password-save').click();
    await app.getByTestId('recovery-code-saved').click();
    await expect(app.getByTestId('recovery-code-dialog')).toHaveCount(0);
    // The setup's own session signs in as the manager too.
    await api('session.signIn', { login: owner?.login ?? '', password: 'boss-pass-1' });
  });

  const income = await test.step('the manager adds 年收入, a customer with it, a salesperson, and hides it from staff', async () => {
    const field = await api<{ id: string; columnName: string }>('fields.create', { entity: 'customer', label: '年收入', type: 'integer' });
    await api('customers.create', { values: { name: '华东机械有限公司', city: '南京', custom: { [field.columnName]: 8_880_321 } } });
    await api('users.create', { login: 'xiaowang', displayName: '小王', role: 'staff', password: 'wang-pass-1' });
    await api('permissions.save', {
      policy: {
        ...DEFAULT_POLICY,
        staff: {
          ...DEFAULT_POLICY.staff,
          scope: 'all',
          areas: { ...DEFAULT_POLICY.staff.areas, export: 'edit' },
          fields: { [`custom.${field.id}`]: 'hidden' },
        },
      },
    });
    return field;
  });

  await test.step('the manager sees 年收入 on the card', async () => {
    await customers.openFromSearch('华东', '华东机械有限公司');
    await expect(app.getByTestId('customer-card-panel')).toContainText('年收入');
    await app.getByTestId('close-card').click();
  });

  await test.step('the manager signs out; the salesperson signs in', async () => {
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'xiaowang', 'wang-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('小王');
  });

  await test.step('the card shows the customer without 年收入', async () => {
    await customers.openFromSearch('华东', '华东机械有限公司');
    const card = app.getByTestId('customer-card-panel');
    await expect(card).toContainText('华东机械有限公司');
    await expect(card).not.toContainText('年收入');
    await expect(card).not.toContainText('8880321');
    await expect(card).not.toContainText('8,880,321');
  });

  await test.step('the list offers no 年收入 column', async () => {
    await app.getByTestId('nav-customers').click();
    expect(await customers.shownColumns()).not.toContain(income.columnName);
    await customers.columnChooserButton.click();
    await expect(customers.columnChooser).toBeVisible();
    await expect(customers.columnChooser).not.toContainText('年收入');
    await expect(app.getByTestId(`column-option-${income.columnName}`)).toHaveCount(0);
    await app.getByTestId('column-done').click();
  });

  await test.step('the query builder offers no 年收入 field', async () => {
    await app.getByTestId('nav-queries').click();
    await expect(app.getByTestId('query-builder')).toBeVisible();
    await app.locator('[data-testid=qb-add-condition][data-path=""]').click();
    const fieldSelect = app.locator('[data-testid=qb-condition][data-path="0"]').getByTestId('qb-field');
    await expect(fieldSelect.locator('option')).not.toHaveCount(0);
    await expect(fieldSelect).not.toContainText('年收入');
    await expect(fieldSelect.locator(`option[value="${income.columnName}"]`)).toHaveCount(0);
  });

  await test.step('an export naming 年收入, sent as the salesperson, is refused', async () => {
    const answer = await app.evaluate(async (column) => {
      const res = await fetch('/api/call/queries.export', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          definition: { entity: 'customer', where: { kind: 'group', op: 'and', children: [] } },
          format: 'csv',
          columns: [{ key: column, header: '年收入' }],
          fileName: '客户',
        }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    }, income.columnName);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
