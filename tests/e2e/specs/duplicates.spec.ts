import { aCustomer } from '../support/builders';
import { expect, test } from '../support/fixtures';

// A user types a customer that is already there: the card says so, with a link, before saving.

test('a new customer with the name or phone of an existing one is flagged with a link to it', async ({ app, api, frame, customers, card }) => {
  const existing = await api('customers.create', { values: aCustomer({ name: '华为技术（深圳）有限公司', phones: ['13800138000'] }) });
  await api('customers.create', { values: aCustomer({ name: '华为技术（上海）有限公司', phones: ['13900139000'] }) });
  await frame.expectCustomerCount(2);
  const warning = app.getByTestId('duplicate-warning');

  await test.step('the same name written with ASCII brackets and spaces', async () => {
    await customers.newCustomer();
    await card.expectNew();
    await card.field('name').fill('华为技术 (深圳) 有限公司');
    await expect(warning).toBeVisible();
    await expect(warning.getByTestId('duplicate-link')).toHaveText([/^华为技术（深圳）有限公司（KC-/]);
    await expect(warning).toContainText('名称相同');
  });

  await test.step('a similar name alone is not a duplicate; the same mobile with +86 is', async () => {
    await card.field('name').fill('华为技术（广州）有限公司');
    await expect(warning).toBeHidden();
    await card.addPhone('+86 138 0013 8000');
    await expect(warning).toContainText('电话相同');
  });

  await test.step('the link opens the existing customer', async () => {
    await card.field('name').fill('华为技术（深圳）有限公司');
    await warning.getByTestId('duplicate-link').first().click();
    // Leaving the unsaved new card asks first.
    await expect(app.getByTestId('confirm-dialog')).toBeVisible();
    await app.getByTestId('confirm-ok').click();
    await card.expectOpen(existing.id, '华为技术（深圳）有限公司');
    await expect(warning).toBeHidden();
  });

  await test.step('saving anyway is still possible: the warning informs, it does not block', async () => {
    await customers.newCustomer();
    await card.field('name').fill('华为技术(深圳)有限公司');
    await expect(warning).toBeVisible();
    await card.saveButton.click();
    await frame.expectCustomerCount(3);
  });
});
