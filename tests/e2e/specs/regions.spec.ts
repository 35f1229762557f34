import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CustomerGroupsPage } from '../pages/card-extras-pages';
import { CustomerCardPage } from '../pages/customer-card-page';
import { ImportWizard } from '../pages/import-wizard';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test } from '../support/fixtures';

// 省 / 市 / 区 are picked from the national division list (GB/T 2260), each level listing the
// divisions of the one above; what is stored is the list's name, and the field can be cleared.

test('picking 省 → 市 → 区 on a card stores the division names; 直辖市 choose their city; clearing works', async ({ api, customers, card }) => {
  await customers.newCustomer();
  await card.fill({ name: '深圳市南山科技有限公司' });

  await test.step('the city list follows the province, the district list follows the city', async () => {
    await expect(card.field('city')).toBeDisabled();
    await card.pickRegion('province', '广东省');
    await expect(card.field('city').locator('option', { hasText: '深圳市' })).toHaveCount(1);
    await expect(card.field('city').locator('option', { hasText: '杭州市' })).toHaveCount(0);
    await card.pickRegion('city', '深圳市');
    await card.pickRegion('district', '南山区');
    await card.save();
    await expect(card.root).not.toHaveAttribute('data-customer-id', '');
    await expect(card.field('district')).toHaveValue('南山区');
  });
  const id = await card.customerId();
  expect((await api('customers.get', { id })).customer).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区' });

  await test.step('another province clears the city and district; 上海市 has one city, chosen for the user', async () => {
    await card.pickRegion('province', '上海市');
    await expect(card.field('city')).toHaveValue('上海市');
    await expect(card.field('district')).toHaveValue('');
    await card.pickRegion('district', '浦东新区');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.district).toBe('浦东新区');
    expect((await api('customers.get', { id })).customer).toMatchObject({ province: '上海市', city: '上海市' });
  });

  await test.step('the empty choice clears the region', async () => {
    await card.pickRegion('province', '');
    await expect(card.field('city')).toHaveValue('');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.province).toBeNull();
    expect((await api('customers.get', { id })).customer).toMatchObject({ city: null, district: null });
  });
});

test('a value outside the list stays shown until another is picked; a typed 广东 is stored as 广东省', async ({ app, api, card }) => {
  const c = await api('customers.create', { values: { name: '华南贸易行', province: '华南', city: '深圳' } });
  // Through the service: the unknown province is kept as written, the city is mapped.
  expect([c.province, c.city]).toEqual(['华南', '深圳市']);
  await new CustomerCardPage(app).open(c.name);
  await card.expectOpen(c.id, c.name);
  await expect(card.field('province')).toHaveValue('华南');
  await expect(card.field('province')).toHaveAttribute('data-listed', 'no');
  await card.pickRegion('province', '广东省');
  // 深圳市 belongs to 广东省, so it stays.
  await expect(card.field('city')).toHaveValue('深圳市');
  await card.save();
  await expect.poll(async () => (await api('customers.get', { id: c.id })).customer.province).toBe('广东省');
  await expect(card.field('province')).toHaveAttribute('data-listed', 'yes');

  const typed = await api('customers.update', { id: c.id, patch: { province: '广东', city: null } });
  expect(typed.province).toBe('广东省');
});

