import ExcelJS from 'exceljs';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test, type Api } from '../support/fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
/** A local calendar day `days` from today, as YYYY-MM-DD. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** A birthday in 1980 whose anniversary is `days` from today. */
function birthday(days: number): string {
  return `1980-${day(days).slice(5)}`;
}

interface Seed {
  name: string;
  customerClass: 'A' | 'B' | 'C';
  tags?: string[];
  /** Order totals in yuan with their date offsets from today. */
  orders: { yuan: number; daysAgo: number }[];
  birthdayIn?: number;
  purchaseYuan: number;
}

async function seedCustomer(api: Api, purchaseField: string, s: Seed): Promise<string> {
  const c = await api<{ id: string }>('customers.create', {
    values: { name: s.name, customerClass: s.customerClass, tags: s.tags ?? [], custom: { [purchaseField]: s.purchaseYuan * 100 } },
  });
  for (const o of s.orders) {
    await api('orders.create', {
      customerId: c.id,
      orderDate: day(-o.daysAgo),
      status: 'confirmed',
      lines: [{ productName: '设备', quantityMilli: 1000, unitPriceFen: o.yuan * 100 }],
    });
  }
  await api('contacts.create', {
    customerId: c.id,
    name: `${s.name.slice(0, 2)}经理`,
    birthday: s.birthdayIn === undefined ? null : birthday(s.birthdayIn),
  });
  return c.id;
}

