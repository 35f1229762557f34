import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { AnalysisPage } from '../pages/analysis-page';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test, type Api } from '../support/fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
/** A local calendar day `days` from today, as YYYY-MM-DD. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function order(api: Api, customerId: string, yuan: number, daysAgo: number): Promise<void> {
  await api('orders.create', {
    customerId,
    orderDate: day(-daysAgo),
    status: 'confirmed',
    lines: [{ productName: '设备', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
  });
}

/** The vertical centres of an exported SVG's texts that match, in px (ECharts writes `translate(x y)` plus an offset `y`). */
function textCentres(svg: string, match: (text: string) => boolean): number[] {
  const centres: number[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    if (!match(m[2] ?? '')) continue;
    const attrs = m[1] ?? '';
    const at = /transform="translate\(([-\d.e]+) ([-\d.e]+)\)"/.exec(attrs);
    const dy = /\sy="([-\d.e]+)"/.exec(attrs);
    if (at) centres.push(Number(at[2]) + Number(dy?.[1] ?? 0));
  }
  return centres;
}

/** Revenue in the last year, yuan; 1,000,000 in all. */
const SEED: [string, number][] = [
  ['华南贸易有限公司', 500_000],
  ['东方电子科技', 300_000],
  ['中原物流集团', 100_000],
  ['西部建材', 50_000],
  ['北方机械', 20_000],
  ['南海食品', 15_000],
  ['江南纺织', 8_000],
  ['山东农机', 4_000],
  ['闽南茶业', 2_000],
  ['川渝餐饮', 1_000],
];

