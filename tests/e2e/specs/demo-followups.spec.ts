import { DemoDialog } from '../pages/demo-dialogs';
import { CustomerCardPage } from '../pages/customer-card-page';
import { CustomersPage } from '../pages/customers-page';
import { WelcomePanel } from '../pages/welcome-panel';
import { expect, test } from '../support/fixtures';

// Issue 16: demo data with orders also carries receipts (回款) and business records (销售机会跟踪,
// 客户回访), so a new user opening a demo customer's card sees its 收款 and business tabs filled.

test('a demo customer’s card shows its receipts, opportunities and visits', async ({ app, api, frame }) => {
  const welcome = new WelcomePanel(app);
  await welcome.demo.click();
  const job = await new DemoDialog(app).generate(80, 7, 'newWorkspace', 4);
  await job.waitUntilClosed();
  await frame.expectCustomerCount(80);

  const types = await api('businessTypes.list', {});
  const visit = types.find((t) => t.template === 'visit');
  const opportunity = types.find((t) => t.template === 'opportunity');
  expect(visit?.name).toBe('客户回访');
  expect(opportunity?.name).toBe('销售机会跟踪');
  // A customer with a sales opportunity, visits and money received (the seed fixes which).
  const opportunities = await api('records.list', { typeId: opportunity?.id ?? '', limit: 500 });
  let chosen: { id: string; name: string } | null = null;
  for (const record of opportunities.rows) {
    const related = await api('customers.related', { id: record.customerId });
    const visits = await api('records.list', { typeId: visit?.id ?? '', customerId: record.customerId });
    if (related.receipts.length > 0 && visits.total > 0) {
      chosen = { id: record.customerId, name: (await api('customers.get', { id: record.customerId })).customer.name };
      break;
    }
  }
  expect(chosen).not.toBeNull();
  const related = await api('customers.related', { id: chosen?.id ?? '' });

  const card = new CustomerCardPage(app);
  // Through 快速查询: the list is virtualised, and the chosen customer may sit below the first screen.
  await new CustomersPage(app).openFromSearch(chosen?.name ?? '', chosen?.name ?? '');
  await expect(app.getByTestId('card-title')).toHaveText(chosen?.name ?? '');
  await expect(card.total('received')).not.toHaveText(/^¥0\.00$/);
  await card.tabByLabel('收款').click();
  await expect(app.getByTestId('receipts-tab').getByTestId('receipt-row')).toHaveCount(related.receipts.length);
  await card.tabByLabel('销售机会跟踪').click();
  await expect(
    app
      .locator(`[data-testid=records-tab][data-type-id="${opportunity?.id ?? ''}"]`)
      .getByTestId('record-row')
      .first(),
  ).toBeVisible();
  await card.tabByLabel('客户回访').click();
  const visits = app.locator(`[data-testid=records-tab][data-type-id="${visit?.id ?? ''}"]`).getByTestId('record-row');
  await expect(visits.first()).toContainText('回访');
});
