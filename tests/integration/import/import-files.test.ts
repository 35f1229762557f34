import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { importSettings, type ImportSettingsInput } from '../../../src-shared/import/import-settings';
import { inspectSource } from '../../../src-main/import/inspect-source';
import { runImport } from '../../../src-main/import/run-import';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { KecardError } from '../../../src-shared/errors';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// The fixtures were written by LibreOffice (tests/fixtures/import/make-fixtures.sh).
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const settings = (s: ImportSettingsInput) => importSettings.parse(s);

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const byCode = () => new Map(listCustomers(ws, { offset: 0, limit: 100 }).rows.map((c) => [c.code, c]));

describe.each(['customers-title-merged.xlsx', 'customers-title-merged.xls'])('%s', (file) => {
  it('finds the header below the title and merged cells, and suggests the mapping', async () => {
    const inspection = await inspectSource(join(FIXTURES, file), 'customers', {}, []);
    expect(inspection.headerRow).toBe(3);
    expect(inspection.headers).toEqual(['客户编号', '客户名称', '省份', '客户等级', '手机', '电话', '首次合作日期', '备注']);
    expect(inspection.suggested).toEqual({
      '0': 'code',
      '1': 'name',
      '2': 'province',
      '3': 'customerClass',
      '4': 'phones',
      '5': 'phones',
      '6': null,
      '7': 'notes',
    });
  });

  it('stores the values the sheet meant and asks about unknown options', async () => {
    const path = join(FIXTURES, file);
    const check = await runImport(ws, testUser, path, settings({ target: 'customers', mode: 'validRows' }), { dryRun: true });
    expect(check).toMatchObject({ total: 3, valid: 2, invalid: 1, unknownOptions: { customerClass: ['钻石'] } });
    expect(check.flags).toEqual([{ row: 4, field: 'phones', code: 'phoneLeadingZero', value: '2083338888' }]);
    expect(listCustomers(ws, { offset: 0, limit: 10 }).total).toBe(0); // a check writes nothing

    const report = await runImport(ws, testUser, path, settings({ target: 'customers', optionDecisions: { customerClass: { 钻石: 'A' } } }), {
      dryRun: false,
    });
    expect(report.written).toEqual({ inserted: 3, updated: 0, skipped: 0 });
    const stored = byCode();
    expect(stored.get('KH001')).toMatchObject({
      name: '广州华信电子科技有限公司',
      province: '广东省',
      customerClass: 'A',
      phones: ['13812345678', '020-83338888'],
      notes: '老客户介绍',
    });
    expect(stored.get('KH002')).toMatchObject({ customerClass: 'B', phones: ['13900000000', '0571-87654321'] });
    // Full-width code folded; the name keeps its ideographic space as written; a formula-looking note kept as text.
    expect(stored.get('KH003')).toMatchObject({
      name: '北京\u3000燕京啤酒有限公司',
      customerClass: 'A',
      phones: ['010-62345678'],
      notes: '=HYPERLINK("http://x","y")',
    });
    const history = customerHistory(ws, stored.get('KH001')?.id as string);
    expect(history[0]).toMatchObject({ op: 'create', source: `import:${file}` });
  });
});

