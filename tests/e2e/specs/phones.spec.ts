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

  await test.step('变动历史 shows the contact\u2019s mobile formatted too, never as stored', async () => {
    const org = await api('customers.get', { id });
    const contactId = org.contacts[0]?.id ?? '';
    await api('contacts.update', { id: contactId, patch: { mobile: '13987654321', phone: '0755-12345678' } });
    await card.openTab('history');
    const contactRows = card.history.entries('contact');
    await expect(contactRows.filter({ hasText: '139 8765 4321' })).toHaveCount(1);
    await expect(contactRows.filter({ hasText: '0755-1234 5678' })).toHaveCount(1);
    await expect(contactRows.filter({ hasText: '139 1234 5678' }).first()).toBeVisible();
    await expect(card.history.root).not.toContainText('13987654321');
    await expect(card.history.root).not.toContainText('0755-12345678');
    await card.openTab('basic');
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
