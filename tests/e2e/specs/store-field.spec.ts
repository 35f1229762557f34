import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisPage } from '../pages/analysis-page';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { SyncCenter } from '../pages/sync-center';
import { expect, test } from '../support/fixtures';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// Issue 18, scopes at HQ: the 门店 field on the card (only in a network), the list column and its
// sort, the time series by store, 门店管理's 范围 column with 修改范围, and a partner's last error.

test('门店 at HQ: card, list, report by store, scope editing and a partner’s last error', async ({ app, api, customers, card, frame, tempDir }) => {
  test.setTimeout(120_000);
  const nanjing = await api('customers.create', { values: { name: '南京紫金茶业有限公司' } });

  await test.step('on its own a workspace shows no 门店 on the card', async () => {
    await customers.rows.filter({ hasText: '南京紫金茶业' }).click();
    await card.expectOpen(nanjing.id, '南京紫金茶业有限公司');
    await expect(card.field('industry')).toBeVisible();
    await expect(card.field('storeCode')).toHaveCount(0);
    await card.close();
  });

  const hq = new SyncCenter(app);
  await test.step('HQ creates the network and adds two stores', async () => {
    await hq.open();
    await hq.createNetwork('HQ', '总部');
    await api('sync.invite', { code: 'NJ01', name: '南京店' });
    await api('sync.invite', { code: 'SH01', name: '上海店' });
    await app.getByTestId('nav-customers').click();
    await hq.open();
    await expect(hq.partner('SH01')).toBeVisible();
    await expect(hq.partner('NJ01').locator('[data-key=scope]')).toContainText('本店客户');
  });

  const shanghai = await api('customers.create', { values: { name: '上海外滩贸易有限公司', storeCode: 'SH01' } });
  for (const [id, fen] of [
    [nanjing.id, 80_000],
    [shanghai.id, 30_000],
  ] as const) {
    await api('orders.create', { customerId: id, orderDate: '2026-11-20', lines: [{ productName: '茶叶', quantityMilli: 1000, unitPriceFen: fen }] });
  }

  await test.step('the card picks the 门店 from this site and its stores', async () => {
    await app.getByTestId('nav-customers').click();
    await customers.rows.filter({ hasText: '南京紫金茶业' }).click();
    await card.expectOpen(nanjing.id, '南京紫金茶业有限公司');
    const select = card.field('storeCode');
    await expect(select.locator('option')).toHaveText(['（未指定）', 'HQ 总部', 'NJ01 南京店', 'SH01 上海店']);
    await select.selectOption('NJ01');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id: nanjing.id })).customer.storeCode).toBe('NJ01');
    await card.close();
  });

  await test.step('the list shows and sorts by 门店', async () => {
    await customers.chooseColumns({ show: ['storeCode'] });
    await expect(customers.header('storeCode')).toHaveText(/门店/);
    await customers.sortBy('storeCode', 'desc');
    await expect(customers.rows.first()).toContainText('SH01 上海店');
    await expect(customers.rows.first()).toContainText('上海外滩贸易');
    await customers.sortBy('storeCode', 'asc');
    await expect(customers.rows.first()).toContainText('NJ01 南京店');
  });

  await test.step('HQ’s time series splits sales by store', async () => {
    const analysis = new AnalysisPage(app);
    await analysis.open();
    const series = await analysis.openReport('timeSeries');
    await series.getByTestId('timeseries-by').selectOption('store');
    const byTable = series.getByTestId('timeseries-by-table');
    await expect(byTable.locator('th')).toContainText(['NJ01 南京店', 'SH01 上海店']);
    const cell = byTable.locator('[data-testid=timeseries-key-cell][data-month="2026-11"][data-key="SH01"]');
    await expect(cell).toHaveAttribute('data-count', '1');
    await cell.click();
    expect(await analysis.drillNames(1)).toEqual([expect.stringContaining('上海外滩贸易')]);
  });

  await test.step('a query picks the customers of one 门店', async () => {
    const qb = new QueryBuilderPage(app);
    await qb.open();
    await qb.addCondition('');
    const row = qb.condition('0');
    await row.getByTestId('qb-field').selectOption('storeCode');
    await row.getByTestId('qb-operator').selectOption('eq');
    await expect(row.getByTestId('qb-value').locator('option')).toHaveText(['（请选择）', 'HQ 总部', 'NJ01 南京店', 'SH01 上海店']);
    await row.getByTestId('qb-value').selectOption('SH01');
    await qb.run();
    await expect(qb.resultTotal()).toHaveAttribute('data-count', '1');
    await expect(qb.resultRows().first()).toContainText('上海外滩贸易');
  });

  await test.step('修改范围: a store receives the customers of the chosen stores', async () => {
    await hq.open();
    await hq.partner('NJ01').getByTestId('sync-partner-scope-edit').click();
    const dialog = app.getByTestId('sync-scope-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('sync-scope-next')).toContainText('离开范围的客户会从门店的工作区中移除');
    await expect(dialog.getByTestId('sync-scope-choice-own')).toBeChecked();
    await expect(dialog.getByTestId('sync-scope-stores')).toHaveCount(0);
    await dialog.getByTestId('sync-scope-choice-stores').check();
    await expect(dialog.locator('[data-testid=sync-scope-store][data-code=NJ01]')).toBeChecked();
    // Nothing ticked: said in Chinese, nothing saved.
    await dialog.locator('[data-testid=sync-scope-store][data-code=NJ01]').uncheck();
    await dialog.getByTestId('sync-scope-save').click();
    await expect(dialog.getByTestId('sync-scope-error')).toHaveText('请至少选择一个门店。');
    await dialog.locator('[data-testid=sync-scope-store][data-code=NJ01]').check();
    await dialog.locator('[data-testid=sync-scope-store][data-code=SH01]').check();
    await dialog.getByTestId('sync-scope-save').click();
    await expect(dialog).toBeHidden();
    await expect(hq.partner('NJ01').getByTestId('sync-partner-scope')).toHaveText('指定门店的客户：NJ01 南京店、SH01 上海店');
    const stored = (await api('sync.status', {})).partners.find((p) => p.code === 'NJ01');
    expect(stored?.scope).toEqual({ customers: 'stores', stores: ['NJ01', 'SH01'] });
  });

  await test.step('a partner’s last error is shown in words with its time', async () => {
    // SH01's folder is set, then the disk goes away: 立即同步 fails and the list says why.
    const folder = mkdtempSync(join(tempDir, 'sh01-'));
    await hq.setFolder('SH01', folder);
    rmSync(folder, { recursive: true });
    await hq.partner('SH01').getByTestId('sync-partner-now').click();
    await expect(hq.screen.getByTestId('sync-partners-error')).toContainText('无法访问');
    const error = hq.partner('SH01').getByTestId('sync-partner-last-error');
    await expect(error).toHaveAttribute('data-code', 'SYNC_FOLDER');
    await expect(error).toHaveText(
      new RegExp(
        `^上次出错（\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}）：同步文件夹 ${escape(folder)} 无法访问。如果它在网络位置或移动硬盘上，请先连接后再试。$`,
      ),
    );
    await expect(hq.partner('NJ01').getByTestId('sync-partner-last-error')).toHaveCount(0);
  });

  await test.step('the same in English', async () => {
    await frame.switchLanguage('en');
    await expect(hq.partner('NJ01').getByTestId('sync-partner-scope')).toHaveText('Customers of: NJ01 南京店, SH01 上海店');
    await expect(hq.partner('SH01').getByTestId('sync-partner-last-error')).toContainText('Last error (');
    await expect(hq.partner('SH01').getByTestId('sync-partner-last-error')).toContainText(
      'cannot be reached. If it is on a network or removable drive',
    );
    await hq.partner('SH01').getByTestId('sync-partner-scope-edit').click();
    await expect(app.getByTestId('sync-scope-dialog')).toContainText('Its own customers (store SH01)');
    await app.getByTestId('sync-scope-cancel').click();
    await app.getByTestId('nav-customers').click();
    await expect(customers.header('storeCode')).toHaveText(/Store/);
    await expect(customers.rows.filter({ hasText: '上海外滩贸易' })).toContainText('SH01 上海店');
  });
});

