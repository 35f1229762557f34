import ExcelJS from 'exceljs';
import { expect, test } from '../support/fixtures';

test('文件 → 导出工作区 downloads a workbook with a sheet per entity', async ({ app, api }) => {
  const customer = await api('customers.create', { values: { name: '杭州西湖龙井茶业有限公司', code: 'XH-01', phones: ['0571-87000000'] } });
  await api('contacts.create', { customerId: customer.id, name: '陈静', mobile: '13900001111' });
  await expect(app.getByTestId('status-customer-count')).toContainText('1');

  await app.getByTestId('menu-file').click();
  const download = app.waitForEvent('download');
  await app.getByTestId('menu-export-workbook').click();
  const file = await (await download).path();

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['客户', '联系人']);
  const customers = wb.getWorksheet('客户');
  expect(customers?.getRow(1).getCell(2).value).toBe('客户名称');
  expect(customers?.getRow(2).getCell(2).value).toBe('杭州西湖龙井茶业有限公司');
  expect(customers?.getRow(2).getCell(1).value).toBe('XH-01');
  const contacts = wb.getWorksheet('联系人');
  expect(contacts?.getRow(2).values).toEqual(expect.arrayContaining(['XH-01', '杭州西湖龙井茶业有限公司', '陈静', '139 0000 1111']));
  await expect(app.getByTestId('toast').filter({ hasText: '已导出 1 个客户' })).toBeVisible();
});
