import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { applyScheme, previewScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { paretoReport, rfmReport } from '../../../src-main/analysis/sales-reports';
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSettings } from '../../../src-shared/import/import-settings';
import { runImport } from '../../../src-main/import/run-import';
import { ONLINE_RETAIL, readRetailLines, type RetailLine } from '../../support/online-retail';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// The public UCI Online Retail set (../shared/data), imported with Kecard's own importer (a
// customers sheet of its customer ids, then the transactions as order lines), checked against
// figures computed here from the raw rows with code of its own. Stated configuration: the
// importer's rules — rows with a customer id, quantity > 0 (so no "C" cancellation lines), a
// price ≥ 0 rounded to the penny — one order per invoice;
// analysis date 2011-12-09, window 374 days (the whole set); RFM by quintiles; a dimension is
// high when its score is at least the mean score.

const AS_OF = '2011-12-09';
const WINDOW = 374;

let ws: Workspace;
let cleanup: () => void;
let lines: RetailLine[];
let files: { dir: string; cleanup: () => void };

beforeAll(async () => {
  ({ ws, cleanup } = tempWorkspace());
  files = tempDir();
  lines = readRetailLines();
  const customersCsv = join(files.dir, 'customers.csv');
  writeFileSync(customersCsv, ['客户编号,客户名称', ...[...new Set(lines.map((l) => l.customer))].map((c) => `${c},Customer ${c}`)].join('\n'));
  const customers = await runImport(ws, testUser, customersCsv, importSettings.parse({ target: 'customers' }), { dryRun: false });
  expect(customers.written?.inserted).toBe(new Set(lines.map((l) => l.customer)).size);
  const transactions = join(files.dir, 'online-retail.csv');
  writeFileSync(transactions, gunzipSync(readFileSync(ONLINE_RETAIL)));
  const orders = await runImport(ws, testUser, transactions, importSettings.parse({ target: 'orders', mode: 'validRows' }), { dryRun: false });
  expect(orders.mapping).toMatchObject({
    '0': 'orderNo',
    '1': 'productCode',
    '2': 'productName',
    '3': 'quantity',
    '4': 'orderDate',
    '5': 'unitPrice',
    '6': 'customerCode',
  });
  expect(orders.written?.inserted).toBe(new Set(lines.map((l) => l.invoice)).size);
}, 300_000);
afterAll(() => {
  cleanup();
  files.cleanup();
});

/** Per customer: revenue (pence), invoices, last invoice date, from the raw lines. */
function independentFigures() {
  const byCustomer = new Map<string, { revenue: number; invoices: Set<string>; last: string }>();
  for (const l of lines) {
    const c = byCustomer.get(l.customer) ?? { revenue: 0, invoices: new Set<string>(), last: '' };
    c.revenue += l.quantity * l.pricePence;
    c.invoices.add(l.invoice);
    if (l.date > c.last) c.last = l.date;
    byCustomer.set(l.customer, c);
  }
  return byCustomer;
}

describe('online retail reference figures', () => {
  it('matches customer count, revenue and the top-20% share', () => {
    const figures = independentFigures();
    // The curve ranks customers who spent something; one customer only ever got free items.
    const revenues = [...figures.values()]
      .map((f) => f.revenue)
      .filter((r) => r > 0)
      .sort((a, b) => b - a);
    const total = revenues.reduce((a, b) => a + b, 0);
    const top = revenues.slice(0, Math.ceil(revenues.length * 0.2)).reduce((a, b) => a + b, 0);
    const report = paretoReport(ws, AS_OF, WINDOW);
    expect(report.customers).toBe(revenues.length);
    expect(report.allCustomers).toBe(figures.size);
    expect(report.total).toBe(total);
    expect(report.top20Share).toBeCloseTo(top / total, 12);
    expect(report.top20Share).toBeGreaterThan(0.7); // the well-known skew of this set
  });

  it('matches the RFM segment counts computed independently', () => {
    const figures = independentFigures();
    const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
    // RFM scores buyers: revenue > 0 in the window (docs/architecture.md), as Pareto and CLV count them.
    const rows = [...figures.entries()]
      .filter(([, f]) => f.revenue > 0)
      .map(([id, f]) => ({
        id,
        recency: Math.round((asOf - Date.parse(`${f.last}T00:00:00Z`)) / 86_400_000),
        frequency: f.invoices.size,
        monetary: f.revenue,
      }));
    const n = rows.length;
    // Quintile score by counting: the share of customers at or below (or, for recency, at or above) a value.
    const score = (v: number, all: number[], higherIsBetter: boolean) => {
      const count = all.filter((x) => (higherIsBetter ? x <= v : x >= v)).length;
      return Math.min(5, Math.floor((count * 5 - 1) / n) + 1);
    };
    const rs = rows.map((r) => r.recency);
    const fs = rows.map((r) => r.frequency);
    const ms = rows.map((r) => r.monetary);
    const scored = rows.map((r) => ({ r: score(r.recency, rs, false), f: score(r.frequency, fs, true), m: score(r.monetary, ms, true) }));
    const mean = (k: 'r' | 'f' | 'm') => scored.reduce((a, s) => a + s[k], 0) / n;
    const [mr, mf, mm] = [mean('r'), mean('f'), mean('m')];
    const names: Record<string, string> = {
      '111': '重要价值',
      '101': '重要发展',
      '011': '重要保持',
      '001': '重要挽留',
      '110': '一般价值',
      '100': '一般发展',
      '010': '一般保持',
      '000': '一般挽留',
    };
    const expected = new Map<string, number>();
    for (const s of scored) {
      const name = names[`${+(s.r >= mr)}${+(s.f >= mf)}${+(s.m >= mm)}`] as string;
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const report = rfmReport(ws, AS_OF, WINDOW, { kind: 'quantiles', buckets: 5 });
    expect(report.customers).toBe(n);
    expect(Object.fromEntries(report.segments.map((s) => [s.segment, s.customers]))).toEqual(
      Object.fromEntries(report.segments.map((s) => [s.segment, expected.get(s.segment) ?? 0])),
    );
    expect(report.segments.reduce((a, s) => a + s.customers, 0)).toBe(n);
  });

  it('classifies by contribution share: A makes the first 70% of revenue', () => {
    const definition = {
      classes: [
        { key: 'A', label: 'A类' },
        { key: 'B', label: 'B类' },
        { key: 'C', label: 'C类' },
      ],
      windowDays: WINDOW,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.7, 0.9, 1] },
    };
    const preview = previewScheme(ws, definition, AS_OF);
    const revenues = [...independentFigures().values()].map((f) => f.revenue).sort((a, b) => b - a);
    const total = revenues.reduce((a, b) => a + b, 0);
    let before = 0;
    let aCount = 0;
    for (const r of revenues) {
      if (before / total < 0.7) aCount += 1;
      before += r;
    }
    expect(preview.find((p) => p.key === 'A')?.customers).toBe(aCount);
    expect(preview.reduce((a, p) => a + p.customers, 0)).toBe(revenues.length);
    const scheme = saveScheme(ws, testUser, { name: 'ABC 贡献度', definition, setsCustomerClass: true });
    const applied = applyScheme(ws, testUser, scheme.id, '2011', AS_OF);
    expect(applied.map((p) => p.customers)).toEqual(preview.map((p) => p.customers));
    expect(ws.db.prepare("SELECT count(*) FROM customers WHERE class = 'A'").pluck().get()).toBe(aCount);
  });
});
