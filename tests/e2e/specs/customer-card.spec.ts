import { aChinaMobileBranch, aContact } from '../support/builders';
import { CLASS_LABEL_ZH } from '../support/domain-values';
import { expect, test } from '../support/fixtures';

// The flow, as a user: create a customer, build its organisation, edit it, find it by
// pinyin initials, read its history, undo the last edit, close and reopen the workspace.
test('a customer card survives edit, search, undo and reopening the workspace', async ({ shell, api, frame, menu, startScreen, customers, card }) => {
  const company = aChinaMobileBranch({ customerClass: 'B' });
  const zhang = aContact({ name: '张伟', title: '销售总监', mobile: '13800138000', birthday: '1980-05-12' });
  const li = aContact({ name: '李娜', title: '客户经理', mobile: '13912340000', email: 'lina@gd.example.cn', birthday: '1988-11-03' });

  await test.step('create the customer through the form', async () => {
    await customers.newCustomer();
    await card.expectNew();
    await card.fill(company);
    await card.save();
    await expect(frame.toast('success', `已新建客户“${company.name}”`)).toBeVisible();
    await expect(card.title).toHaveText(company.name);
    await expect(card.root).not.toHaveAttribute('data-customer-id', '');
    await frame.expectCustomerCount(1);
    await expect(customers.total).toHaveText('共 1 个客户');
  });
  const id = await card.customerId();
  const stored = (await api('customers.get', { id })).customer;
  expect(stored).toMatchObject({
    name: company.name,
    shortName: company.shortName,
    code: company.code,
    city: company.city,
    phones: company.phones,
    email: company.email,
    customerClass: 'B',
    lifecycle: 'new',
  });

  await test.step('build the departments: a root and a sub-department', async () => {
    await card.openTab('organisation');
    await card.organisation.addDepartment('销售部');
    await card.organisation.addSubDepartment('销售部', '大客户部');
    await expect(card.organisation.childDepartment('销售部', '大客户部')).toBeVisible();
    await expect(card.organisation.departments).toHaveCount(2);
  });

  await test.step('add two contacts placed in the departments', async () => {
    await card.organisation.selectAll();
    await card.organisation.addContact(zhang, '销售部');
    await card.organisation.addContact(li, '销售部 / 大客户部');
    await expect(card.organisation.contactRows).toHaveCount(2);
    await expect(card.organisation.contact('李娜')).toContainText('销售部 / 大客户部');
    // Selecting a department lists its own contacts.
    await card.organisation.selectDepartment('大客户部');
    await expect(card.organisation.contactRows).toHaveText([/李娜/]);
    await card.organisation.selectDepartment('销售部');
    await expect(card.organisation.contactRows).toHaveText([/张伟/]);
  });
  const org = await api('customers.get', { id });
  const sales = org.departments.find((d) => d.name === '销售部');
  const keyAccounts = org.departments.find((d) => d.name === '大客户部');
  expect(sales?.parentId).toBeNull();
  expect(keyAccounts?.parentId).toBe(sales?.id);
  expect(org.contacts.map((c) => [c.name, c.departmentId, c.birthday]).sort()).toEqual(
    [
      ['张伟', sales?.id, '1980-05-12'],
      ['李娜', keyAccounts?.id, '1988-11-03'],
    ].sort(),
  );

  await test.step('edit the customer: class, then one more phone', async () => {
    await card.openTab('basic');
    await card.field('customerClass').selectOption('A');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.customerClass).toBe('A');
    await card.addPhone('13912345678');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.phones).toEqual(['020-83331234', '13912345678']);
    await card.close();
  });

  await test.step('find it by pinyin initials and open it from the hit', async () => {
    await customers.openFromSearch('zgyd', company.name);
    await card.expectOpen(id, company.name);
    await card.expectValues({ customerClass: 'A', phones: ['020-83331234', '13912345678'] });
  });

  await test.step('the history tab shows the changes, old → new', async () => {
    await card.openTab('history');
    const h = card.history;
    await expect(h.entries('customer', { op: 'create' })).toHaveCount(1);
    await expect(h.entries('department', { op: 'create' })).toHaveCount(2);
    await expect(h.entries('contact', { op: 'create' })).toHaveCount(2);
    await expect(h.entries('customer', { op: 'update', field: 'customerClass' })).toContainText(`${CLASS_LABEL_ZH.B} → ${CLASS_LABEL_ZH.A}`);
    await expect(h.entries('customer', { op: 'update', field: 'phones' })).toContainText('020-8333 1234 → 020-8333 1234，139 1234 5678');
    await expect(h.undoRows()).toHaveCount(0);
  });

  await test.step('undo reverts the last edit only, in the form and in the history', async () => {
    await card.undo();
    await expect(frame.toast('success', '已撤销')).toContainText('电话恢复为“020-8333 1234”');
    const h = card.history;
    const phoneRows = h.entries('customer', { op: 'update', field: 'phones' });
    await expect(phoneRows).toHaveCount(2);
    await expect(h.undoRows()).toHaveCount(1);
    await expect(h.undoRows()).toContainText('020-8333 1234，139 1234 5678 → 020-8333 1234');
    await expect(h.undoneRows()).toHaveCount(1);
    await expect(h.undoneRows()).toHaveAttribute('data-field', 'phones');
    // The class edit before it stays.
    await expect(h.entries('customer', { op: 'update', field: 'customerClass' }).getByTestId('history-undone-marker')).toHaveCount(0);
    await card.expectValues({ customerClass: 'A', phones: ['020-83331234'] });
  });
  const beforeClose = await api('customers.get', { id });
  expect(beforeClose.customer.phones).toEqual(['020-83331234']);
  expect(beforeClose.customer.customerClass).toBe('A');
  const historyBeforeClose = await api('customers.history', { id });

  await test.step('close the workspace (文件 → 关闭工作区)', async () => {
    await menu.closeWorkspace();
    await expect(startScreen.root).toBeVisible();
    await expect(frame.statusWorkspace).toHaveText('未打开工作区');
    await expect(card.root).toBeHidden();
    expect(await api('workspace.info', {})).toBeNull();
  });

  await test.step('reopen it from the start screen’s recent list', async () => {
    await startScreen.openRecent(shell.workspacePath);
    await expect(frame.statusPath).toHaveText(shell.workspacePath);
    await frame.expectCustomerCount(1);
    await expect(customers.total).toHaveText('共 1 个客户');
    await customers.rowById(id).click();
    await card.expectOpen(id, company.name);
  });

  await test.step('customer, departments, contacts and history are all still there', async () => {
    await card.expectValues({ ...company, customerClass: 'A', phones: ['020-83331234'] });
    await card.openTab('organisation');
    await expect(card.organisation.childDepartment('销售部', '大客户部')).toBeVisible();
    await card.organisation.selectAll();
    await expect(card.organisation.contactRows).toHaveCount(2);
    await expect(card.organisation.contact('张伟')).toContainText('销售部');
    await expect(card.organisation.contact('李娜')).toContainText('销售部 / 大客户部');
    await expect(card.organisation.contact('李娜')).toContainText('1988-11-03');
    await card.openTab('history');
    await expect(card.history.rows).toHaveCount(historyBeforeClose.length);
    await expect(card.history.entries('customer', { op: 'update', field: 'customerClass' })).toContainText(
      `${CLASS_LABEL_ZH.B} → ${CLASS_LABEL_ZH.A}`,
    );
    await expect(card.history.undoRows()).toHaveCount(1);
    await expect(card.history.undoneRows()).toHaveCount(1);
  });
  expect(await api('customers.get', { id })).toEqual(beforeClose);
  expect(await api('customers.history', { id })).toEqual(historyBeforeClose);
});
