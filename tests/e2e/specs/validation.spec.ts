import type { CustomerCard } from '../pages/customer-card';
import type { CustomersPage } from '../pages/customers-page';
import { aContact, aCustomer } from '../support/builders';
import { expect, test, type Api } from '../support/fixtures';

// Bad input shows its translated message under the field (zh-CN) and changes nothing.

const FIX_FIELDS = '请更正标出的字段，没有保存任何内容。';

async function customerTotal(api: Api): Promise<number> {
  return (await api('customers.list', { offset: 0, limit: 1 })).total;
}

/** A customer stored through the contract (setup, not under test), opened from the list. */
async function openStoredCustomer(api: Api, customers: CustomersPage, card: CustomerCard, values = aCustomer()): Promise<string> {
  const created = await api('customers.create', { values });
  await customers.rowById(created.id).click();
  await card.expectOpen(created.id, values.name);
  return created.id;
}

test('an empty name is required and nothing is created', async ({ api, frame, customers, card }) => {
  await customers.newCustomer();
  await card.fill({ ...aCustomer(), name: '' });
  await card.save();
  await expect(card.fieldError('name')).toHaveText('必填');
  await expect(card.fieldError('name')).toHaveAttribute('data-code', 'required');
  await expect(card.errorBanner).toHaveText(FIX_FIELDS);
  await card.expectNew();
  expect(await customerTotal(api)).toBe(0);
  await expect(customers.total).toHaveText('共 0 个客户');
  await frame.expectCustomerCount(0);
});

test('a malformed phone is refused and nothing is created', async ({ api, customers, card }) => {
  await customers.newCustomer();
  await card.fill(aCustomer({ name: '北京启明科技有限公司', phones: ['12345'] }));
  await card.save();
  await expect(card.fieldError('phones')).toHaveText('电话号码格式不正确');
  await expect(card.fieldError('phones')).toHaveAttribute('data-code', 'phone');
  await expect(card.fieldError('name')).toHaveCount(0);
  await card.expectNew();
  expect(await customerTotal(api)).toBe(0);
});

test('a malformed e-mail on an existing customer changes nothing', async ({ api, customers, card }) => {
  const original = aCustomer({ name: '上海东方食品有限公司', email: 'sales@dongfang.example.cn' });
  const id = await openStoredCustomer(api, customers, card, original);
  const before = await api('customers.get', { id });
  const historyBefore = await api('customers.history', { id });

  // A valid change to the name travels in the same save as the bad e-mail: neither is stored.
  await card.fill({ name: '上海东方食品集团', email: 'sales@@dongfang' });
  await card.save();
  await expect(card.fieldError('email')).toHaveText('电子邮件格式不正确');
  await expect(card.fieldError('email')).toHaveAttribute('data-code', 'email');
  await expect(card.errorBanner).toHaveText(FIX_FIELDS);
  // The form keeps what was typed so it can be corrected; the title still shows the stored name.
  await expect(card.field('email')).toHaveValue('sales@@dongfang');
  await expect(card.title).toHaveText(original.name);
  expect(await api('customers.get', { id })).toEqual(before);
  expect(await api('customers.history', { id })).toEqual(historyBefore);
  expect(await customerTotal(api)).toBe(1);
});

test('a duplicate code is refused until it is changed', async ({ api, frame, customers, card }) => {
  const existing = aCustomer({ name: '深圳华信电子有限公司', code: 'SZ-0001' });
  await api('customers.create', { values: existing });
  await expect(customers.total).toHaveText('共 1 个客户');

  await customers.newCustomer();
  await card.fill(aCustomer({ name: '深圳华信电子科技有限公司', code: 'SZ-0001' }));
  await card.save();
  await expect(card.fieldError('code')).toHaveText('该编号已被其他客户使用');
  await expect(card.fieldError('code')).toHaveAttribute('data-code', 'duplicateCode');
  await card.expectNew();
  expect(await customerTotal(api)).toBe(1);
  await expect(customers.total).toHaveText('共 1 个客户');

  // Correcting the code clears the message and the save goes through.
  await card.field('code').fill('SZ-0002');
  await expect(card.fieldError('code')).toHaveCount(0);
  await card.save();
  await expect(frame.toast('success', '已新建客户“深圳华信电子科技有限公司”')).toBeVisible();
  expect(await customerTotal(api)).toBe(2);
  await frame.expectCustomerCount(2);
});

test('a bad contact birthday keeps the dialog open and adds no contact', async ({ api, customers, card }) => {
  const id = await openStoredCustomer(api, customers, card);
  const historyBefore = await api('customers.history', { id });
  await card.openTab('organisation');

  const dialog = await card.organisation.startAddContact();
  await dialog.fill(aContact({ name: '王五', birthday: '1990-02-30' }));
  await dialog.save.click();
  await expect(dialog.fieldError('birthday')).toHaveText('日期无法识别，可写作 2024-03-12、2024/3/12 或 2024年3月12日');
  await expect(dialog.fieldError('name')).toHaveCount(0);
  await expect(dialog.root).toBeVisible();
  expect((await api('customers.get', { id })).contacts).toEqual([]);
  expect(await api('customers.history', { id })).toEqual(historyBefore);

  // 1990/2/3 would be read (as import reads it); a two-digit year is not.
  await dialog.fill({ birthday: '90/2/3' });
  await dialog.save.click();
  await expect(dialog.fieldError('birthday')).toHaveText('日期无法识别，可写作 2024-03-12、2024/3/12 或 2024年3月12日');
  expect((await api('customers.get', { id })).contacts).toEqual([]);

  await dialog.fill({ birthday: '1990-02-28' });
  await dialog.save.click();
  await expect(dialog.root).toBeHidden();
  await expect(card.organisation.contact('王五')).toContainText('1990-02-28');
  expect((await api('customers.get', { id })).contacts.map((c) => [c.name, c.birthday])).toEqual([['王五', '1990-02-28']]);
});