test('ABCD by contribution share: preview, apply, Pareto, pyramid, drill, second period, transitions, PNG export', async ({ app, api }) => {
  const ids = new Map<string, string>();
  for (const [name, yuan] of SEED) {
    const c = await api('customers.create', { values: { name } });
    ids.set(name, c.id);
    await order(api, c.id, yuan, 30);
  }
  // A customer without orders lands in the last class.
  await api('customers.create', { values: { name: '潜在客户甲' } });

  const analysis = new AnalysisPage(app);
  await analysis.open();
  await analysis.openClassification();
  await analysis.newScheme('ABCD 贡献度');
  await analysis.setCut('A', 70);
  await analysis.setCut('B', 90);
  await analysis.setCut('C', 97);

  // Sorted by revenue, a customer joins the first class whose cut its running share has not reached:
  // A 华南 (0%) 东方 (50%); B 中原 (80%); C 西部 (90%) 北方 (95%); D the other five and the one without orders.
  const expected = { A: [2, '80.0%'], B: [1, '10.0%'], C: [2, '7.0%'], D: [6, '3.0%'] } as const;
  for (const [key, [n, share]] of Object.entries(expected)) {
    await expect(analysis.previewRow(key)).toHaveAttribute('data-customers', String(n));
    await expect(analysis.previewRow(key).getByTestId('class-revenue-share')).toHaveText(share);
  }
  await analysis.save();
  await analysis.apply('2026-10');
  await expect(app.locator('[data-testid=scheme-apply-result-row][data-key=A]')).toHaveAttribute('data-customers', '2');

  // Lifecycle stages by the default rules: one order 30 days ago is new; no order, a prospect.
  await app.getByTestId('lifecycle-apply').click();
  await expect(app.locator('[data-testid=lifecycle-count][data-stage=new]')).toHaveAttribute('data-count', '10');
  await expect(app.locator('[data-testid=lifecycle-count][data-stage=prospect]')).toHaveAttribute('data-count', '1');

  // 80/20: ten buying customers, the top two bring 800,000 of 1,000,000.
  const pareto = await analysis.openReport('pareto');
  await expect(pareto.getByTestId('pareto-customers')).toHaveAttribute('data-customers', '10');
  await expect(pareto.getByTestId('pareto-top20')).toHaveAttribute('data-share', '0.8');
  await expect(pareto.getByTestId('pareto-top20')).toContainText('80.0%');
  await expect(pareto.getByTestId('report-chart').locator('canvas')).toBeVisible();
  // Its drill lists the top 20% by their sales, largest first, with the sales beside them (by name,
  // 东方 would come before 华南); the column's header turns the order round.
  await pareto.getByTestId('pareto-drill-top').click();
  const top = await analysis.drillNames(2);
  expect(top[0]).toContain('华南贸易有限公司');
  expect(top[1]).toContain('东方电子科技');
  const figureHeader = analysis.drillPanel().getByTestId('result-header-figure');
  await expect(figureHeader).toHaveText(/期间销售额/);
  await expect(figureHeader).toHaveAttribute('data-sort', 'desc');
  await expect(analysis.drillPanel().getByTestId('drill-figure')).toHaveText(['¥500,000.00', '¥300,000.00']);
  await figureHeader.click();
  await expect(figureHeader).toHaveAttribute('data-sort', 'asc');
  await expect(analysis.drillPanel().getByTestId('drill-figure')).toHaveText(['¥300,000.00', '¥500,000.00']);
  await expect(analysis.drillPanel().getByTestId('result-row').first()).toHaveAttribute('data-name', '东方电子科技');
  await app.getByTestId('drill-back').click();

  // The pyramid of the applied period, and its class A drilled down to the customers.
  const pyramid = await analysis.openReport('pyramid');
  await expect(pyramid.getByTestId('report-chart').locator('canvas')).toBeVisible();
  await expect(pyramid.locator('[data-testid=pyramid-row][data-key=A]')).toHaveAttribute('data-customers', '2');
  await expect(pyramid.locator('[data-testid=pyramid-row][data-key=D]')).toHaveAttribute('data-customers', '6');
  await pyramid.locator('[data-testid=pyramid-row][data-key=A]').getByTestId('pyramid-drill').click();
  const names = await analysis.drillNames(2);
  expect(names.some((n) => n.includes('华南贸易有限公司'))).toBe(true);
  expect(names.some((n) => n.includes('东方电子科技'))).toBe(true);
  await analysis.saveDrillAsFolder('A 类客户 2026-10');
  const folders = await api('favourites.folders', { entity: 'customer' });
  expect(folders.find((f) => f.name === 'A 类客户 2026-10')?.itemCount).toBe(2);
  await app.getByTestId('drill-back').click();

  // A big order moves 西部建材 from C to A; the others shift down the cumulative share.
  await order(api, ids.get('西部建材') ?? '', 700_000, 1);
  await analysis.openClassification();
  await analysis.openScheme('ABCD 贡献度');
  await analysis.apply('2026-11');

  const transitions = await analysis.openReport('transitions');
  await expect(transitions.getByTestId('transitions-from')).toHaveValue('2026-10');
  await expect(transitions.getByTestId('transitions-to')).toHaveValue('2026-11');
  await expect(transitions.getByTestId('transitions-up')).toHaveAttribute('data-count', '1');
  await expect(transitions.getByTestId('transitions-down')).toHaveAttribute('data-count', '3');
  await expect(transitions.getByTestId('transitions-same')).toHaveAttribute('data-count', '7');
  await expect(transitions.getByTestId('report-chart').locator('canvas')).toBeVisible();
  // The Sankey names both periods' classes, the second period's (right-hand) labels inside the chart.
  const sankey = readFileSync(await (await analysis.exportSvg()).path(), 'utf8');
  const svgWidth = Number(/<svg[^>]*width="([\d.]+)"/.exec(sankey)?.[1]);
  expect(svgWidth).toBeGreaterThan(0);
  for (const label of ['2026-10 A', '2026-10 C', '2026-11 A', '2026-11 B', '2026-11 D']) {
    const text = new RegExp(`<text[^>]*transform="(?:translate\\(|matrix\\(1,0,0,1,)([\\d.]+)[ ,][^>]*>${label}</text>`).exec(sankey);
    expect(text, label).not.toBeNull();
    const x = Number(text?.[1]);
    expect(x, label).toBeLessThan(svgWidth);
    expect(x, label).toBeGreaterThan(0);
    if (label.startsWith('2026-11')) expect(text?.[0], label).toContain('text-anchor="end"');
  }
  const cToA = transitions.locator('[data-testid=transition-cell][data-from=C][data-to=A]');
  await expect(cToA).toHaveAttribute('data-count', '1');
  await cToA.click();
  const moved = await analysis.drillNames(1);
  expect(moved[0]).toContain('西部建材');
  await app.getByTestId('drill-back').click();
  // The totals drill as well: the three who moved down.
  await transitions.getByTestId('transitions-down-drill').click();
  expect(await analysis.drillNames(3)).toHaveLength(3);
  await app.getByTestId('drill-back').click();

  // The chart as a PNG file.
  const download = await analysis.exportPng();
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(2000);

  // "Customers that were A in 2026-10 and are B in 2026-11": the class of a period's snapshot as
  // a query condition (the field value names the scheme and the period).
  const scheme = (await api('classification.schemes', {})).find((x) => x.name === 'ABCD 贡献度');
  const qb = new QueryBuilderPage(app);
  await qb.open();
  await qb.addCondition('');
  await qb.setCondition('0', { field: `snapshot:${scheme?.id ?? ''}:2026-10`, operator: 'in' });
  await qb.condition('0').locator('[data-testid=qb-option][data-value=A]').click();
  await qb.addCondition('');
  await qb.setCondition('1', { field: `snapshot:${scheme?.id ?? ''}:2026-11`, operator: 'in' });
  await qb.condition('1').locator('[data-testid=qb-option][data-value=B]').click();
  await expect(qb.liveCount()).toHaveAttribute('data-count', '1');
  await qb.run();
  await expect(qb.resultTotal()).toHaveAttribute('data-count', '1');
  await expect(qb.resultRows().first()).toHaveAttribute('data-name', '东方电子科技');
});

