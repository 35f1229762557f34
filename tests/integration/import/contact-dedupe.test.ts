import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// Contacts are deduplicated by (customer, mobile): importing a contact sheet twice adds nobody
// twice, and updates of a known contact go through the contact service. A customer sheet can
// carry one contact per row (联系人/手机/职务).

const im = importBench();

const contacts = () =>
  im.ws.db
    .prepare(
      'SELECT c.name AS customer, ct.name, ct.mobile, ct.title FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE ct.deleted = 0 ORDER BY ct.mobile',
    )
    .all() as {
    customer: string;
    name: string;
    mobile: string | null;
    title: string | null;
  }[];

describe('contact import dedupes by (customer, mobile)', () => {
  it('the same GBK contact sheet imported twice adds nobody twice; overwrite updates in place through the service', async () => {
    createCustomer(im.ws, testUser, { name: '上海华信贸易有限公司' });
    createCustomer(im.ws, testUser, { name: '广州天河商行' });
    const csv = [
      '客户名称,联系人,手机,职务',
      '上海华信贸易有限公司,王强,13912345678,经理',
      '广州天河商行,王强,13912345678,老板',
      '上海华信贸易有限公司,李娜,+86 139 1234 5679,',
    ].join('\r\n');
    const path = im.gbkCsv('联系人.csv', csv);
    const first = await im.write(path, { target: 'contacts' });
    expect(first.written).toEqual({ inserted: 3, updated: 0, skipped: 0 });

    const check = await im.check(path, { target: 'contacts' });
    expect(check.duplicates.map((d) => [d.row, d.matchName, d.matchRow])).toEqual([
      [2, '王强', null],
      [3, '王强', null],
      [4, '李娜', null],
    ]);
    const again = await im.write(path, { target: 'contacts' });
    expect(again.written).toEqual({ inserted: 0, updated: 0, skipped: 3 });
    expect(contacts()).toHaveLength(3);

    // The same people with a new title: overwrite updates them in place.
    const changed = ['客户名称,联系人,手机,职务', '上海华信贸易有限公司,王强,139 1234 5678,总经理'].join('\r\n');
    const path2 = im.gbkCsv('联系人2.csv', changed);
    const updated = await im.write(path2, { target: 'contacts', duplicateAction: 'overwrite' });
    expect(updated.written).toEqual({ inserted: 0, updated: 1, skipped: 0 });
    expect(contacts()).toEqual([
      { customer: '上海华信贸易有限公司', name: '王强', mobile: '13912345678', title: '总经理' },
      { customer: '广州天河商行', name: '王强', mobile: '13912345678', title: '老板' },
      { customer: '上海华信贸易有限公司', name: '李娜', mobile: '13912345679', title: null },
    ]);
  });

  it('duplicates within one file are found too: the second row of the same person is skipped', async () => {
    createCustomer(im.ws, testUser, { name: '上海华信贸易有限公司' });
    const csv = ['客户名称,联系人,手机', '上海华信贸易有限公司,王强,13912345678', '上海华信贸易有限公司,王强（重复）,139-1234-5678'].join('\r\n');
    const path = im.gbkCsv('联系人.csv', csv);
    const report = await im.write(path, { target: 'contacts' });
    expect(report.duplicates.map((d) => [d.row, d.matchRow])).toEqual([[3, 2]]);
    expect(report.written).toEqual({ inserted: 1, updated: 0, skipped: 1 });
  });
});

describe('a customer sheet carrying contacts', () => {
  it('联系人/手机/职务 columns (suggested: the sheet has 联系人) create one contact per row under its customer; re-importing adds nobody twice', async () => {
    const path = await im.xlsx(
      '客户.xlsx',
      [
        ['客户名称', '电话', '联系人', '手机', '职务'],
        ['上海华信贸易有限公司', '021-58881234', '王强', 13912345678, '采购经理'],
        ['上海华信贸易有限公司', '021-58881234', '李娜', '139 1234 5679', '财务'],
        ['广州天河商行', '', '陈静', '+86 139 1234 5670', ''],
        ['深圳南山贸易', '0755-82345678', '', '', ''],
      ],
      '客户',
    );
    const settings = { target: 'customers' } as const;
    const check = await im.check(path, settings);
    expect(check.mapping).toEqual({ 0: 'name', 1: 'phones', 2: 'contactName', 3: 'contactMobile', 4: 'contactTitle' });
    expect(check.problems).toEqual([]);
    expect(check.preview[0]).toMatchObject({
      name: '上海华信贸易有限公司',
      contactName: '王强',
      contactMobile: '13912345678',
      contactTitle: '采购经理',
    });

    const first = await im.write(path, settings);
    expect(first.written).toMatchObject({ inserted: 3, skipped: 1 });
    const customers = im.ws.db.prepare('SELECT name, phones FROM customers ORDER BY seq').all();
    expect(customers).toEqual([
      { name: '上海华信贸易有限公司', phones: JSON.stringify(['021-58881234']) },
      { name: '广州天河商行', phones: '[]' },
      { name: '深圳南山贸易', phones: JSON.stringify(['0755-82345678']) },
    ]);
    const expected = [
      { customer: '广州天河商行', name: '陈静', mobile: '13912345670', title: null },
      { customer: '上海华信贸易有限公司', name: '王强', mobile: '13912345678', title: '采购经理' },
      { customer: '上海华信贸易有限公司', name: '李娜', mobile: '13912345679', title: '财务' },
    ];
    expect(contacts()).toEqual(expected);

    await im.write(path, settings);
    expect(contacts()).toEqual(expected);
    expect(im.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
  });

  it("without a 联系人 column a bare 手机 stays the customer's phone, beside 电话 too", async () => {
    const path = im.gbkCsv('客户.csv', ['客户名称,手机,电话,职务', '上海华信贸易有限公司,13912345678,021-58881234,']);
    const report = await im.write(path, { target: 'customers' });
    expect(report.mapping).toEqual({ 0: 'name', 1: 'phones', 2: 'phones', 3: null });
    expect(im.ws.db.prepare('SELECT phones FROM customers').pluck().get()).toBe(JSON.stringify(['13912345678', '021-58881234']));
    expect(contacts()).toEqual([]);
  });

  it('a bad contact mobile on a customer row is a problem in words, and nothing of the row is written', async () => {
    // Headers that say "contact" are suggested without the user's help.
    const csv = ['客户名称,联系人姓名,联系人手机', '上海华信贸易有限公司,王强,12ab'].join('\r\n');
    const path = im.gbkCsv('客户.csv', csv);
    const report = await im.write(path, { target: 'customers', mode: 'validRows' });
    expect(report.problems).toEqual([{ row: 2, field: 'contactMobile', code: 'phone', value: '12ab' }]);
    expect(im.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });
});
