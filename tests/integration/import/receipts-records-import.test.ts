import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { importCommand } from '../../../src-main/cli/data-commands';
import { runImport } from '../../../src-main/import/run-import';
import { createBusinessRecord, listBusinessRecords } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { listFields } from '../../../src-main/services/custom-fields/field-registry';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { createReceipt, customerReceipts } from '../../../src-main/services/sales/receipt-service';
import type { BusinessType } from '../../../src-shared/domain/business';
import { KecardError } from '../../../src-shared/errors';
import { importSettings, type ImportSettingsInput } from '../../../src-shared/import/import-settings';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Receipts from a GBK csv (as 金蝶/用友 export them) and 客户回访 records from an xlsx with a title
// row, both written here with iconv-lite and exceljs; the assertions read what was stored.

const settings = (s: ImportSettingsInput) => importSettings.parse(s);

let ws: Workspace;
let dir: string;
let cleanup: () => void;
let a: { id: string };
let b: { id: string };
beforeEach(() => {
  ({ ws, dir, cleanup } = tempWorkspace());
  a = createCustomer(ws, testUser, { name: '宁波港务贸易有限公司', code: 'C-001' });
  b = createCustomer(ws, testUser, { name: '温州鞋业有限公司', code: 'C-002' });
});
afterEach(() => cleanup());

