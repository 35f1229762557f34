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
    [
      'SO-1',
      '2026-05-01',
      200000 + 28500,
      [
        ['集装箱租赁', 2000, 200000],
        ['报关服务', 1000, 28500],
      ],
    ],
  ]);
  const history = await api('customers.history', { id: a.id });
  expect(history.find((h) => h.entity === 'order')?.source).toBe('import:订单明细.csv');
});

test('a sheet with 金额 and no 单价: the wrong mapping is called out, and revenue is the file’s total to the fen', async ({
  app,
  api,
  frame,
  tempDir,
}) => {
  const c = await api('customers.create', { values: { name: '华为技术（深圳）有限公司' } });
  await frame.expectCustomerCount(1);
  const file = join(tempDir, '销售明细.csv');
  // 3 × ¥33.3333…: no price to the fen gives ¥100.00, yet the import must.
  writeFileSync(
    file,
    [
      '单据编号,单据日期,购货单位,商品名称,数量,金额',
      'XS-1,2026-05-01,华为技术（深圳）有限公司,光模块,3,100.00',
      'XS-1,2026-05-01,华为技术（深圳）有限公司,跳线,7,"1,234.56"',
      'XS-2,2026-05-09,华为技术（深圳）有限公司,机柜,1,8000',
    ].join('\n'),
  );
  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseTarget('orders');
  await wizard.chooseFile(file, '销售明细.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await expect(wizard.mappingSelect(5)).toHaveValue('amount');

  // The trap: 金额 mapped to 单价 passes every row, so the mapping step and the check both say so.
  await wizard.mappingSelect(5).selectOption('unitPrice');
  await expect(app.locator('[data-testid=import-mapping-warning][data-column="5"]')).toBeVisible();
  await wizard.check();
  await expect(app.locator('[data-testid=import-check-warning][data-code=amountAsPrice]')).toBeVisible();
  const money = app.getByTestId('import-money');
  await expect(money).toHaveAttribute('data-file-fen', String(10000 + 123456 + 800000));
  await expect(money).toHaveAttribute('data-lines-fen', String(3 * 10000 + 7 * 123456 + 800000));
  await expect(app.getByTestId('import-money-differ')).toBeVisible();

  // Mapped to 金额, the two totals agree and so does the revenue.
  await app.getByTestId('import-back').click();
  await wizard.mappingSelect(5).selectOption('amount');
  await expect(app.getByTestId('import-mapping-warning')).toHaveCount(0);
  await wizard.check();
  await expect(money).toHaveAttribute('data-lines-fen', String(10000 + 123456 + 800000));
  await expect(app.getByTestId('import-money-file')).toHaveText('¥9,334.56');
  await expect(app.getByTestId('import-money-lines')).toHaveText('¥9,334.56');
  await expect(app.getByTestId('import-money-differ')).toHaveCount(0);
  await wizard.run();
  const related = await api('customers.related', { id: c.id });
  expect(related.orders.reduce((sum, o) => sum + o.totalFen, 0)).toBe(933456);
  expect(related.orders.find((o) => o.orderNo === 'XS-1')?.lines.map((l) => [l.quantityMilli, l.unitPriceFen, l.amountFen])).toEqual([
    [3000, 3333, 10000],
    [7000, 17637, 123456],
  ]);
});