test('an RFM cell and a month of the time series drill to a customer query with the cell’s count', async ({ app, api }) => {
  // Days ago of each customer's orders: different recency and frequency, so the R×F cells differ.
  const plan: [string, number[]][] = [
    ['华南贸易有限公司', [3, 20, 45, 80]],
    ['东方电子科技', [3, 50]],
    ['中原物流集团', [100, 110, 120]],
    ['西部建材', [200]],
    ['北方机械', [10]],
    ['南海食品', [250, 260]],
    ['江南纺织', [40, 41, 42, 43, 44]],
  ];
  for (const [name, days] of plan) {
    const c = await api('customers.create', { values: { name, customerClass: name.length > 4 ? 'A' : 'B' } });
    for (const d of days) await order(api, c.id, 1_000 * (d + 1), d);
  }
  const analysis = new AnalysisPage(app);
  const qb = new QueryBuilderPage(app);
  await analysis.open();

  // An R×F cell: its customers in the drill list, then as a query in 查询 that can be saved.
  const rfm = await analysis.openReport('rfm');
  await expect(rfm.getByTestId('rfm-analysed')).toHaveAttribute('data-count', String(plan.length));
  const cell = rfm.getByTestId('rfm-cell').first();
  const cellCount = Number(await cell.getAttribute('data-count'));
  expect(cellCount).toBeGreaterThan(0);
  await cell.click();
  await analysis.drillNames(cellCount);
  await app.getByTestId('drill-open-query').click();
  await expect(app.getByTestId('queries-screen')).toBeVisible();
  await expect(qb.resultTotal()).toHaveAttribute('data-count', String(cellCount));
  await expect(app.locator('[data-testid=qb-related][data-relation=orders]').first()).toBeVisible();
  await qb.save('RFM 单元格', { shared: false, pinned: false });
  expect((await api('queries.saved', {})).some((q) => q.name === 'RFM 单元格')).toBe(true);

  // Every cell of the heat map lists as many customers as it shows.
  await analysis.open();
  await analysis.openReport('rfm');
  const counts = await Promise.all((await rfm.getByTestId('rfm-cell').all()).map(async (c) => Number(await c.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(plan.length);

  // A month of the time series: its active customers, whole and split by class.
  const series = await analysis.openReport('timeSeries');
  const month = series.getByTestId('timeseries-drill-active').first();
  const active = Number(await month.getAttribute('data-count'));
  expect(active).toBeGreaterThan(0);
  await month.click();
  await analysis.drillNames(active);
  await app.getByTestId('drill-back').click();
  await series.getByTestId('timeseries-by').selectOption('class');
  await expect(series.getByTestId('timeseries-by-table')).toBeVisible();
  await expect(series).toHaveAttribute('data-status', 'done');
  const byClass = series.getByTestId('timeseries-key-cell').first();
  const n = Number(await byClass.getAttribute('data-count'));
  await byClass.click();
  const names = await analysis.drillNames(n);
  const key = await byClass.getAttribute('data-key');
  for (const name of names) expect(plan.some(([p]) => name.includes(p) && (p.length > 4 ? 'A' : 'B') === key)).toBe(true);
  await app.getByTestId('drill-open-query').click();
  await expect(qb.resultTotal()).toHaveAttribute('data-count', String(n));

  // The lifetime value is averaged over everyone who bought in the window: its drill lists them.
  await analysis.open();
  const clv = await analysis.openReport('clv');
  await expect(clv.getByTestId('clv-value')).toBeVisible();
  await clv.getByTestId('clv-drill').click();
  await analysis.drillNames(plan.length);
});

test('a bar of the complaint summary drills to the customers with such complaints', async ({ app, api }) => {
  const type = await api<{ id: string }>('businessTypes.createFromTemplate', { template: 'complaint' });
  const fields = await api<{ columnName: string; label: string }[]>('fields.list', { entity: 'record', businessTypeId: type.id });
  const severity = fields.find((f) => f.label === '严重程度')?.columnName ?? '';
  const complain = async (customerId: string, title: string) =>
    api<{ id: string }>('records.create', { typeId: type.id, customerId, title, custom: { [severity]: '一般' } });
  const [a, b] = [
    await api<{ id: string }>('customers.create', { values: { name: '华南贸易有限公司' } }),
    await api<{ id: string }>('customers.create', { values: { name: '东方电子科技' } }),
  ];
  await complain(a.id, '送货晚了');
  await complain(a.id, '包装破损');
  const handled = await complain(b.id, '发票开错');
  await api('records.update', { id: handled.id, patch: { status: 'handling' } });

  const analysis = new AnalysisPage(app);
  await analysis.open();
  const report = await analysis.openReport('business');
  await expect(report.getByTestId('report-chart').locator('canvas')).toBeVisible();
  const open = report.locator('[data-testid=business-status-drill][data-status=open]');
  await expect(open).toHaveAttribute('data-count', '2');
  await open.click();
  expect((await analysis.drillNames(1))[0]).toContain('华南贸易有限公司');
  await app.getByTestId('drill-back').click();
  await report.locator('[data-testid=business-status-drill][data-status=handling]').click();
  expect((await analysis.drillNames(1))[0]).toContain('东方电子科技');
});

test('imported history: the reports and classification default to the last order date, and classification has its own date', async ({ app, api }) => {
  // Sales that ended long ago (an imported ledger): "as of today" would show no customers with sales.
  const history: [string, string, number][] = [
    ['华南贸易有限公司', '2023-11-20', 50_000],
    ['东方电子科技', '2023-12-01', 30_000],
    ['中原物流集团', '2023-12-09', 20_000],
  ];
  for (const [name, date, yuan] of history) {
    const c = await api('customers.create', { values: { name } });
    await api('orders.create', {
      customerId: c.id,
      orderDate: date,
      status: 'confirmed',
      lines: [{ productName: '设备', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
    });
  }
  const analysis = new AnalysisPage(app);
  await analysis.open();
  await analysis.openClassification();
  await expect(app.getByTestId('classification-asof')).toHaveValue('2023-12-09');
  await expect(app.getByTestId('classification-params').getByTestId('asof-last-sale')).toBeVisible();

  const pareto = await analysis.openReport('pareto');
  await expect(pareto.getByTestId('report-asof')).toHaveValue('2023-12-09');
  await expect(pareto.getByTestId('pareto-customers')).toHaveAttribute('data-customers', '3');

  // The reports' date is the reports' own: classification keeps its date.
  await pareto.getByTestId('report-asof').fill('2023-06-01');
  await pareto.getByTestId('report-run').click();
  await expect(pareto).toHaveAttribute('data-status', 'done');
  await expect(pareto.getByTestId('pareto-customers')).toHaveAttribute('data-customers', '0');
  await analysis.openClassification();
  await expect(app.getByTestId('classification-asof')).toHaveValue('2023-12-09');
});

test('charts say what their marks are, and large sums read in 亿', async ({ app, api }) => {
  // A wholesaler's year: ¥2,638,044,594.17 over ten customers, one of them bringing most of it.
  const amounts = [1_900_000_000, 400_000_000, 200_000_000, 80_000_000, 30_000_000, 20_000_000, 5_000_000, 2_000_000, 1_000_000, 44_594.17];
  for (const [i, yuan] of amounts.entries()) {
    const c = await api('customers.create', { values: { name: `批发客户${i + 1}` } });
    await api('orders.create', {
      customerId: c.id,
      orderDate: day(-30 - i),
      status: 'confirmed',
      lines: [{ productName: '钢材', quantityMilli: 1000, unitPriceFen: Math.round(yuan * 100) }],
    });
  }
  const analysis = new AnalysisPage(app);
  await analysis.open();
  const pareto = await analysis.openReport('pareto');
  await expect(pareto.getByTestId('pareto-customers')).toContainText('¥26.38亿');
  await expect(pareto.getByTestId('pareto-top20')).toContainText('87.2%');
  // The vertical line marks the top 20 % of customers, the horizontal one the revenue they bring.
  const paretoSvg = readFileSync(await (await analysis.exportSvg()).path(), 'utf8');
  expect(paretoSvg).toContain('前 20% 客户');
  expect(paretoSvg).toContain('其销售额占 87.2%');
  expect(paretoSvg).not.toContain('20% → ');

  const rfm = await analysis.openReport('rfm');
  await expect(rfm.getByTestId('report-chart').locator('canvas').first()).toBeVisible();
  const rfmSvg = readFileSync(await (await analysis.exportSvg()).path(), 'utf8');
  expect(rfmSvg).toContain('颜色：平均消费金额（M）');
  expect(rfmSvg).toMatch(/¥[\d.]+亿/);
  // The colour bar's title stands clear of the bar's labels (12 px text: centres at least 14 px apart).
  const [titleY] = textCentres(rfmSvg, (x) => x.startsWith('颜色：'));
  const barLabels = textCentres(rfmSvg, (x) => x.startsWith('¥'));
  expect(barLabels.length).toBeGreaterThan(0);
  for (const y of barLabels) expect(Math.abs(y - (titleY ?? y))).toBeGreaterThanOrEqual(14);
  // The report tables read money as the charts do, the exact amount on hover.
  const top = rfm.locator('[data-testid=rfm-segment-revenue]:text-matches("亿")').first();
  await expect(top).toHaveText(/^¥[\d.]+亿$/);
  expect(await top.getAttribute('title')).toMatch(/^¥[\d,]+\.\d\d$/);

  const series = await analysis.openReport('timeSeries');
  const revenues = await series.getByTestId('timeseries-revenue').allTextContents();
  expect(revenues.every((x) => x.startsWith('¥'))).toBe(true);
  expect(revenues.some((x) => /^¥[\d.]+亿$/.test(x))).toBe(true);
  // A period without sales: the count axis steps by whole customers.
  await series.getByTestId('timeseries-from').fill('2020-01');
  await series.getByTestId('timeseries-to').fill('2020-06');
  await series.getByTestId('report-run').click();
  await expect(series.getByTestId('timeseries-row')).toHaveCount(6);
  await expect(series).toHaveAttribute('data-status', 'done');
  const emptySvg = readFileSync(await (await analysis.exportSvg()).path(), 'utf8');
  expect(textCentres(emptySvg, (x) => x === '1').length).toBeGreaterThan(0);
  expect(textCentres(emptySvg, (x) => /^0\.\d+$/.test(x))).toEqual([]);
});

test('静止户 at 90 days: the chart counts all of them, the table says it shows the first 200, the export lists all', async ({ app, api }) => {
  // 230 customers, quiet for 90 to 550 days; the table lists 200 of them.
  for (let i = 0; i < 230; i += 1) {
    const c = await api('customers.create', { values: { name: `静止客户${String(i).padStart(3, '0')}` } });
    await order(api, c.id, 100 + i, 90 + i * 2);
  }
  const analysis = new AnalysisPage(app);
  await analysis.open();
  const dormant = await analysis.openReport('dormant');
  // As of today (the default would be the last order's day, 90 days ago).
  await dormant.getByTestId('report-asof').fill(day(0));
  await dormant.getByTestId('dormant-days').fill('90');
  await dormant.getByTestId('report-run').click();
  await expect(dormant.getByTestId('dormant-count')).toHaveAttribute('data-count', '230');
  await expect(dormant.getByTestId('dormant-row')).toHaveCount(200);
  await expect(dormant.getByTestId('dormant-shown')).toHaveText('显示前 200 个，共 230 个（导出包含全部）');
  const [download] = await Promise.all([app.waitForEvent('download'), dormant.getByTestId('report-export-xlsx').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const names: string[] = [];
  wb.worksheets[0]?.eachRow((row) => {
    const v = row.getCell(1).value;
    if (typeof v === 'string' && v.startsWith('静止客户')) names.push(v);
  });
  expect(new Set(names).size).toBe(230);
  // The most dormant first; the export ends with what its amount is: 风险金额.
  await expect(dormant.getByTestId('dormant-row').first().locator('td').nth(2)).toHaveText(String(90 + 229 * 2));
  const sheet = wb.worksheets[0];
  const last = sheet?.getRow(sheet.rowCount);
  expect(last?.getCell(1).value).toBe('风险金额（静止前一年的销售额，元）');
  expect(last?.getCell(2).value).toBe(230 * 100 + (229 * 230) / 2);
});
