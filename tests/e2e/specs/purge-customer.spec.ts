import { DeletedCustomersDialog } from '../pages/deleted-customers-dialog';
import { aChinaMobileBranch, aContact, uniqueCode } from '../support/builders';
import { expect, test } from '../support/fixtures';

// A manager finds a deleted customer under 文件 → 已删除的客户…, restores one, and purges another
// after a confirmation that names it and says it cannot be undone.
test('a deleted customer is restored or purged from the deleted customers dialog', async ({ app, api, frame }) => {
  const gone = aChinaMobileBranch({ name: '郦翀彧贸易有限公司', code: uniqueCode('PG'), phones: ['13987654321'], email: 'zq7x9@example.com' });
  const back = aChinaMobileBranch({ name: '可恢复商贸有限公司', code: uniqueCode('RS') });
  const goneId = (await api('customers.create', { values: gone })).id;
  await api('contacts.create', { customerId: goneId, ...aContact({ name: '郦思邈', mobile: '13611223344' }) });
  const backId = (await api('customers.create', { values: back })).id;
  await api('customers.delete', { id: goneId });
  await api('customers.delete', { id: backId });

  const deleted = new DeletedCustomersDialog(app);
  await deleted.open();
  await expect(deleted.rows).toHaveCount(2);

  await test.step('恢复 brings a deleted customer back', async () => {
    await deleted.restore(back.name);
    await expect(frame.toast('success', `已恢复客户“${back.name}”`)).toBeVisible();
    expect((await api('customers.get', { id: backId })).customer.name).toBe(back.name);
  });

  await test.step('彻底清除 asks first, naming the customer; cancel keeps it', async () => {
    await deleted.askPurge(gone.name);
    await expect(deleted.confirm).toContainText(`彻底清除客户“${gone.name}”`);
    await expect(deleted.confirm).toContainText('无法撤销');
    // Which backups keep the data, and for how long: manual ones forever (session 11's walkthrough).
    await expect(deleted.confirm).toContainText('手动备份不会自动删除');
    await deleted.answer(false);
    await expect(deleted.row(gone.name)).toHaveCount(1);
  });

  await test.step('confirmed, the purge removes it for good', async () => {
    await deleted.askPurge(gone.name);
    await deleted.answer(true);
    await expect(frame.toast('success', `已彻底清除客户“${gone.name}”`)).toBeVisible();
    await expect(deleted.rows).toHaveCount(0);
    await expect(app.getByTestId('deleted-customers-empty')).toBeVisible();
  });

  expect((await api('customers.listDeleted', { offset: 0, limit: 50 })).rows).toEqual([]);
  expect((await api('customers.search', { q: '13987654321' })).hits).toEqual([]);
  await expect(api('customers.undo', { id: goneId })).rejects.toMatchObject({ code: 'CUSTOMER_PURGED' });
  await expect(api('customers.restore', { id: goneId })).rejects.toMatchObject({ code: 'CUSTOMER_PURGED' });
});
