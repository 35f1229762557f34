import { expect, test } from '../support/fixtures';

// Lists follow main's data.changed (src-renderer/api/use-data.ts): what another window or a
// script writes shows up without leaving the screen, and a deleted customer's lines leave with it.

test('费用明细 follows expenses written elsewhere, and drops a deleted customer’s lines', async ({ app, api }) => {
  const type = await api('businessTypes.createFromTemplate', { template: 'visit' });
  const travel = await api('expenseCategories.create', { name: '差旅费' });
  const kept = await api('customers.create', { values: { name: '常州恒力化工有限公司' } });
  await api('records.create', {
    typeId: type.id,
    customerId: kept.id,
    title: '一月回访',
    expenses: [{ categoryId: travel.id, amountFen: 10000, expenseDate: '2026-01-05' }],
  });

  await app.getByTestId('nav-expenses').click();
  const screen = app.getByTestId('expenses-screen');
  await expect(screen.getByTestId('expenses-total')).toHaveAttribute('data-fen', '10000');
  await expect(screen.getByTestId('expenses-list-row')).toHaveCount(1);

  // Another session writes: the open screen re-reads on data.changed.
  const other = await api('customers.create', { values: { name: '南通远洋物流有限公司' } });
  await api('records.create', {
    typeId: type.id,
    customerId: other.id,
    title: '二月回访',
    expenses: [{ categoryId: travel.id, amountFen: 25050, expenseDate: '2026-02-05' }],
  });
  await expect(screen.getByTestId('expenses-total')).toHaveAttribute('data-fen', '35050');
  await expect(screen.getByTestId('expenses-list-row')).toHaveCount(2);
  await expect(screen.locator('[data-testid=group-total] [data-testid=group-value]')).toHaveText('¥350.50');

  await api('customers.delete', { id: other.id });
  await expect(screen.getByTestId('expenses-list-row')).toHaveCount(1);
  await expect(screen.getByTestId('expenses-list-row')).toContainText('常州恒力化工有限公司');
  await expect(screen.getByTestId('expenses-total')).toHaveAttribute('data-fen', '10000');
  await expect(screen.locator('[data-testid=group-total] [data-testid=group-value]')).toHaveText('¥100.00');
});
