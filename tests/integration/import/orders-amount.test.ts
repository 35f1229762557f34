import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/import/run-import';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerOrders, updateOrder } from '../../../src-main/services/sales/order-service';
import { KecardError } from '../../../src-shared/errors';
import { importSettings } from '../../../src-shared/import/import-settings';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// Shops and ERPs export line amounts (金额), often without a unit price. The revenue after the
// import must be the file's 金额 total to the fen.

const im = importBench();

const CUSTOMERS = ['华为技术（深圳）有限公司', '杭州娃哈哈集团有限公司', '宁波舟山港股份有限公司', '温州正泰电器股份有限公司'];

/** A small deterministic generator, so the file is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const revenueFen = () => (im.ws.db.prepare('SELECT COALESCE(sum(total_fen), 0) AS t FROM orders WHERE deleted = 0').get() as { t: number }).t;

describe('importing orders with a line amount (金额)', () => {
  it('an ERP workbook with 金额 and no 单价: revenue equals the file’s 金额 total to the fen', async () => {
    for (const name of CUSTOMERS) createCustomer(im.ws, testUser, { name });
    const random = lcg(7);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('销售明细');
    sheet.addRow(['2026年5月销售明细表']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['单据编号', '单据日期', '购货单位', '商品名称', '数量', '金额']);
    let fileTotal = 0n;
    for (let order = 1; order <= 60; order += 1) {
      const customer = CUSTOMERS[order % CUSTOMERS.length] as string;
      const lines = 1 + Math.floor(random() * 4);
      for (let l = 0; l < lines; l += 1) {
        // Quantities that rarely divide the amount (3, 7, 2.5 kg …), amounts up to ¥50,000.
        const quantity = [3, 7, 2.5, 1, 12, 0.75][Math.floor(random() * 6)] as number;
        const fen = 1 + Math.floor(random() * 5_000_000);
        fileTotal += BigInt(fen);
        const row = sheet.addRow([
          `XS-2026-${String(order).padStart(4, '0')}`,
          new Date(Date.UTC(2026, 4, 1 + (order % 28))),
          customer,
          `商品${l}`,
          quantity,
          fen / 100,
        ]);
        row.getCell(6).numFmt = '#,##0.00';
      }
    }
    const path = im.path('销售明细.xlsx');
    await workbook.xlsx.writeFile(path);

    const check = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: true });
    expect(check.headerRow).toBe(2);
    expect(Object.values(check.mapping)).toEqual(['orderNo', 'orderDate', 'customer', 'productName', 'quantity', 'amount']);
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.money).toEqual({
      field: 'amount',
      header: '金额',
      fileFen: Number(fileTotal),
      linesFen: Number(fileTotal),
      ordersFen: Number(fileTotal),
    });

    const report = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: false });
    expect(report.written?.inserted).toBe(60);
    expect(revenueFen()).toBe(Number(fileTotal));
    // The price is derived (to the fen) and the amount is the file's, even where 数量 × 单价 is not.
    const lines = im.ws.db.prepare('SELECT quantity_milli AS q, unit_price_fen AS p, amount_fen AS a FROM order_lines WHERE deleted = 0').all() as {
      q: number;
      p: number;
      a: number;
    }[];
    expect(lines.some((l) => Math.round((l.q * l.p) / 1000) !== l.a)).toBe(true);
    for (const l of lines) expect(Math.abs((l.q * l.p) / 1000 - l.a)).toBeLessThanOrEqual(l.q / 2000 + 1);
  });

  it('a GBK csv with 数量, a 4-decimal 单价 and 金额 keeps the file’s amounts; one that disagrees is flagged', async () => {
    const c = createCustomer(im.ws, testUser, { name: '杭州娃哈哈集团有限公司' });
    const csv = [
      '订单号,订单日期,客户名称,产品名称,数量,单价,折扣,金额',
      'SO-1,2026/5/1,杭州娃哈哈集团有限公司,纯净水,3,33.3333,,100.00',
      'SO-1,2026/5/1,杭州娃哈哈集团有限公司,AD钙奶,7,1.4286,,10.00',
      'SO-2,2026/5/2,杭州娃哈哈集团有限公司,营养快线,10,5.00,9折,45.00',
      'SO-3,2026/5/3,杭州娃哈哈集团有限公司,纯净水,3,33.33,,1000.00',
      'SO-4,2026/5/4,杭州娃哈哈集团有限公司,纯净水,3,,,"1,000.00"',
    ].join('\r\n');
    const path = im.path('orders-gbk.csv');
    writeFileSync(path, iconv.encode(csv, 'gbk'));
    const report = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders', mode: 'validRows' }), { dryRun: false });
    expect(report.problems.map((p) => [p.row, p.field, p.code, p.value])).toEqual([[5, 'amount', 'amountMismatch', '1000.00']]);
    expect(report.money).toMatchObject({ field: 'amount', fileFen: 10000 + 1000 + 4500 + 100000 + 100000, linesFen: 10000 + 1000 + 4500 + 100000 });
    const byNo = new Map(customerOrders(im.ws, c.id).map((o) => [o.orderNo, o]));
    expect(byNo.get('SO-1')?.lines.map((l) => [l.quantityMilli, l.unitPriceFen, l.amountFen])).toEqual([
      [3000, 3333, 10000],
      [7000, 143, 1000],
    ]);
    expect(byNo.get('SO-2')?.lines.map((l) => [l.unitPriceFen, l.discountBp, l.amountFen])).toEqual([[500, 1000, 4500]]);
    // Only 金额: 单价 = 1000 ÷ 3 to the fen; the amount stays ¥1,000.00.
    expect(byNo.get('SO-4')).toMatchObject({ totalFen: 100000, lines: [{ quantityMilli: 3000, unitPriceFen: 33333, amountFen: 100000 }] });
    expect(revenueFen()).toBe(10000 + 1000 + 4500 + 100000);

    // Saving the order with its lines unchanged keeps the file's amounts; a changed quantity recomputes.
    const so4 = byNo.get('SO-4');
    const line = so4?.lines[0];
    if (!so4 || !line) throw new Error('SO-4 missing');
    const same = updateOrder(im.ws, testUser, so4.id, {
      notes: '核对过',
      lines: [{ id: line.id, productName: line.productName, quantityMilli: 3000, unitPriceFen: 33333, discountBp: 0 }],
    });
    expect(same.totalFen).toBe(100000);
    const changed = updateOrder(im.ws, testUser, so4.id, {
      lines: [{ id: line.id, productName: line.productName, quantityMilli: 2000, unitPriceFen: 33333, discountBp: 0 }],
    });
    expect(changed.totalFen).toBe(66666);
    // An amount that quantity × price cannot give is refused.
    expect(() =>
      updateOrder(im.ws, testUser, so4.id, { lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: 100, amountFen: 500 }] }),
    ).toThrow(KecardError);
  });

  it('warns when a 金额 column is mapped to 单价, and the totals show the difference', async () => {
    createCustomer(im.ws, testUser, { name: '宁波舟山港股份有限公司' });
    const path = im.path('wrong-mapping.csv');
    writeFileSync(
      path,
      [
        '订单号,日期,客户,品名,数量,金额合计',
        'SO-1,2026-05-01,宁波舟山港股份有限公司,集装箱,4,"2,000.00"',
        'SO-2,2026-05-02,宁波舟山港股份有限公司,拖车,2,500',
      ].join('\n'),
    );
    const mapping = { '0': 'orderNo', '1': 'orderDate', '2': 'customer', '3': 'productName', '4': 'quantity', '5': 'unitPrice' };
    const report = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders', mapping }), { dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([{ column: '5', header: '金额合计', field: 'unitPrice', code: 'amountAsPrice' }]);
    expect(report.money).toMatchObject({ field: 'unitPrice', header: '金额合计', fileFen: 250000, linesFen: 4 * 200000 + 2 * 50000 });
    // Mapped as suggested, the same file is right.
    const suggested = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: true });
    expect(suggested.warnings).toEqual([]);
    expect(suggested.money).toMatchObject({ field: 'amount', fileFen: 250000, linesFen: 250000 });
  });

  it('names the missing required columns once, before reading any row', async () => {
    const path = im.path('no-money.csv');
    writeFileSync(
      path,
      ['订单号,订单日期,客户名称,产品名称,数量', ...Array.from({ length: 50 }, (_, i) => `SO-${i},2026-05-01,某公司,品,1`)].join('\n'),
    );
    const error = await runImport(im.ws, testUser, path, importSettings.parse({ target: 'orders' }), { dryRun: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KecardError);
    expect((error as KecardError).details).toMatchObject({
      fields: { mapping: 'columnsRequired' },
      target: 'orders',
      missing: [['unitPrice', 'amount']],
    });
  });
});
