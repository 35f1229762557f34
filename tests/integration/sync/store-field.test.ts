import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSettings } from '../../../src-shared/import/import-settings';
import type { QueryNode } from '../../../src-shared/query/query-tree';
import { drillQuery } from '../../../src-main/analysis/drill';
import { salesFacts } from '../../../src-main/analysis/facts/facts-cache';
import { timeSeries } from '../../../src-main/analysis/sales-reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { runImport } from '../../../src-main/import/run-import';
import { listCustomers, SORT_INDEX, SORT_SQL } from '../../../src-main/services/customers/customer-queries';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { exportWorkspaceWorkbook } from '../../../src-main/services/export/export-workspace';
import { getLayout } from '../../../src-main/services/layouts/layout-service';
import { groupedTotals } from '../../../src-main/services/lists/grouped-totals';
import { queryFieldCatalogue } from '../../../src-main/services/query/query-catalogue';
import { runCustomerQuery } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { enrolledNetwork, type Network } from '../../support/sync-sites';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// The 门店 field (customers.store_code) at HQ: list sort through its index, grouping, queries,
// the time series by store and its drill, import under its Chinese headers, the workbook column,
// and the card layout — on real workspace files of an enrolled network (HQ, NJ01, SH01).

let dir: string;
let cleanup: () => void;
let net: Network;
let hq: Workspace;
const ids: Record<string, string> = {};

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  net = enrolledNetwork(dir, ['NJ01', 'SH01']);
  hq = net.hq;
  const made: [string, string | null, number][] = [
    ['南京甲', 'NJ01', 30_000],
    ['南京乙', 'NJ01', 20_000],
    ['上海甲', 'SH01', 50_000],
    ['总部客户', 'HQ', 7_000],
    ['无门店', null, 1_000],
  ];
  for (const [name, storeCode, fen] of made) {
    const c = createCustomer(hq, testUser, { name, storeCode });
    ids[name] = c.id;
    createOrder(hq, testUser, {
      customerId: c.id,
      orderDate: '2026-10-15',
      lines: [{ productName: '服务', quantityMilli: 1000, unitPriceFen: fen }],
    });
  }
});
afterAll(() => {
  hq.close();
  for (const s of net.stores) s.close();
  cleanup();
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const query = (node: QueryNode) =>
  names(
    runCustomerQuery(
      hq,
      { entity: 'customer', where: { kind: 'group', op: 'and', children: [node] } },
      { offset: 0, limit: 50, sort: { field: 'name', dir: 'asc' } },
    ).rows,
  ).sort();
const cond = (operator: string, extra: Record<string, unknown> = {}) => ({ kind: 'condition', field: 'storeCode', operator, ...extra }) as QueryNode;

describe('the 门店 field', () => {
  it('sorts the list by 门店 through its index, both ways', () => {
    const asc = listCustomers(hq, { offset: 0, limit: 50, sort: { field: 'storeCode', dir: 'asc' } }).rows.map((c) => c.storeCode);
    expect(asc).toEqual([null, 'HQ', 'NJ01', 'NJ01', 'SH01']);
    const desc = listCustomers(hq, { offset: 0, limit: 50, sort: { field: 'storeCode', dir: 'desc' } }).rows.map((c) => c.storeCode);
    expect(desc).toEqual(['SH01', 'NJ01', 'NJ01', 'HQ', null]);
    const plan = hq.db
      .prepare(`EXPLAIN QUERY PLAN SELECT c.seq FROM customers c WHERE c.deleted = 0 ORDER BY ${SORT_SQL.storeCode} ASC, c.seq ASC LIMIT 10`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain(SORT_INDEX.storeCode);
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  });

  it('groups the customers and their sales by 门店', () => {
    const rows = groupedTotals(hq, { entity: 'customer' }, ['storeCode'], [{ field: 'orderTotalFen', fn: 'sum' }]);
    const byKey = Object.fromEntries(rows.filter((r) => r.level === 1).map((r) => [String(r.key[0]), [r.count, r.values['sum:orderTotalFen']]]));
    expect(byKey).toEqual({ null: [1, 1_000], HQ: [1, 7_000], NJ01: [2, 50_000], SH01: [1, 50_000] });
  });

  it('is a query field with the network’s sites as options: equals, one of, empty', () => {
    const field = queryFieldCatalogue(hq, 'customer').find((f) => f.key === 'storeCode');
    expect(field).toMatchObject({
      type: 'enum',
      options: ['HQ', 'NJ01', 'SH01'],
      optionLabels: { HQ: 'HQ 总部', NJ01: 'NJ01 门店1', SH01: 'SH01 门店2' },
    });
    expect(query(cond('eq', { value: 'NJ01' }))).toEqual(['南京乙', '南京甲'].sort());
    expect(query(cond('in', { values: ['SH01', 'HQ'] }))).toEqual(['上海甲', '总部客户'].sort());
    expect(query(cond('neq', { value: 'NJ01' }))).toEqual(['上海甲', '总部客户', '无门店'].sort());
    expect(query(cond('empty'))).toEqual(['无门店']);
    expect(query(cond('notEmpty'))).toHaveLength(4);
  });

  it('is not offered to a workspace on its own', () => {
    const alone = tempWorkspace();
    try {
      expect(queryFieldCatalogue(alone.ws, 'customer').some((f) => f.key === 'storeCode')).toBe(false);
      expect(getLayout(alone.ws, 'customer').layout.tabs[0]?.sections[0]?.fields).toContain('storeCode');
    } finally {
      alone.cleanup();
    }
  });

  it('splits HQ’s monthly sales by store, and a store’s bar drills to its buyers', () => {
    const series = timeSeries(hq, '2026-10', '2026-10', 'store');
    const byStore = Object.fromEntries(series.rows.map((r) => [String(r.k), [r.revenue, r.orders, r.active]]));
    expect(byStore).toEqual({ null: [1_000, 1, 1], HQ: [7_000, 1, 1], NJ01: [50_000, 2, 2], SH01: [50_000, 1, 1] });
    expect(salesFacts(hq).stores.values).toEqual(expect.arrayContaining(['NJ01', 'SH01', 'HQ']));
    const drill = drillQuery(hq, { of: 'month', month: '2026-10', measure: 'active', by: 'store', key: 'NJ01' });
    expect(names(runCustomerQuery(hq, drill.definition, { offset: 0, limit: 50 }).rows).sort()).toEqual(['南京乙', '南京甲'].sort());
    const none = drillQuery(hq, { of: 'month', month: '2026-10', measure: 'active', by: 'store', key: null });
    expect(names(runCustomerQuery(hq, none.definition, { offset: 0, limit: 50 }).rows)).toEqual(['无门店']);
  });

  it('follows an edit of a customer’s 门店 in the report (facts kept current from the log)', async () => {
    const { updateCustomer } = await import('../../../src-main/services/customers/customer-service');
    updateCustomer(hq, testUser, ids['无门店'] as string, { storeCode: 'SH01' });
    const series = timeSeries(hq, '2026-10', '2026-10', 'store');
    expect(series.rows.find((r) => r.k === 'SH01')?.revenue).toBe(51_000);
    expect(series.rows.some((r) => r.k === null)).toBe(false);
    updateCustomer(hq, testUser, ids['无门店'] as string, { storeCode: null });
  });

  it('imports 门店 / 门店代码 / 所属门店 columns by code, name or both; an unknown 门店 is a row problem', async () => {
    for (const header of ['门店', '门店代码', '所属门店']) {
      const file = join(dir, `import-${header}.csv`);
      writeFileSync(
        file,
        [`客户名称,${header}`, `导入${header}一,nj01`, `导入${header}二,门店2`, `导入${header}三,SH01 门店2`, `导入${header}四,北京店`].join('\n'),
      );
      const settings = importSettings.parse({ target: 'customers' });
      const check = await runImport(hq, testUser, file, settings, { dryRun: true });
      expect(check.problems).toEqual([expect.objectContaining({ row: 5, field: 'storeCode', code: 'invalid' })]);
      expect(check.preview.map((p) => p.storeCode)).toEqual(['NJ01', 'SH01', 'SH01']);
    }
  });

  it('writes the 门店 column into the workbook export', async () => {
    const file = join(dir, 'export.xlsx');
    await exportWorkspaceWorkbook(hq, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('客户');
    const header = (sheet?.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('门店');
    expect(col).toBeGreaterThan(0);
    const nameCol = header.indexOf('客户名称');
    const byName: Record<string, unknown> = {};
    sheet?.eachRow((row, n) => {
      if (n > 1) byName[row.getCell(nameCol).text] = row.getCell(col).value;
    });
    expect(byName).toMatchObject({ 南京甲: 'NJ01', 上海甲: 'SH01', 总部客户: 'HQ' });
    expect(byName['无门店'] ?? null).toBeNull();
  });

  it('is placed on a card layout saved before the field existed, after 负责人', async () => {
    const { saveLayout } = await import('../../../src-main/services/layouts/layout-service');
    const layout = getLayout(hq, 'customer').layout;
    const identity = layout.tabs[0]?.sections[0];
    if (!identity) throw new Error('no identity section');
    identity.fields = identity.fields.filter((f) => f !== 'storeCode');
    saveLayout(hq, testUser, 'customer', layout);
    const again = getLayout(hq, 'customer').layout.tabs[0]?.sections[0]?.fields ?? [];
    expect(again.slice(again.indexOf('ownerId'))).toEqual(['ownerId', 'storeCode']);
  });
});