describe('GBK csv with duplicates', () => {
  const path = join(FIXTURES, 'customers-gbk-dupes.csv');

  it('detects GBK, matches custom fields by label, and finds duplicates in the file and the workspace', async () => {
    const vip = createField(ws, testUser, { entity: 'customer', label: '是否VIP', type: 'boolean' });
    const revenue = createField(ws, testUser, { entity: 'customer', label: '年收入', type: 'money' });
    const existing = createCustomer(ws, testUser, { name: '上海浦东发展银行股份有限公司', address: null });
    const inspection = await inspectSource(path, 'customers', {}, [vip, revenue]);
    expect(inspection.info).toMatchObject({ format: 'text', encoding: 'gb18030', delimiter: ',' });
    // 联系人 and the 手机 next to it are the contact's (a customer sheet carrying its contacts).
    expect(inspection.suggested).toMatchObject({
      '0': 'name',
      '1': 'contactName',
      '2': 'contactMobile',
      '3': 'address',
      '4': `custom:${vip.columnName}`,
      '5': `custom:${revenue.columnName}`,
    });

    const check = await runImport(ws, testUser, path, settings({ target: 'customers', mode: 'validRows', duplicateKeys: ['name'] }), {
      dryRun: true,
    });
    expect(check.problems).toEqual([{ row: 6, field: 'contactMobile', code: 'phoneLost', value: '1.39E+10' }]);
    expect(check.duplicates.map((d) => [d.row, d.matchRow, d.matchId])).toEqual([
      [3, 2, null],
      [4, null, existing.id],
    ]);

    const report = await runImport(
      ws,
      testUser,
      path,
      settings({ target: 'customers', mode: 'validRows', duplicateKeys: ['name'], duplicateAction: 'skip', rowActions: { '4': 'updateEmpty' } }),
      { dryRun: false },
    );
    expect(report.written).toEqual({ inserted: 2, updated: 1, skipped: 2 });
    const rows = listCustomers(ws, { offset: 0, limit: 10 }).rows;
    expect(rows.map((r) => r.name).sort()).toEqual(['上海浦东发展银行股份有限公司', '成都天府软件园有限公司', '深圳市腾讯计算机系统有限公司'].sort());
    const tencent = rows.find((r) => r.name.startsWith('深圳'));
    expect(tencent?.custom).toEqual({ [vip.columnName]: true, [revenue.columnName]: 120000000 });
    expect(tencent?.address).toBe('深圳市南山区科技园');
    const spdb = rows.find((r) => r.id === existing.id);
    expect(spdb).toMatchObject({ address: '上海市中山东一路12号', phones: [] });
    const contacts = ws.db
      .prepare('SELECT c.name AS customer, ct.name, ct.mobile FROM contacts ct JOIN customers c ON c.id = ct.customer_id ORDER BY ct.mobile')
      .all();
    // The contact of each written row under its customer, the updated one's too; the in-file duplicate adds nobody.
    expect(contacts).toEqual([
      { customer: '成都天府软件园有限公司', name: '李工', mobile: null },
      { customer: '深圳市腾讯计算机系统有限公司', name: '马先生', mobile: '13800138000' },
      { customer: '上海浦东发展银行股份有限公司', name: '张女士', mobile: '13912345678' },
    ]);
    expect(spdb?.custom[revenue.columnName]).toBe(3500000);
  });

  it('imports nothing in all-or-nothing mode when a row is invalid', async () => {
    await expect(runImport(ws, testUser, path, settings({ target: 'customers' }), { dryRun: false })).rejects.toThrow(KecardError);
    expect(listCustomers(ws, { offset: 0, limit: 10 }).total).toBe(0);
    expect((ws.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(0);
  });

  it('rolls back everything when cancelled in the middle of writing', async () => {
    const { dir, cleanup: removeDir } = tempDir();
    const big = join(dir, 'big.csv');
    writeFileSync(
      big,
      ['客户名称,手机', ...Array.from({ length: 3000 }, (_, i) => `批量客户${i}有限公司,138${String(i).padStart(8, '0')}`)].join('\n'),
    );
    let polls = 0;
    let writtenWhenCancelled = 0;
    const phases: string[] = [];
    await expect(
      runImport(ws, testUser, big, settings({ target: 'customers' }), {
        dryRun: false,
        // Polled before each batch of 500 rows: the 4th poll comes after 1,500 rows were written.
        isCancelled: () => {
          if (++polls < 4) return false;
          // The import's own connection sees its uncommitted rows: the cancel comes mid-write.
          writtenWhenCancelled = ws.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
          return true;
        },
        onProgress: (_d, _t, phase) => phases.push(phase),
      }),
    ).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(phases).toContain('writing');
    expect(writtenWhenCancelled).toBe(1500);
    expect(listCustomers(ws, { offset: 0, limit: 10 }).total).toBe(0);
    expect((ws.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(0);
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    removeDir();
  });
});