const count = (table: string) => (ws.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0`).get() as { n: number }).n;
const cancelError = (fn: () => Promise<unknown>) =>
  fn().then(
    () => null,
    (err: unknown) => err,
  );

describe('receipts from a GBK csv', () => {
  let path: string;
  let orderId: string;
  beforeEach(() => {
    orderId = createOrder(ws, testUser, {
      customerId: a.id,
      orderNo: 'SO-1',
      orderDate: '2026-04-20',
      lines: [{ productName: '集装箱租赁', quantityMilli: 1000, unitPriceFen: 500000 }],
    }).id;
    createReceipt(ws, testUser, { customerId: b.id, receiptDate: '2026-04-01', amountFen: 10000 });
    path = join(dir, '收款.csv');
    const text = [
      '收款日期,客户名称,客户编号,订单号,收款金额,收款方式,备注',
      // GBK has no ¥ (U+00A5); Chinese sheets write the full-width ￥.
      '2026/5/3,宁波港务贸易有限公司,,SO-1,"￥1,234.56",银行转账,首付款',
      '2026年5月4日,,C-002,,88.8,现金,',
      '2026-05-05,不存在的公司,,,100,,',
      '2026-05-06,温州鞋业有限公司,,SO-1,50,,',
      '2026/5/3,,,SO-1,1234.56,,',
      '2026-04-01,温州鞋业有限公司,,,100.00,,补录',
    ].join('\r\n');
    writeFileSync(path, iconv.encode(text, 'gbk'));
  });

  it('checks: a wrong customer and an order of another customer are clear problems, duplicates are listed', async () => {
    const report = await runImport(ws, testUser, path, settings({ target: 'receipts' }), { dryRun: true });
    expect(report.mapping).toEqual({
      '0': 'receiptDate',
      '1': 'customer',
      '2': 'customerCode',
      '3': 'orderNo',
      '4': 'amount',
      '5': 'method',
      '6': 'notes',
    });
    expect(report).toMatchObject({ total: 6, valid: 4, invalid: 2 });
    expect(report.problems).toEqual([
      { row: 4, field: 'customer', code: 'notFound', value: '不存在的公司' },
      { row: 5, field: 'orderNo', code: 'orderOtherCustomer', value: 'SO-1' },
    ]);
    expect(report.duplicates.map((d) => [d.row, d.matchRow, d.matchId !== null])).toEqual([
      [6, 2, false],
      [7, null, true],
    ]);
    expect(report.preview[0]).toMatchObject({
      row: 2,
      customer: '宁波港务贸易有限公司',
      orderNo: 'SO-1',
      receiptDate: '2026-05-03',
      amount: '¥1,234.56',
    });
    expect(count('receipts')).toBe(1);
  });

  it('imports the valid rows exactly, linked to customer and order, logged as imported from the file', async () => {
    await expect(runImport(ws, testUser, path, settings({ target: 'receipts' }), { dryRun: false })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { invalid: 2 },
    });
    expect(count('receipts')).toBe(1);

    const report = await runImport(ws, testUser, path, settings({ target: 'receipts', mode: 'validRows', rowActions: { '7': 'create' } }), {
      dryRun: false,
    });
    expect(report.written).toEqual({ inserted: 3, updated: 0, skipped: 3 });
    expect(customerReceipts(ws, a.id).map((r) => [r.receiptDate, r.amountFen, r.orderId, r.method, r.notes])).toEqual([
      ['2026-05-03', 123456, orderId, '银行转账', '首付款'],
    ]);
    expect(customerReceipts(ws, b.id).map((r) => [r.receiptDate, r.amountFen, r.orderId, r.method, r.notes])).toEqual([
      ['2026-05-04', 8880, null, '现金', null],
      ['2026-04-01', 10000, null, null, '补录'],
      ['2026-04-01', 10000, null, null, null],
    ]);
    const logged = customerHistory(ws, a.id).filter((h) => h.entity === 'receipt');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ op: 'create', source: 'import:收款.csv' });
  });

  it('rolls back on cancel and on an error in the middle of writing', async () => {
    let writing = false;
    const cancelled = await cancelError(() =>
      runImport(ws, testUser, path, settings({ target: 'receipts', mode: 'validRows' }), {
        dryRun: false,
        onProgress: (_d, _t, phase) => (writing ||= phase === 'writing'),
        isCancelled: () => writing,
      }),
    );
    expect(cancelled).toBeInstanceOf(KecardError);
    expect((cancelled as KecardError).code).toBe('JOB_CANCELLED');
    expect(count('receipts')).toBe(1);

    // The customer of a later row disappears between the check and the write: the receipt already
    // written for the first row goes too.
    const failed = await cancelError(() =>
      runImport(ws, testUser, path, settings({ target: 'receipts', mode: 'validRows' }), {
        dryRun: false,
        beforeWrite: async () => {
          deleteCustomer(ws, testUser, b.id);
          await Promise.resolve();
        },
      }),
    );
    expect((failed as KecardError).code).toBe('NOT_FOUND');
    expect(count('receipts')).toBe(1);
    expect(ws.db.prepare("SELECT count(*) AS n FROM change_log_entries WHERE source LIKE 'import:%'").get()).toEqual({ n: 0 });
  });
});

describe('客户回访 records from an xlsx', () => {
  let type: BusinessType;
  let columns: Record<string, string>;
  let path: string;
  let zhang: string;

  beforeEach(async () => {
    type = createFromTemplate(ws, testUser, 'visit');
    createField(ws, testUser, { entity: 'record', businessTypeId: type.id, label: '回访单号', type: 'text', uniqueValues: true });
    createField(ws, testUser, { entity: 'record', businessTypeId: type.id, label: '回访费用', type: 'money' });
    columns = Object.fromEntries(listFields(ws, 'record', { businessTypeId: type.id }).map((f) => [f.label, f.columnName]));
    zhang = createEmployee(ws, testUser, { name: '张三' }).id;
    createBusinessRecord(ws, testUser, { typeId: type.id, customerId: b.id, title: '旧回访', custom: { [columns['回访单号'] as string]: 'HF-009' } });

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('回访');
    sheet.addRow(['2026年5月客户回访登记']);
    sheet.mergeCells('A1:I1');
    sheet.addRow(['回访单号', '客户名称', '标题', '状态', '负责人', '回访日期', '回访方式', '回访费用', '回访结果']);
    sheet.addRow(['HF-001', '宁波港务贸易有限公司', '季度回访', '已完成', '张三', new Date(Date.UTC(2026, 4, 1)), '电话', 1234.56, '满意']);
    sheet.addRow(['HF-002', '温州鞋业有限公司', null, '待回访', '李四', '2026年5月8日', '视频', '¥99.90', null]);
    sheet.addRow(['HF-003', '没有这家公司', '首次回访', '计划中', null, '2026/5/9', '上门', null, null]);
    sheet.addRow(['HF-001', '宁波港务贸易有限公司', '季度回访（更正）', '已完成', null, '2026/5/2', '上门', null, '很满意']);
    sheet.addRow(['HF-009', '温州鞋业有限公司', '重复的回访', '计划中', null, null, null, null, null]);
    path = join(dir, '回访.xlsx');
    await book.xlsx.writeFile(path);
  });

  const base = () => ({ target: 'records' as const, businessTypeId: type.id, recordKey: `custom:${columns['回访单号']}` });

  it('matches the type’s own fields by label, statuses to the workflow, and lists unknown values for a decision', async () => {
    const report = await runImport(ws, testUser, path, settings({ ...base(), mode: 'validRows' }), { dryRun: true });
    expect(report.headerRow).toBe(2);
    expect(report.mapping).toEqual({
      '0': `custom:${columns['回访单号']}`,
      '1': 'customer',
      '2': 'title',
      '3': 'status',
      '4': 'employeeId',
      '5': `custom:${columns['回访日期']}`,
      '6': `custom:${columns['回访方式']}`,
      '7': `custom:${columns['回访费用']}`,
      '8': `custom:${columns['回访结果']}`,
    });
    expect(report.unknownOptions).toEqual({ status: ['待回访'], employeeId: ['李四'], [`custom:${columns['回访方式']}`]: ['视频'] });
    expect(report.problems.filter((p) => p.code !== 'unknownOption')).toEqual([
      { row: 5, field: 'customer', code: 'notFound', value: '没有这家公司' },
    ]);
    expect(report.duplicates.map((d) => [d.row, d.matchRow, d.matchId !== null])).toEqual([
      [6, 3, false],
      [7, null, true],
    ]);
    expect(report).toMatchObject({ total: 5, valid: 3, invalid: 2 });
    expect(listBusinessRecords(ws, { typeId: type.id }).total).toBe(1);
  });

  it('stores the decided values, money exact in fen, and updates the duplicate the user chose to overwrite', async () => {
    const way = `custom:${columns['回访方式']}`;
    const report = await runImport(
      ws,
      testUser,
      path,
      settings({
        ...base(),
        mode: 'validRows',
        rowActions: { '6': 'overwrite' },
        optionDecisions: { status: { 待回访: 'planned' }, employeeId: { 李四: null }, [way]: { 视频: 'o3' } },
      }),
      { dryRun: false },
    );
    expect(report.written).toEqual({ inserted: 2, updated: 1, skipped: 2 });
    const col = (label: string) => columns[label] as string;
    const ofA = listBusinessRecords(ws, { typeId: type.id, customerId: a.id }).rows;
    expect(ofA).toHaveLength(1);
    expect(ofA[0]).toMatchObject({
      // Free text keeps what the user wrote: full-width brackets stay.
      title: '季度回访（更正）',
      status: 'done',
      employeeId: zhang,
      custom: {
        [col('回访单号')]: 'HF-001',
        [col('回访日期')]: '2026-05-02',
        [col('回访方式')]: 'o2',
        [col('回访费用')]: 123456,
        [col('回访结果')]: '很满意',
      },
    });
    const ofB = listBusinessRecords(ws, { typeId: type.id, customerId: b.id }).rows.find((r) => r.title !== '旧回访');
    expect(ofB).toMatchObject({
      title: '客户回访 2026-05-08',
      status: 'planned',
      employeeId: null,
      custom: { [col('回访单号')]: 'HF-002', [col('回访日期')]: '2026-05-08', [col('回访方式')]: 'o3', [col('回访费用')]: 9990 },
    });
    const logged = customerHistory(ws, a.id).filter((h) => h.entity === 'businessRecord');
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged.map((h) => h.source))).toEqual(new Set(['import:回访.xlsx']));
  });

  it('imports nothing when a row is invalid in all-or-nothing mode, or when cancelled while writing', async () => {
    await expect(runImport(ws, testUser, path, settings(base()), { dryRun: false })).rejects.toMatchObject({ code: 'VALIDATION' });
    let writing = false;
    const cancelled = await cancelError(() =>
      runImport(ws, testUser, path, settings({ ...base(), mode: 'validRows' }), {
        dryRun: false,
        onProgress: (_d, _t, phase) => (writing ||= phase === 'writing'),
        isCancelled: () => writing,
      }),
    );
    expect((cancelled as KecardError).code).toBe('JOB_CANCELLED');
    expect(listBusinessRecords(ws, { typeId: type.id }).total).toBe(1);
  });

  it('refuses settings without a type, a key that is not unique, and a field of another type', async () => {
    expect(importSettings.safeParse({ target: 'records' }).success).toBe(false);
    expect(importSettings.safeParse({ target: 'receipts', businessTypeId: type.id }).success).toBe(false);
    await expect(
      runImport(ws, testUser, path, settings({ ...base(), recordKey: `custom:${columns['回访结果']}` }), { dryRun: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: { recordKey: 'invalid' } },
    });
    const other = createFromTemplate(ws, testUser, 'complaint');
    const foreign = listFields(ws, 'record', { businessTypeId: other.id })[0]?.columnName as string;
    await expect(
      runImport(
        ws,
        testUser,
        path,
        settings({ target: 'records', businessTypeId: type.id, mapping: { '1': 'customer', '2': `custom:${foreign}` } }),
        { dryRun: true },
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: { mapping: 'unknownField' } },
    });
  });

  it('kecard import --target records --type takes the type by name', async () => {
    const io = { json: true, note: () => undefined };
    await expect(importCommand(join(dir, 'test.kecard'), { file: path, target: 'records', type: '没有的类型' }, io)).rejects.toThrow(
      /没有这个业务类型/,
    );
    await expect(importCommand(join(dir, 'test.kecard'), { file: path, target: 'receipts', type: '客户回访' }, io)).rejects.toThrow(/--type/);
    const out = await importCommand(join(dir, 'test.kecard'), { file: path, target: 'records', type: '客户回访', dryRun: true }, io);
    expect(out.json).toMatchObject({ target: 'records', total: 5, written: null });
  });
});
