import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportWizard } from '../pages/import-wizard';
import { expect, test } from '../support/fixtures';

test('imports order lines grouped by order number, with a bad line reported and skipped', async ({ app, api, frame, tempDir }) => {
  const a = await api('customers.create', { values: { name: '宁波港务贸易有限公司', code: 'C-001' } });
  await api('customers.create', { values: { name: '温州鞋业有限公司', code: 'C-002' } });
  await frame.expectCustomerCount(2);
  const file = join(tempDir, '订单明细.csv');
  writeFileSync(
    file,
    [
      '订单号,订单日期,客户编号,产品名称,数量,单价,折扣',
      'SO-1,2026/5/1,C-001,集装箱租赁,2,"1,000.00",',
      'SO-1,2026/5/1,C-001,报关服务,1,300,9.5折',
      'SO-2,2026年6月3日,C-002,皮鞋,10,88.8,',
      'SO-3,2026-06-04,C-999,皮鞋,1,10,',
    ].join('\n'),
  );
  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseTarget('orders');
  await wizard.chooseFile(file, '订单明细.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await wizard.check();
  await expect(wizard.problem(5, 'notFound')).toBeVisible();
  await wizard.setMode('validRows');
  await wizard.run();
  const related = await api('customers.related', { id: a.id });
  expect(related.orders.map((o) => [o.orderNo, o.orderDate, o.totalFen, o.lines.map((l) => [l.productName, l.quantityMilli, l.amountFen])])).toEqual([
    ['SO-1', '2026-05-01', 200000 + 28500, [['集装箱租赁', 2000, 200000], ['报关服务', 1000, 28500]]],
  ]);
  const history = await api('customers.history', { id: a.id });
  expect(history.find((h) => h.entity === 'order')?.source).toBe('import:订单明细.csv');
});
