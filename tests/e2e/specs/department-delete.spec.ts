import { aChinaMobileBranch, aContact } from '../support/builders';
import { expect, test } from '../support/fixtures';

// Deleting a department on the card keeps its people: its sub-department and its contact move up
// to its parent (found through the customer's own rows since migration 0017 dropped the index on
// contacts.department_id); the other department's contact stays where it was.
test('deleting a department moves its sub-department and contacts to its parent', async ({ api, frame, customers, card }) => {
  const company = aChinaMobileBranch();
  await customers.newCustomer();
  await card.expectNew();
  await card.fill(company);
  await card.save();
  await expect(frame.toast('success', `已新建客户“${company.name}”`)).toBeVisible();
  const id = await card.customerId();

  await card.openTab('organisation');
  const org = card.organisation;
  await org.addDepartment('销售部');
  await org.addSubDepartment('销售部', '大客户部');
  await org.addSubDepartment('大客户部', '华南组');
  await org.addDepartment('财务部');
  await org.selectAll();
  await org.addContact(aContact({ name: '李娜', mobile: '13912340000' }), '销售部 / 大客户部');
  await org.addContact(aContact({ name: '王芳', mobile: '13800138000' }), '财务部');

  const node = org.department('大客户部');
  await node.click();
  await node.getByTestId('department-delete').click();
  await frame.page.getByTestId('confirm-ok').click();
  await expect(org.department('大客户部')).toHaveCount(0);
  await expect(org.childDepartment('销售部', '华南组')).toBeVisible();
  await org.selectAll();
  await expect(org.contact('李娜')).toContainText('销售部');
  await expect(org.contact('李娜')).not.toContainText('大客户部');
  await expect(org.contact('王芳')).toContainText('财务部');

  const stored = await api('customers.get', { id });
  const byName = new Map(stored.departments.map((d) => [d.name, d.id]));
  expect(stored.departments.map((d) => d.name).sort()).toEqual(['华南组', '财务部', '销售部'].sort());
  expect(stored.departments.find((d) => d.name === '华南组')?.parentId).toBe(byName.get('销售部'));
  expect(stored.contacts.map((c) => [c.name, c.departmentId]).sort()).toEqual(
    [
      ['李娜', byName.get('销售部')],
      ['王芳', byName.get('财务部')],
    ].sort(),
  );
});
