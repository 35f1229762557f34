import { CustomerCardPage } from '../pages/customer-card-page';
import { OrganisationTab } from '../pages/organisation-tab';
import { expect, test } from '../support/fixtures';

// Dates typed as people write them (the forms import reads) are taken and stored as YYYY-MM-DD;
// a year like 2999 is out of range, said as such, not as a format problem.

test('a birthday typed as 1985/3/12 or 1985年3月12日 is stored as 1985-03-12; 2999 is out of range', async ({ app, api }) => {
  const c = await api('customers.create', { values: { name: '常州新诚纺织有限公司' } });
  const card = new CustomerCardPage(app);
  await card.open('常州新诚纺织有限公司');
  await card.panel.getByTestId('tab-organisation').click();
  const org = new OrganisationTab(app);

  await test.step('1985/3/12 is read, shown as 1985-03-12 once the field is left, and stored so', async () => {
    const dialog = await org.startAddContact();
    await dialog.fill({ name: '周敏', birthday: '1985/3/12' });
    await dialog.field('birthday').press('Tab');
    await expect(dialog.field('birthday')).toHaveValue('1985-03-12');
    await dialog.save.click();
    await expect(dialog.root).toBeHidden();
    const stored = (await api('customers.get', { id: c.id })).contacts.find((x) => x.name === '周敏');
    expect(stored?.birthday).toBe('1985-03-12');
  });

  await test.step('2999-01-01: 日期超出范围, under the field and from main; nothing saved', async () => {
    const dialog = await org.startAddContact();
    await dialog.fill({ name: '陈立', birthday: '2999-01-01' });
    await dialog.field('birthday').press('Tab');
    await expect(dialog.field('birthday')).toHaveAttribute('data-problem', 'dateRange');
    await expect(dialog.field('birthday')).toHaveAttribute('aria-invalid', 'true');
    await dialog.save.click();
    await expect(dialog.fieldError('birthday')).toHaveAttribute('data-code', 'dateRange');
    await expect(dialog.fieldError('birthday')).toContainText('日期超出范围');
    await expect(dialog.fieldError('birthday')).not.toContainText('YYYY-MM-DD');
    expect((await api('customers.get', { id: c.id })).contacts.map((x) => x.name)).toEqual(['周敏']);

    await dialog.field('birthday').fill('1990年7月1日');
    await dialog.save.click();
    await expect(dialog.root).toBeHidden();
    const stored = (await api('customers.get', { id: c.id })).contacts.find((x) => x.name === '陈立');
    expect(stored?.birthday).toBe('1990-07-01');
  });

  await test.step('a day that does not exist is not a date', async () => {
    const dialog = await org.startAddContact();
    await dialog.fill({ name: '吴刚', birthday: '1985/2/30' });
    await dialog.field('birthday').press('Tab');
    await expect(dialog.field('birthday')).toHaveAttribute('data-problem', 'date');
    await dialog.save.click();
    await expect(dialog.fieldError('birthday')).toHaveAttribute('data-code', 'date');
  });
});
