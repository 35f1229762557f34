import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ImportWizard } from '../pages/import-wizard';
import { expect, test } from '../support/fixtures';

// Issue 16: a customer sheet carries its contacts (联系人/手机/职务 beside the company's 电话).
// The wizard suggests them as the contact's columns; the contacts appear on their customer's card,
// and importing the same sheet again adds no customer and no contact twice.
test('a customer sheet with 联系人/手机/职务 imports the contacts onto the cards; importing it again adds nobody twice', async ({
  app,
  api,
  customers,
  card,
  tempDir,
}) => {
  const HUAXIN = '上海华信贸易有限公司';
  const TIANHE = '广州天河商行';
  const csv = [
    '客户名称,电话,联系人,手机,职务',
    `${HUAXIN},021-58881234,王强,13912345678,采购经理`,
    `${HUAXIN},021-58881234,李娜,139 1234 5679,财务`,
    `${TIANHE},020-83331234,陈静,+86 139 1234 5670,店长`,
  ];
  const path = join(tempDir, '客户及联系人.csv');
  writeFileSync(path, iconv.encode(csv.join('\r\n'), 'gbk'));
  const wizard = new ImportWizard(app);

  const importSheet = async () => {
    await wizard.open();
    await wizard.chooseFile(path, '客户及联系人.csv');
    await wizard.next('source');
    await wizard.next('mapping');
    // 电话 is the company's; 联系人 and the 手机/职务 beside it are the contact's.
    await expect(wizard.mappingSelect(0)).toHaveValue('name');
    await expect(wizard.mappingSelect(1)).toHaveValue('phones');
    await expect(wizard.mappingSelect(2)).toHaveValue('contactName');
    await expect(wizard.mappingSelect(3)).toHaveValue('contactMobile');
    await expect(wizard.mappingSelect(4)).toHaveValue('contactTitle');
    await wizard.check();
    await expect(wizard.counts).toHaveAttribute('data-invalid', '0');
    await wizard.run();
  };

  await test.step('first import: two customers, three contacts', async () => {
    await importSheet();
    // The second 华信 row is the same customer (skipped as a customer), its contact still comes along.
    await wizard.expectWritten({ inserted: 2, updated: 0, skipped: 1 });
    await app.getByTestId('import-done').click();
    await expect(wizard.dialog).toBeHidden();
  });

  const contactsOf = async (name: string) => {
    const { rows } = await api('customers.list', { offset: 0, limit: 10, sort: { field: 'name', dir: 'asc' } });
    const id = rows.find((r) => r.name === name)?.id;
    if (!id) throw new Error(`${name} not imported`);
    const org = await api('customers.get', { id });
    return { customer: org.customer, contacts: org.contacts.map((c) => [c.name, c.mobile, c.title]).sort() };
  };
  const huaxin = await contactsOf(HUAXIN);
  expect(huaxin.customer.phones).toEqual(['021-58881234']);
  expect(huaxin.contacts).toEqual([
    ['李娜', '13912345679', '财务'],
    ['王强', '13912345678', '采购经理'],
  ]);
  expect((await contactsOf(TIANHE)).contacts).toEqual([['陈静', '13912345670', '店长']]);

  await test.step('the card of 华信 shows its contacts with their mobiles and titles', async () => {
    await customers.openFromSearch('华信', HUAXIN);
    await card.openTab('organisation');
    await card.organisation.selectAll();
    await expect(card.organisation.contactRows).toHaveCount(2);
    await expect(card.organisation.contact('王强')).toContainText('139 1234 5678');
    await expect(card.organisation.contact('王强')).toContainText('采购经理');
    await expect(card.organisation.contact('李娜')).toContainText('139 1234 5679');
    await card.close();
  });

  await test.step('the same sheet again: no customer and no contact twice', async () => {
    await importSheet();
    await wizard.expectWritten({ inserted: 0, updated: 0, skipped: 3 });
    await app.getByTestId('import-done').click();
    const { total } = await api('customers.list', { offset: 0, limit: 10 });
    expect(total).toBe(2);
    expect((await contactsOf(HUAXIN)).contacts).toHaveLength(2);
    expect((await contactsOf(TIANHE)).contacts).toHaveLength(1);
    await customers.openFromSearch('华信', HUAXIN);
    await card.openTab('organisation');
    await card.organisation.selectAll();
    await expect(card.organisation.contactRows).toHaveCount(2);
  });
});
