import { AnalysisPage } from '../pages/analysis-page';
import { SyncCenter } from '../pages/sync-center';
import { expect, test, type Api } from '../support/fixtures';

// Issue 18: HQ reads every report for one 门店. The select sits in the report frame, only at HQ;
// choosing a store reruns the report over its customers, the drill lists exactly them, and the
// choice stays while HQ moves to another report.

const pad = (n: number) => String(n).padStart(2, '0');
function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function customerWithOrder(api: Api, name: string, storeCode: string | null, yuan: number, ago: number): Promise<void> {
  const c = await api('customers.create', { values: { name, ...(storeCode ? { storeCode } : {}) } });
  await api('orders.create', {
    customerId: c.id,
    orderDate: daysAgo(ago),
    status: 'confirmed',
    lines: [{ productName: '茶叶', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
  });
}

test('HQ switches a report to one 门店: the figure and its drill follow, 全部门店 brings all back', async ({ app, api, frame }) => {
  test.setTimeout(120_000);
  await customerWithOrder(api, '独立经营茶行', null, 1_000, 30);
  const analysis = new AnalysisPage(app);

  await test.step('on its own a workspace offers no 门店 filter', async () => {
    await analysis.open();
    const pareto = await analysis.openReport('pareto');
    await expect(pareto.getByTestId('pareto-customers')).toHaveAttribute('data-customers', '1');
    await expect(pareto.getByTestId('report-store')).toHaveCount(0);
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
  });
  await customerWithOrder(api, '南京紫金茶业', 'NJ01', 80_000, 30);
  await customerWithOrder(api, '鼓楼茶社', 'NJ01', 20_000, 30);
  await customerWithOrder(api, '秦淮老茶馆', 'NJ01', 5_000, 400);
  await customerWithOrder(api, '上海外滩贸易', 'SH01', 50_000, 30);
  await customerWithOrder(api, '静安茶庄', 'SH01', 10_000, 400);

  await analysis.open();
  const pareto = await analysis.openReport('pareto');
  const select = pareto.getByTestId('report-store');
  const buying = pareto.getByTestId('pareto-customers');

  await test.step('the Pareto report for 南京店 counts its buyers only, and drills to them', async () => {
    await expect(buying).toHaveAttribute('data-customers', '4');
    await expect(select.locator('option')).toHaveText(['全部门店', 'HQ 总部', 'NJ01 南京店', 'SH01 上海店']);
    await expect(select).toHaveValue('');
    await select.selectOption('NJ01');
    await expect(buying).toHaveAttribute('data-customers', '2');
    await expect(pareto).toHaveAttribute('data-status', 'done');
    await pareto.getByTestId('pareto-drill-top').click();
    await expect(analysis.drillPanel().getByTestId('drill-store')).toHaveText('门店：NJ01 南京店');
    expect(await analysis.drillNames(1)).toEqual([expect.stringContaining('南京紫金茶业')]);
    await app.getByTestId('drill-back').click();
  });

  await test.step('the choice stays for the next report: dormant customers of one store, then of all', async () => {
    const dormant = await analysis.openReport('dormant');
    const count = dormant.getByTestId('dormant-count');
    await expect(dormant.getByTestId('report-store')).toHaveValue('NJ01');
    await expect(count).toHaveAttribute('data-count', '1');
    await dormant.getByTestId('dormant-drill').click();
    expect(await analysis.drillNames(1)).toEqual([expect.stringContaining('秦淮老茶馆')]);
    await app.getByTestId('drill-back').click();
    await dormant.getByTestId('report-store').selectOption('SH01');
    await expect(count).toHaveAttribute('data-count', '1');
    await dormant.getByTestId('dormant-drill').click();
    expect(await analysis.drillNames(1)).toEqual([expect.stringContaining('静安茶庄')]);
    await app.getByTestId('drill-back').click();
    await dormant.getByTestId('report-store').selectOption('');
    await expect(count).toHaveAttribute('data-count', '2');
    await dormant.getByTestId('dormant-drill').click();
    await expect(analysis.drillPanel().getByTestId('drill-store')).toHaveCount(0);
    expect(await analysis.drillNames(2)).toEqual(
      expect.arrayContaining([expect.stringContaining('秦淮老茶馆'), expect.stringContaining('静安茶庄')]),
    );
    await app.getByTestId('drill-back').click();
  });

  await test.step('the same in English', async () => {
    await frame.switchLanguage('en');
    const dormant = app.getByTestId('report-dormant');
    await expect(dormant.locator('label', { has: app.getByTestId('report-store') })).toContainText('Store');
    await expect(dormant.getByTestId('report-store').locator('option').first()).toHaveText('All stores');
  });
});