test('the import check lists the region values outside the division list with their rows, and imports them as written', async ({
  app,
  api,
  tempDir,
}) => {
  const path = join(tempDir, '客户地区.csv');
  const csv = [
    '客户名称,省份,城市,区县',
    '甲公司,广东,深圳,南山',
    '乙公司,华南,广州,',
    '丙公司,华南,,',
    '丁公司,广西,南宁,某某区',
    '戊公司,广东,杭州,',
  ];
  writeFileSync(path, iconv.encode(csv.join('\r\n'), 'gbk'));

  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseFile(path, '客户地区.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await wizard.check();
  await expect(wizard.counts).toHaveAttribute('data-invalid', '0');
  const table = app.getByTestId('import-unmatched-regions');
  await expect(table).toBeVisible();
  // One row per unknown value, with the field in words and how many rows carry it.
  const rows = table.getByTestId('import-unmatched-region');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-count', '2');
  await expect(rows.nth(0).locator('td')).toHaveText(['省份', '华南', '2']);
  await expect(rows.nth(1).locator('td')).toHaveText(['城市', '杭州', '1']);
  await expect(rows.nth(2).locator('td')).toHaveText(['区县', '某某区', '1']);
  // Known text is not listed: 广东, 深圳, 南山, 广西 and 南宁 are mapped.
  await expect(table).not.toContainText('广东');

  await wizard.run();
  await wizard.expectWritten({ inserted: 5, updated: 0, skipped: 0 });
  const { rows: stored } = await api('customers.list', { offset: 0, limit: 10, sort: { field: 'name', dir: 'asc' } });
  const byName = new Map(stored.map((c) => [c.name, [c.province, c.city, c.district]]));
  expect(byName.get('甲公司')).toEqual(['广东省', '深圳市', '南山区']);
  expect(byName.get('乙公司')).toEqual(['华南', '广州市', null]);
  expect(byName.get('丁公司')).toEqual(['广西壮族自治区', '南宁市', '某某区']);
  expect(byName.get('戊公司')).toEqual(['广东省', '杭州', null]);
});

test('the list groups a city within its province; its drill and 查询 pick 省份/城市 from the division list', async ({ app, api }) => {
  for (const [name, province, city] of [
    ['深圳南山贸易', '广东', '深圳'],
    ['广东市区商行', '广东省', '市区'],
    ['浙江市区商行', '浙江', '市区'],
    ['杭州西湖茶庄', '浙江省', '杭州'],
    ['华南批发部', '华南', null],
  ] as const) {
    await api('customers.create', { values: { name, province, city } });
  }

  const groups = new CustomerGroupsPage(app);
  await groups.open();
  await groups.groupBy('城市');
  // Two provinces' 市区 are two groups, named with their province; other cities by their name.
  await expect(groups.group('广东省 市区')).toHaveAttribute('data-count', '1');
  await expect(groups.group('浙江省 市区')).toHaveAttribute('data-count', '1');
  await expect(groups.group('深圳市')).toHaveAttribute('data-count', '1');
  await expect(groups.group('杭州市')).toHaveAttribute('data-count', '1');

  await test.step('a city group opens its own customers; the query shows the city and its province as picked values', async () => {
    await groups.group('浙江省 市区').getByTestId('group-open').click();
    await expect(app.getByTestId('result-total')).toHaveAttribute('data-count', '1');
    await expect(app.locator('[data-testid=result-row][data-name="浙江市区商行"]')).toBeVisible();
    // 市区 is outside the division list: kept, selected and marked as such; 浙江省 is a listed province.
    const city = app.locator('[data-testid=qb-region-values][data-region=city] [data-testid=qb-option][data-value="市区"]');
    await expect(city).toHaveAttribute('aria-pressed', 'true');
    await expect(city).toContainText('不在行政区划中');
    const province = app.locator('[data-testid=qb-region-values][data-region=province] [data-testid=qb-option][data-value="浙江省"]');
    await expect(province).toHaveAttribute('aria-pressed', 'true');
  });

  const qb = new QueryBuilderPage(app);
  await test.step('省份 等于 is a picker of provinces; 城市 lists each province\u2019s cities', async () => {
    await app.getByTestId('qb-clear').click();
    await qb.addCondition('');
    await qb.setCondition('0', { field: 'province', operator: 'eq' });
    const province = qb.condition('0').getByTestId('qb-value');
    await expect(province).toHaveAttribute('data-region', 'province');
    await expect(province.locator('option', { hasText: '内蒙古自治区' })).toHaveCount(1);
    await province.selectOption('广东省');
    await qb.run();
    await expect(qb.resultTotal()).toHaveAttribute('data-count', '2');

    await qb.setCondition('0', { field: 'city', operator: 'eq' });
    const city = qb.condition('0').getByTestId('qb-value');
    await expect(city.locator('optgroup[label="浙江省"] option', { hasText: '杭州市' })).toHaveCount(1);
    await city.selectOption('杭州市');
    await qb.run();
    await expect(qb.resultTotal()).toHaveAttribute('data-count', '1');
    await expect(app.locator('[data-testid=result-row][data-name="杭州西湖茶庄"]')).toBeVisible();
  });

  await test.step('城市 属于: cities added from the list; free text outside it stays reachable with 包含', async () => {
    await qb.setCondition('0', { field: 'city', operator: 'in' });
    const add = qb.condition('0').getByTestId('qb-region-add');
    await add.selectOption('深圳市');
    await add.selectOption('杭州市');
    await expect(qb.condition('0').getByTestId('qb-option')).toHaveCount(2);
    await qb.run();
    await expect(qb.resultTotal()).toHaveAttribute('data-count', '2');

    await qb.setCondition('0', { field: 'province', operator: 'contains', value: '华南' });
    await qb.run();
    await expect(qb.resultTotal()).toHaveAttribute('data-count', '1');
  });
});
