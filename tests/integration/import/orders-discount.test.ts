import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/import/run-import';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerOrders } from '../../../src-main/services/sales/order-service';
import { importSettings } from '../../../src-shared/import/import-settings';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

const im = importBench();

const HEADER = '订单号,订单日期,客户名称,产品名称,数量,单价,折扣,整单优惠';

describe('importing orders with an order discount', () => {
  it('reads 9折, 95% and an amount in the 整单优惠 column and a line 折扣 in 折 or percent', async () => {
    const c = createCustomer(im.ws, testUser, { name: '嘉兴联创纺织有限公司' });
    const csv = im.path('orders.csv');
    writeFileSync(
      csv,
      [
        HEADER,
        'SO-1,2026-04-01,嘉兴联创纺织有限公司,涤纶长丝,2,150.00,,9折',
        'SO-1,2026-04-01,嘉兴联创纺织有限公司,包装费,1,0.05,,9折',
        'SO-2,2026-04-02,嘉兴联创纺织有限公司,锦纶,1,1000,95%,',
        'SO-2,2026-04-02,嘉兴联创纺织有限公司,锦纶,1,1000,9.5折,95%',
        'SO-3,2026-04-03,嘉兴联创纺织有限公司,氨纶,1,"1,200.00",,¥50',
      ].join('\n'),
    );
    const report = await runImport(im.ws, testUser, csv, importSettings.parse({ target: 'orders' }), { dryRun: false });
    expect(report.mapping).toMatchObject({ '6': 'discount', '7': 'orderDiscount' });
    expect(report.problems).toEqual([]);
    expect(report.written?.inserted).toBe(3);
    const byNo = new Map(customerOrders(im.ws, c.id).map((o) => [o.orderNo, o]));
    // SO-1: subtotal 300.05; 90% = 270.045 → ¥270.05 to pay, ¥30.00 off.
    expect(byNo.get('SO-1')).toMatchObject({ discountBp: 1000, discountFen: 3000, totalFen: 27005 });
    // SO-2: both lines 9.5折 (¥950 each), then 95% of ¥1,900.
    expect(byNo.get('SO-2')?.lines.map((l) => l.discountBp)).toEqual([500, 500]);
    expect(byNo.get('SO-2')).toMatchObject({ discountBp: 500, discountFen: 9500, totalFen: 180500 });
    expect(byNo.get('SO-3')).toMatchObject({ discountBp: null, discountFen: 5000, totalFen: 115000 });
  });

  it('flags an unreadable discount and lines of one order that disagree', async () => {
    createCustomer(im.ws, testUser, { name: '绍兴新华印染厂' });
    const csv = im.path('bad.csv');
    writeFileSync(
      csv,
      [
        HEADER,
        'SO-7,2026-05-01,绍兴新华印染厂,染料,1,100,,9折',
        'SO-7,2026-05-01,绍兴新华印染厂,助剂,1,100,,8折',
        'SO-8,2026-05-02,绍兴新华印染厂,染料,1,100,,打折',
      ].join('\n'),
    );
    const report = await runImport(im.ws, testUser, csv, importSettings.parse({ target: 'orders', mode: 'validRows' }), { dryRun: true });
    expect(report.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, 'orderDiscount', 'orderDiscountMismatch'],
      [4, 'orderDiscount', 'invalid'],
    ]);
    expect(report.valid).toBe(1);
  });
});
