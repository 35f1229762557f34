import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { composeApp } from '../../../src-main/app/compose-app';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { exportQueryToFile } from '../../../src-main/services/export/export-query';
import { exportWorkspaceWorkbook } from '../../../src-main/services/export/export-workspace';
import { runCustomerQuery } from '../../../src-main/services/query/run-query';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Query results are exported by the 'export' job: a worker writes the file page by page and the
// finished job hands it over by download token.

let ws: Workspace;
let dir: string;
let path: string;
let cleanup: () => void;
beforeEach(() => ({ ws, dir, path, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const classA: QueryDefinition = {
  entity: 'customer',
  where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'customerClass', operator: 'eq', value: 'A' }] },
};
const columns = [
  { key: 'name', header: '客户名称' },
  { key: 'phones', header: '电话', kind: 'list' as const },
  { key: 'createdAt', header: '创建时间', kind: 'datetime' as const },
];

describe('query export', () => {
  it('writes typed xlsx cells (formulas stay text, dates are dates) and neutralises CSV formulas', async () => {
    createCustomer(ws, testUser, { name: '=HYPERLINK("http://evil","点我")', customerClass: 'A', phones: ['+852 2345 6789'] });
    const xlsxPath = join(dir, 'out.xlsx');
    const xlsx = await exportQueryToFile(ws, { definition: classA, format: 'xlsx', columns, fileName: 'A类/客户' }, xlsxPath);
    expect(xlsx).toEqual({ fileName: 'A类_客户.xlsx', rows: 1 });
    // Customers' data: readable by the user only, in xlsx as in csv (issue 15).
    if (process.platform !== 'win32') expect(statSync(xlsxPath).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('A类_客户');
    expect(sheet?.getRow(1).values).toEqual([undefined, '客户名称', '电话', '创建时间']);
    const name = sheet?.getCell('A2');
    expect(name?.type).toBe(ExcelJS.ValueType.String);
    expect(name?.value).toBe('=HYPERLINK("http://evil","点我")');
    // Phones are written as read (formatted); a leading + stays text in xlsx and is neutralised in CSV.
    expect(sheet?.getCell('B2').value).toBe('+852 2345 6789');
    expect(sheet?.getCell('C2').value).toBeInstanceOf(Date);

    const csvPath = join(dir, 'out.csv');
    expect(await exportQueryToFile(ws, { definition: classA, format: 'csv', columns, fileName: 'a' }, csvPath)).toEqual({
      fileName: 'a.csv',
      rows: 1,
    });
    if (process.platform !== 'win32') expect(statSync(csvPath).mode & 0o777).toBe(0o600);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(text).toContain("'+852 2345 6789");
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it("an export over an existing 0644 file leaves it 0600 (open()'s mode applies only on create)", async () => {
    createCustomer(ws, testUser, { name: '隐私客户', customerClass: 'A' });
    const targets = { csv: join(dir, 'old.csv'), xlsx: join(dir, 'old.xlsx'), workbook: join(dir, 'old-workbook.xlsx') };
    for (const target of Object.values(targets)) {
      writeFileSync(target, '上个月的导出'.repeat(10_000), { mode: 0o644 });
      chmodSync(target, 0o644);
    }
    await exportQueryToFile(ws, { definition: classA, format: 'csv', columns, fileName: 'a' }, targets.csv);
    await exportQueryToFile(ws, { definition: classA, format: 'xlsx', columns, fileName: 'a' }, targets.xlsx);
    await exportWorkspaceWorkbook(ws, targets.workbook);
    for (const target of Object.values(targets)) {
      expect(statSync(target).mode & 0o777, target).toBe(0o600);
      expect(readFileSync(target).includes(Buffer.from('上个月的导出')), target).toBe(false);
    }
    expect(readFileSync(targets.csv, 'utf8')).toContain('隐私客户');
  });

  it('writes page by page in the result order, reporting progress, and removes the file on cancel', async () => {
    for (let i = 0; i < 23; i += 1)
      createCustomer(ws, testUser, { name: `导出客户${String(i).padStart(2, '0')}`, customerClass: i % 4 === 0 ? 'B' : 'A' });
    const expected = runCustomerQuery(ws, classA, { offset: 0, limit: 100 }).rows.map((c) => c.name);
    expect(expected).toHaveLength(17);

    const out = join(dir, 'paged.csv');
    const progress: [number, number][] = [];
    const r = await exportQueryToFile(ws, { definition: classA, format: 'csv', columns, fileName: 'p' }, out, {
      pageSize: 5,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(r.rows).toBe(17);
    expect(progress).toEqual([
      [5, 17],
      [10, 17],
      [15, 17],
      [17, 17],
    ]);
    const names = readFileSync(out, 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(names).toEqual(expected);

    const cancelledOut = join(dir, 'cancelled.xlsx');
    let steps = 0;
    await expect(
      exportQueryToFile(ws, { definition: classA, format: 'xlsx', columns, fileName: 'c' }, cancelledOut, {
        pageSize: 5,
        cancelled: () => ++steps > 2,
      }),
    ).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(existsSync(cancelledOut)).toBe(false);
  });

  it('runs as a job in a worker and hands over the written file', async () => {
    createCustomer(ws, testUser, { name: '华南贸易有限公司', customerClass: 'A' });
    createCustomer(ws, testUser, { name: '东方电子科技', customerClass: 'A' });
    ws.close(); // the app opens the file itself; cleanup's close is then a no-op
    const events: KecardEvent[] = [];
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
    app.setEventSink((e) => events.push(e));
    try {
      app.host.open(path);
      const started = await app.dispatch('queries.export', { definition: classA, format: 'xlsx', columns, fileName: 'A类客户' }, app.host.context);
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.value as { jobId: string };
      const finished = await jobFinished(events, jobId);
      expect(finished).toMatchObject({ ok: true, kind: 'export', result: { fileName: 'A类客户.xlsx', rows: 2 } });
      expect(events.some((e) => e.type === 'job.progress' && e.jobId === jobId && e.done === 2 && e.total === 2)).toBe(true);
      const file = app.host.staged.get((finished.result as { downloadToken: string }).downloadToken);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file.path);
      expect(wb.worksheets[0]?.rowCount).toBe(3);
    } finally {
      await app.dispose();
    }
  }, 60_000);
});
