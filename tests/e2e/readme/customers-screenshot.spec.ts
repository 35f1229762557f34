import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';

const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'docs', 'images', 'kecard-customers.png');
const DEMO = { customers: 5000, seed: 2024, target: 'current' as const };

test('README screenshot: the customer list with a card open', async ({ app, api, frame, customers, card }) => {
  test.setTimeout(120_000);
  await api('demo.generate', DEMO);
  await frame.expectCustomerCount(DEMO.customers);
  await expect(customers.total).toHaveText(`共 ${DEMO.customers.toLocaleString('en')} 个客户`);

  // A well-filled customer from the top of the list: class, phones, several contacts.
  const { rows } = await api('customers.list', { offset: 0, limit: 40, sort: { field: 'name', dir: 'asc' } });
  let chosen = rows[0];
  for (const row of rows) {
    const c = await api('customers.get', { id: row.id });
    if (row.customerClass && row.phones.length > 0 && c.contacts.length >= 3 && c.departments.length >= 3) {
      chosen = row;
      break;
    }
  }
  if (!chosen) throw new Error('no demo customers');
  await customers.rowById(chosen.id).click();
  await card.expectOpen(chosen.id, chosen.name);
  await card.openTab('basic');
  await expect(card.field('name')).toHaveValue(chosen.name);

  // No notifications in the picture.
  for (const close of await app.getByTestId('toast-close').all()) await close.click();
  await expect(frame.toasts).toHaveCount(0);
  await app.mouse.move(0, 0);
  await app.screenshot({ path: OUT });
});
