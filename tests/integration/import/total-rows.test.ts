import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// Exported spreadsheets end with a 合计 row. It is recognised and skipped (the check step says
// "已跳过合计行"), never imported as a customer named 合计 or an order line worth the whole file,
// and never listed as a problem.

const im = importBench();

const count = (table: string) => im.ws.db.prepare(`SELECT count(*) FROM ${table} WHERE deleted = 0`).pluck().get() as number;

describe('a trailing 合计 row', () => {
  it('orders (xlsx with 序号 and 金额): the 合计 row is skipped, the file total is not doubled, revenue is the lines', async () => {
    createCustomer(im.ws, testUser, { name: '华为技术（深圳）有限公司' });
    createCustomer(im.ws, testUser, { name: '杭州娃哈哈集团有限公司' });
    const path = await im.xlsx(
      '销售明细.xlsx',
      [
        ['序号', '单据编号', '单据日期', '购货单位', '商品名称', '数量', '金额'],
        [1, 'XS-001', new Date(Date.UTC(2026, 4, 3)), '华为技术（深圳）有限公司', '服务器', 2, 12000.5],
        [2, 'XS-002', new Date(Date.UTC(2026, 4, 4)), '杭州娃哈哈集团有限公司', '交换机', 3, 4500],
        [null, '合计', null, null, null, 5, 16500.5],
      ],
      '销售明细',
    );
    const check = await im.check(path, { target: 'orders' });
    expect(check.skippedTotals).toEqual([4]);
    expect(check.problems).toEqual([]);
    expect([check.total, check.valid, check.invalid]).toEqual([2, 2, 0]);
    expect(check.money).toMatchObject({ fileFen: 1650050, linesFen: 1650050 });
    const report = await im.write(path, { target: 'orders' });
    expect(report.written?.inserted).toBe(2);
    expect(im.ws.db.prepare('SELECT sum(total_fen) FROM orders').pluck().get()).toBe(1650050);
  });

  it('customers (GBK CSV): 合 计 / 总计： / 小计 rows are skipped, no customer named 合计, no problem', async () => {
    const csv = [
      '客户名称,电话,年销售额',
      '上海华信贸易有限公司,13812345678,100',
      '广州天河商行,020-83331234,200',
      '小计,,300',
      '合 计：,,300',
      '总计,,300',
    ].join('\r\n');
    const path = im.gbkCsv('客户.csv', csv);
    const check = await im.check(path, { target: 'customers' });
    expect(check.skippedTotals).toEqual([4, 5, 6]);
    expect(check.problems).toEqual([]);
    expect(check.total).toBe(2);
    const report = await im.write(path, { target: 'customers' });
    expect(report.written).toMatchObject({ inserted: 2, skipped: 0 });
    expect(im.ws.db.prepare('SELECT name FROM customers ORDER BY seq').pluck().all()).toEqual(['上海华信贸易有限公司', '广州天河商行']);
  });

  it('receipts (GBK CSV): the 合计 row is reported once (check and write passes) and not imported', async () => {
    createCustomer(im.ws, testUser, { name: '上海华信贸易有限公司' });
    const csv = [
      '收款日期,客户名称,收款金额',
      '2026-05-03,上海华信贸易有限公司,1000.00',
      '2026-05-04,上海华信贸易有限公司,234.56',
      '合计,,1234.56',
    ].join('\r\n');
    const path = im.gbkCsv('收款.csv', csv);
    const report = await im.write(path, { target: 'receipts' });
    expect(report.skippedTotals).toEqual([4]);
    expect(report.problems).toEqual([]);
    expect(count('receipts')).toBe(2);
  });

  it('a customer really named like a total is not taken for one when the row starts with its code', async () => {
    const csv = ['客户编号,客户名称', 'KH001,合计', 'KH002,小计贸易有限公司'].join('\r\n');
    const path = im.gbkCsv('客户2.csv', csv);
    const report = await im.write(path, { target: 'customers' });
    expect(report.skippedTotals).toEqual([]);
    expect(report.written?.inserted).toBe(2);
  });
});