test('at a store the card’s 门店 starts as 本店 and cannot be cleared', async ({ app, api, customers, card, tempDir }) => {
  test.setTimeout(120_000);
  // HQ is a workspace file of its own, made by the CLI as HQ's scripts would.
  const hqFile = join(tempDir, 'hq.kecard');
  const invitation = join(tempDir, 'nj01.kcinvite');
  kecard('init', '-w', hqFile);
  kecard('site', 'create-network', '--code', 'HQ', '--name', '总部', '-w', hqFile);
  kecard('site', 'invite', '--code', 'NJ01', '--name', '南京店', '--out', invitation, '-w', hqFile);
  const store = new SyncCenter(app);
  await store.open();
  await store.join(invitation);

  await app.getByTestId('nav-customers').click();
  await customers.newCustomer();
  await card.expectNew();
  await expect(card.field('storeCode').locator('option')).toHaveText(['（本店）', 'NJ01 南京店', 'HQ 总部']);
  await card.fill({ name: '鼓楼茶社' });
  await card.save();
  await expect
    .poll(async () => (await api('customers.list', { offset: 0, limit: 10 })).rows.find((c) => c.name === '鼓楼茶社')?.storeCode)
    .toBe('NJ01');
  // Saved: the store's own code, and no empty choice any more (a store may not clear it).
  await expect(card.field('storeCode')).toHaveValue('NJ01');
  await expect(card.field('storeCode').locator('option')).toHaveText(['NJ01 南京店', 'HQ 总部']);
});

function kecard(...args: string[]): void {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'kecard.mjs'), ...args], { encoding: 'utf8' });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
