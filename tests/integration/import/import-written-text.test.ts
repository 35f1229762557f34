import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { inspectSource } from '../../../src-main/import/inspect-source';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// Names, addresses and notes are stored as the user wrote them; only values with one meaning
// (phones, codes, numbers, dates) are normalised. Duplicates are still found on a folded key.

const im = importBench();

interface Row {
  name: string;
  code: string | null;
  address: string | null;
  notes: string | null;
  phones: string;
}
const stored = () => im.ws.db.prepare('SELECT name, code, address, notes, phones FROM customers WHERE deleted = 0 ORDER BY seq').all() as Row[];

describe('importing customers keeps what the user wrote', () => {
  it('full-width brackets and letters stay in names, addresses and notes; phones and codes are normalised; duplicates match across widths', async () => {
    createCustomer(im.ws, testUser, { name: 'ABC贸易（上海）有限公司' });
    const csv = [
      '客户编号,客户名称,地址,电话,备注',
      'ＫＨ００１,华为技术（深圳）有限公司,深圳市龙岗区坂田华为基地Ｂ区,１３８１２３４５６７８,年度框架协议（２０２６）',
      'KH002,ＡＢＣ贸易,上海市浦东新区　世纪大道１００号,021-58881234,',
      'KH003,华为技术(深圳)有限公司,,,同一家：半角括号',
      'KH004,ＡＢＣ贸易(上海)有限公司,,,已在工作区',
    ].join('\r\n');
    const path = im.gbkCsv('customers-gbk.csv', csv);
    const report = await im.write(path, { target: 'customers', duplicateKeys: ['name'] });
    expect(report.duplicates.map((d) => [d.row, d.matchRow, d.matchName])).toEqual([
      [4, 2, '华为技术（深圳）有限公司'],
      [5, null, 'ABC贸易（上海）有限公司'],
    ]);
    expect(report.written).toMatchObject({ inserted: 2, skipped: 2 });
    const [, huawei, abc] = stored();
    expect(huawei).toEqual({
      name: '华为技术（深圳）有限公司',
      code: 'KH001',
      address: '深圳市龙岗区坂田华为基地Ｂ区',
      notes: '年度框架协议（２０２６）',
      phones: JSON.stringify(['13812345678']),
    });
    expect(abc).toMatchObject({ name: 'ＡＢＣ贸易', code: 'KH002', address: '上海市浦东新区　世纪大道１００号' });
  });

  it('contacts keep their written names and are linked to a customer written in another width', async () => {
    const c = createCustomer(im.ws, testUser, { name: '华为技术（深圳）有限公司' });
    const path = im.utf8('contacts.csv', [
      '客户名称,联系人,职务,部门,手机',
      '华为技术(深圳)有限公司,Ｌｉｓａ　王,采购经理（华南）,采购部（一）,13912345678',
      '华为技术（深圳）有限公司,张伟,工程师,采购部(一),13912345679',
    ]);
    const report = await im.write(path, { target: 'contacts' });
    expect(report.problems).toEqual([]);
    const contacts = im.ws.db.prepare('SELECT name, title, department_id AS d FROM contacts WHERE customer_id = ? ORDER BY name').all(c.id) as {
      name: string;
      title: string;
      d: string;
    }[];
    expect(contacts.map((x) => [x.name, x.title])).toEqual([
      ['张伟', '工程师'],
      ['Ｌｉｓａ　王', '采购经理（华南）'],
    ]);
    // One department, named as first written.
    const departments = im.ws.db.prepare('SELECT id, name FROM departments WHERE customer_id = ?').all(c.id) as { id: string; name: string }[];
    expect(departments.map((d) => d.name)).toEqual(['采购部（一）']);
    expect(new Set(contacts.map((x) => x.d))).toEqual(new Set([departments[0]?.id]));
  });

  it('order lines keep the product name as written', async () => {
    createCustomer(im.ws, testUser, { name: '宁波舟山港股份有限公司' });
    const path = im.utf8('orders.csv', [
      '订单号,订单日期,客户名称,产品名称,数量,单价',
      'SO-1,2026-05-01,宁波舟山港股份有限公司,集装箱（４０尺）,1,100',
    ]);
    await im.write(path, { target: 'orders' });
    expect(im.ws.db.prepare('SELECT product_name FROM order_lines').pluck().all()).toEqual(['集装箱（４０尺）']);
  });

  it('the wizard shows cells as written: the sample of 列对应 and the problem lines (ＡＢＣ贸易, not ABC贸易)', async () => {
    const path = im.utf8('orders-written.csv', [
      '订单号,订单日期,客户名称,产品名称,数量,单价',
      'SO-9,2026-05-01,ＡＢＣ贸易（上海）有限公司,集装箱（４０尺）,1,100',
    ]);
    const inspection = await inspectSource(path, 'orders', {}, []);
    expect(inspection.sample[0]).toContain('ＡＢＣ贸易（上海）有限公司');
    expect(inspection.sample[0]).toContain('集装箱（４０尺）');
    const check = await im.check(path, { target: 'orders' });
    expect(check.problems).toContainEqual(expect.objectContaining({ field: 'customer', code: 'notFound', value: 'ＡＢＣ贸易（上海）有限公司' }));
  });
});
