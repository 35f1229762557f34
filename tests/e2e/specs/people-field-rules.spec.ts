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

test('staff meet masked, read-only and hidden built-in fields locked on the card and contact form, and still save', async ({
  app,
  api,
  customers,
  card,
}) => {
  /** The stored customer, as the manager's own session reads it. */
  async function stored(q: string): Promise<Record<string, unknown>> {
    const [row] = (await api<{ rows: Record<string, unknown>[] }>('customers.list', { q, offset: 0, limit: 5 })).rows;
    return row ?? {};
  }
  let ownerLogin = '';
  await test.step('the manager sets a password, adds a customer with a contact and a salesperson', async () => {
    const [owner] = await api('users.list', {});
    ownerLogin = owner?.login ?? '';
    await app.getByTestId('status-set-password').click();
    await app.getByTestId('set-password-new').fill('boss-pass-1');
    await app.getByTestId('set-password-save').click();
    await app.getByTestId('recovery-code-saved').click();
    await api('session.signIn', { login: owner?.login ?? '', password: 'boss-pass-1' });
    const made = await api<{ id: string }>('customers.create', {
      values: { name: '金陵电子有限公司', phones: ['13912345678'], email: 'boss@jinling.cn', lifecycle: 'repeat' },
    });
    await api('contacts.create', { customerId: made.id, name: '周经理', mobile: '13800001111' });
    await api('users.create', { login: 'xiaoli', displayName: '小李', role: 'staff', password: 'li-pass-1' });
    await api('permissions.save', {
      policy: {
        ...DEFAULT_POLICY,
        staff: {
          ...DEFAULT_POLICY.staff,
          scope: 'all',
          fields: { 'customer.phones': 'masked', 'customer.lifecycle': 'readOnly', 'customer.email': 'hidden', 'contact.mobile': 'hidden' },
        },
      },
    });
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'xiaoli', 'li-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('小李');
  });

  await test.step('the card: phones masked and locked, 生命周期 locked, 邮箱 not shown', async () => {
    await customers.openFromSearch('金陵', '金陵电子有限公司');
    const phones = card.root.locator('[data-testid=card-field][data-field=phones]');
    await expect(phones).toContainText('****');
    await expect(phones).not.toContainText('1234 5678');
    await expect(phones.getByTestId('field-lock')).toHaveAttribute('data-access', 'masked');
    await expect(card.field('lifecycle')).toBeDisabled();
    await expect(card.root.locator('[data-testid=card-field][data-field=lifecycle]').getByTestId('field-lock')).toHaveAttribute(
      'data-access',
      'readOnly',
    );
    await expect(card.root.locator('[data-testid=card-field][data-field=email]')).toHaveCount(0);
    await expect(card.field('address')).toBeEnabled();
  });

  await test.step('changing 地址 saves: nothing locked is sent, the stored phone and stage stay', async () => {
    await card.field('address').fill('南京市玄武区中山路 1 号');
    await card.save();
    await expect(card.errorBanner).toHaveCount(0);
    await expect.poll(async () => (await stored('金陵')).address).toBe('南京市玄武区中山路 1 号');
    // Read as the salesperson: the phone masked, the e-mail withheld.
    expect(await stored('金陵')).toMatchObject({ phones: ['139****5678'], lifecycle: 'repeat', email: null });
  });

  await test.step('a contact added by the salesperson saves without the hidden 手机 field', async () => {
    await card.openTab('organisation');
    const dialog = await card.organisation.startAddContact();
    await expect(dialog.root.getByTestId('contact-field-mobile')).toHaveCount(0);
    await dialog.field('name').fill('钱助理');
    await dialog.save.click();
    await expect(dialog.root).toBeHidden();
    await expect(card.organisation.contact('钱助理')).toBeVisible();
    await card.close();
  });

  await test.step('a new customer by the salesperson saves with the locked stage left to its default', async () => {
    await app.getByTestId('nav-customers').click();
    await customers.newCustomer();
    await card.field('name').fill('新街口贸易商行');
    await card.save();
    await expect(card.errorBanner).toHaveCount(0);
    await expect(card.title).toHaveText('新街口贸易商行');
    expect(await stored('新街口')).toMatchObject({ name: '新街口贸易商行', lifecycle: 'prospect' });
  });

  await test.step('the manager signs in again: phone, e-mail and stage as stored before', async () => {
    await app.getByTestId('status-sign-out').click();
    await signIn(app, ownerLogin, 'boss-pass-1');
    await expect(app.getByTestId('status-user')).not.toContainText('小李');
    expect(await stored('金陵')).toMatchObject({
      phones: ['13912345678'],
      lifecycle: 'repeat',
      email: 'boss@jinling.cn',
      address: '南京市玄武区中山路 1 号',
    });
  });
});
