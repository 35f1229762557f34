import { expect, test } from '../support/fixtures';

// Issue 16: a phone typed any way is stored in one form and read formatted, in the card, the
// contact table and the list; a second way of writing the same number is one phone.
test('phones typed as people type them are stored in one form and shown formatted', async ({ api, frame, customers, card }) => {
  await test.step('type phones in the new card: the chips read formatted', async () => {
    await customers.newCustomer();
    await card.fill({ name: '北京启明科技有限公司' });
    await card.addPhone('+86 138-1234-5678');
    await card.addPhone('(010)62345678转801');
    await expect(card.phoneChips).toHaveText([/^138 1234 5678/, /^010-6234 5678 转 801/]);
    await card.save();
    await expect(frame.toast('success', '已新建客户“北京启明科技有限公司”')).toBeVisible();
  });
  const id = await card.customerId();
  expect((await api('customers.get', { id })).customer.phones).toEqual(['13812345678', '010-62345678-801']);

  await test.step('a contact’s mobile typed with +86 and spaces reads formatted in the contact table', async () => {
    await card.openTab('organisation');
    await card.organisation.addContact({ name: '王强', mobile: '+86 139 1234 5678' });
    await expect(card.organisation.contact('王强')).toContainText('139 1234 5678');
    const org = await api('customers.get', { id });
    expect(org.contacts.map((c) => c.mobile)).toEqual(['13912345678']);
  });

  await test.step('the list shows the phone formatted', async () => {
    await card.close();
    await expect(customers.rowById(id)).toContainText('138 1234 5678');
  });

  await test.step('the same number typed another way is not a second phone', async () => {
    await api('customers.update', { id, patch: { phones: ['13812345678', '138 1234 5678', '010-62345678-801'] } });
    expect((await api('customers.get', { id })).customer.phones).toEqual(['13812345678', '010-62345678-801']);
  });
});