test('nested query with related orders and birthdays: save shared, pin, group, favourites, export', async ({ app, api }) => {
  const field = await api<{ columnName: string }>('fields.create', { entity: 'customer', label: '年采购额', type: 'money' });
  const purchase = field.columnName;
  // Match: orders in the last 12 months over 100,000 yuan AND (a contact's birthday within 7 days OR tagged VIP).
  await seedCustomer(api, purchase, {
    name: '华南贸易有限公司',
    customerClass: 'A',
    orders: [{ yuan: 150_000, daysAgo: 60 }],
    birthdayIn: 3,
    purchaseYuan: 500_000,
  });
  await seedCustomer(api, purchase, {
    name: '东方电子科技',
    customerClass: 'B',
    orders: [
      { yuan: 60_000, daysAgo: 30 },
      { yuan: 60_000, daysAgo: 200 },
    ],
    birthdayIn: 5,
    purchaseYuan: 300_000,
  });
  await seedCustomer(api, purchase, {
    name: '中原物流集团',
    customerClass: 'C',
    tags: ['VIP'],
    orders: [{ yuan: 110_000, daysAgo: 10 }],
    purchaseYuan: 100_000,
  });
  // No match: too little, too long ago, birthday too far away.
  await seedCustomer(api, purchase, {
    name: '西部建材',
    customerClass: 'A',
    orders: [{ yuan: 80_000, daysAgo: 20 }],
    birthdayIn: 3,
    purchaseYuan: 1_000,
  });
  await seedCustomer(api, purchase, {
    name: '北方机械',
    customerClass: 'B',
    orders: [{ yuan: 200_000, daysAgo: 800 }],
    birthdayIn: 2,
    purchaseYuan: 2_000,
  });
  await seedCustomer(api, purchase, {
    name: '南海食品',
    customerClass: 'A',
    orders: [{ yuan: 300_000, daysAgo: 5 }],
    birthdayIn: 40,
    purchaseYuan: 3_000,
  });

  const qb = new QueryBuilderPage(app);
  await app.reload();
  await qb.open();

  // 0: 订单 合计(订单金额) > 100,000 元, where 订单日期 in the last 365 days.
  await qb.addRelated('');
  await qb.setRelated('0', { relation: 'orders', mode: 'aggregate', aggregate: { fn: 'sum', field: 'totalFen', op: 'gt', value: '100000' } });
  await qb.addCondition('0');
  await qb.setCondition('0.0', { field: 'orderDate', operator: 'relative:lastNDays', days: 365 });
  // 1: an OR group — 有联系人 whose birthday is within 7 days, or the tag VIP.
  await qb.addGroup('');
  await expect(app.locator('[data-testid=qb-group][data-path="1"]')).toHaveAttribute('data-op', 'or');
  await qb.addRelated('1');
  await qb.setRelated('1.0', { relation: 'contacts', mode: 'has' });
  await qb.addCondition('1.0');
  await qb.setCondition('1.0.0', { field: 'birthday', operator: 'anniversaryWithin', days: 7 });
  await qb.addCondition('1');
  await qb.setCondition('1.1', { field: 'tags', operator: 'contains', value: 'VIP' });

  await expect(qb.liveCount()).toHaveAttribute('data-count', '3');
  await qb.run();
  await expect(qb.resultTotal()).toHaveAttribute('data-count', '3');
  await expect(qb.resultRows()).toHaveCount(3);
  const names = (await Promise.all((await qb.resultRows().all()).map((r) => r.getAttribute('data-name')))).sort();
  expect(names).toEqual(['东方电子科技', '中原物流集团', '华南贸易有限公司'].sort());

  // Saved, shared and pinned: the sidebar shows its live count.
  await qb.save('大单客户生日关怀', { shared: true, pinned: true });
  await expect(app.getByTestId('query-title')).toHaveText('大单客户生日关怀');
  const saved = await api<{ name: string; shared: boolean; pinned: boolean }[]>('queries.saved', {});
  expect(saved).toEqual([expect.objectContaining({ name: '大单客户生日关怀', shared: true, pinned: true })]);
  await expect(qb.pinned('大单客户生日关怀')).toHaveAttribute('data-count', '3');
  await expect(qb.pinned('大单客户生日关怀').getByTestId('pinned-query-count')).toHaveText('3');

  // Grouped by class with count and the 年采购额 total per class and overall.
  await qb.showGroups();
  await app.locator(`[data-testid=group-measure][data-field="${purchase}"]`).check();
  for (const [cls, fen] of [
    ['A', 50_000_000],
    ['B', 30_000_000],
    ['C', 10_000_000],
  ] as const) {
    await expect(qb.groupRow(cls)).toHaveAttribute('data-count', '1');
    await expect(qb.groupRow(cls).getByTestId('group-sum')).toHaveAttribute('data-value', String(fen));
  }
  await expect(qb.groupTotal()).toHaveAttribute('data-count', '3');
  await expect(qb.groupTotal().getByTestId('group-sum')).toHaveText('900,000.00');

  // The whole result into a new favourites folder.
  await qb.createFolder('customer', '重点关怀');
  await qb.bulkAddToFolder('重点关怀', 3);
  await expect(qb.folder('重点关怀')).toHaveAttribute('data-count', '3');

  // Export to xlsx and read the file back: a worker job writes it, with progress and a cancel
  // button shown until the finished file is handed over as a download.
  await app.getByTestId('result-view-list').click();
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('大单客户生日关怀.xlsx');
  await expect(app.getByTestId('export-progress')).toHaveCount(0);
  await expect(app.getByTestId('export-xlsx')).toBeEnabled();
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers).toContain('客户名称');
  expect(headers).toContain('客户分类');
  expect(sheet.rowCount).toBe(4);
  const nameCol = headers.indexOf('客户名称') + 1;
  const classCol = headers.indexOf('客户分类') + 1;
  const rows = [2, 3, 4].map((r) => [sheet.getRow(r).getCell(nameCol).text, sheet.getRow(r).getCell(classCol).text]).sort();
  expect(rows).toEqual(
    [
      ['东方电子科技', 'B'],
      ['中原物流集团', 'C'],
      ['华南贸易有限公司', 'A'],
    ].sort(),
  );
  // Enum columns read as the list shows them (潜在客户, not `prospect`), times as the user's clock.
  const lifecycleCol = headers.indexOf('生命周期') + 1;
  expect(lifecycleCol).toBeGreaterThan(0);
  for (const r of [2, 3, 4]) expect(['潜在客户', '新客户', '老客户', '休眠客户', '流失客户']).toContain(sheet.getRow(r).getCell(lifecycleCol).text);
  const updatedCol = headers.indexOf('更新时间') + 1;
  const nameOf = (r: number) => sheet.getRow(r).getCell(nameCol).text;
  const stored = (await api('customers.list', { offset: 0, limit: 50 })).rows.find((c) => c.name === nameOf(2));
  const written = sheet.getRow(2).getCell(updatedCol).value;
  expect(written).toBeInstanceOf(Date);
  // exceljs reads a spreadsheet date as that wall-clock time in UTC; the app shows local time.
  const instant = new Date(stored?.updatedAt ?? '');
  const shown = await app.evaluate((iso) => {
    const d = new Date(iso);
    return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()];
  }, instant.toISOString());
  const w = written as Date;
  expect([w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes()]).toEqual(shown);

  // A new matching customer moves the pinned count (data.changed refreshes it).
  await seedCustomer(api, purchase, {
    name: '新星贸易',
    customerClass: 'B',
    tags: ['VIP'],
    orders: [{ yuan: 120_000, daysAgo: 3 }],
    purchaseYuan: 0,
  });
  await expect(qb.pinned('大单客户生日关怀')).toHaveAttribute('data-count', '4');
});
