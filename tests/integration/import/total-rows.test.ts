import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { runImport } from '../../../src-main/import/run-import';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importSettings } from '../../../src-shared/import/import-settings';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// Exported spreadsheets end with a 合计 row. It is recognised and skipped (the check step says
// "已跳过合计行"), never imported as a customer named 合计 or an order line worth the whole file,
// and never listed as a problem.

let ws: Workspace;
let cleanup: () => void;
let files: { dir: string; cleanup: () => void };
beforeEach(() => {
  ({ ws, cleanup } = tempWorkspace());
  files = tempDir();
});
afterEach(() => {
  cleanup();
  files.cleanup();
});

const count = (table: string) => ws.db.prepare(`SELECT count(*) FROM ${table} WHERE deleted = 0`).pluck().get() as number;

describe('a trailing 合计 row', () => {
  it('orders (xlsx with 序号 and 金额): the 合计 row is skipped, the file total is not doubled, revenue is the lines', async () => {
    createCustomer(ws, testUser, { name: '华为技术（深圳）有限公司' });
    createCustomer(ws, testUser, { name: '杭州娃哈哈集团有限公司' });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('销售明细');
    sheet.addRows([
      ['序号', '单据编号', '单据日期', '购货单位', '商品名称', '数量', '金额'],
      [1, 'XS-001', new Date(Date.UTC(2026, 4, 3)), '华为技术（深圳）有限公司', '服务器', 2, 12000.5],
      [2, 'XS-002', new Date(Date.UTC(2026, 4, 4)), '杭州娃哈哈集团有限公司', '交换机', 3, 4500],
      [null, '合计', null, null, null, 5, 16500.5],
    ]);
    const path = join(files.dir, '销售明细.xlsx');
    await wb.xlsx.writeFile(path);
    const check = await runImport(ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: true });
    expect(check.skippedTotals).toEqual([4]);
    expect(check.problems).toEqual([]);
    expect([check.total, check.valid, check.invalid]).toEqual([2, 2, 0]);
    expect(check.money).toMatchObject({ fileFen: 1650050, linesFen: 1650050 });
    const report = await runImport(ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: false });
    expect(report.written?.inserted).toBe(2);
    expect(ws.db.prepare('SELECT sum(total_fen) FROM orders').pluck().get()).toBe(1650050);
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
    const path = join(files.dir, '客户.csv');
    writeFileSync(path, iconv.encode(csv, 'gbk'));
    const check = await runImport(ws, testUser, path, importSettings.parse({ target: 'customers' }), { dryRun: true });
    expect(check.skippedTotals).toEqual([4, 5, 6]);
    expect(check.problems).toEqual([]);
    expect(check.total).toBe(2);
    const report = await runImport(ws, testUser, path, importSettings.parse({ target: 'customers' }), { dryRun: false });
    expect(report.written).toMatchObject({ inserted: 2, skipped: 0 });
    expect(ws.db.prepare('SELECT name FROM customers ORDER BY seq').pluck().all()).toEqual(['上海华信贸易有限公司', '广州天河商行']);
  });

  it('receipts (GBK CSV): the 合计 row is reported once (check and write passes) and not imported', async () => {
    createCustomer(ws, testUser, { name: '上海华信贸易有限公司' });
    const csv = [
      '收款日期,客户名称,收款金额',
      '2026-05-03,上海华信贸易有限公司,1000.00',
      '2026-05-04,上海华信贸易有限公司,234.56',
      '合计,,1234.56',
    ].join('\r\n');
    const path = join(files.dir, '收款.csv');
    writeFileSync(path, iconv.encode(csv, 'gbk'));
    const report = await runImport(ws, testUser, path, importSettings.parse({ target: 'receipts' }), { dryRun: false });
    expect(report.skippedTotals).toEqual([4]);
    expect(report.problems).toEqual([]);
    expect(count('receipts')).toBe(2);
  });

  it('a customer really named like a total is not taken for one when the row starts with its code', async () => {
    const csv = ['客户编号,客户名称', 'KH001,合计', 'KH002,小计贸易有限公司'].join('\r\n');
    const path = join(files.dir, '客户2.csv');
    writeFileSync(path, iconv.encode(csv, 'gbk'));
    const report = await runImport(ws, testUser, path, importSettings.parse({ target: 'customers' }), { dryRun: false });
    expect(report.skippedTotals).toEqual([]);
    expect(report.written?.inserted).toBe(2);
  });
});
