import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// The check step's "导入后的数据" for orders and products shows what will be stored, as the
// customer and receipt previews do: calendar days, quantities, money from the fen (a 单价 derived
// from 金额 too), names as the user wrote them — not the sheet's cells folded to half width.

const im = importBench();

describe('the orders and products preview', () => {
  it('orders: dates as days, the derived unit price, money with ¥, names as written', async () => {
    createCustomer(im.ws, testUser, { name: 'ＡＢＣ贸易（上海）有限公司' });
    const path = await im.xlsx('订单.xlsx', [
      ['订单号', '订单日期', '客户名称', '产品名称', '数量', '折扣', '金额'],
      ['SO-1', new Date(Date.UTC(2024, 2, 5)), 'ＡＢＣ贸易（上海）有限公司', '断路器（Ａ型）', 3, '9折', '1,234.50'],
      ['SO-2', '2024/3/6', 'ABC贸易(上海)有限公司', '接触器', 2.5, '', 100],
    ]);
    const report = await im.check(path, { target: 'orders' });
    expect(report.problems).toEqual([]);
    expect(report.preview).toEqual([
      {
        row: 2,
        orderNo: 'SO-1',
        orderDate: '2024-03-05',
        customer: 'ＡＢＣ贸易（上海）有限公司',
        customerCode: null,
        productName: '断路器（Ａ型）',
        productCode: null,
        quantity: '3',
        unitPrice: '¥457.22',
        discount: '9折',
        amount: '¥1,234.50',
        orderDiscount: null,
      },
      {
        row: 3,
        orderNo: 'SO-2',
        orderDate: '2024-03-06',
        customer: 'ABC贸易(上海)有限公司',
        customerCode: null,
        productName: '接触器',
        productCode: null,
        quantity: '2.5',
        unitPrice: '¥40.00',
        discount: null,
        amount: '¥100.00',
        orderDiscount: null,
      },
    ]);
    // What the preview promised is what is written.
    await im.write(path, { target: 'orders' });
    const lines = im.ws.db
      .prepare('SELECT l.product_name AS p, l.quantity_milli AS q, l.unit_price_fen AS u FROM order_lines l ORDER BY l.product_name DESC')
      .all();
    expect(lines).toEqual([
      { p: '断路器（Ａ型）', q: 3000, u: 45722 },
      { p: '接触器', q: 2500, u: 4000 },
    ]);
  });

  it('products: money with ¥, words as written', async () => {
    const path = im.utf8('产品.csv', ['产品编号,产品名称,单位,售价', 'ＣＰ-01,ＬＥＤ灯（暖光）,个,"1,280"']);
    const report = await im.check(path, { target: 'products' });
    expect(report.problems).toEqual([]);
    expect(report.preview).toEqual([
      { row: 2, code: 'CP-01', name: 'ＬＥＤ灯（暖光）', category: null, unit: '个', price: '¥1,280.00', cost: null, notes: null },
    ]);
  });
});
