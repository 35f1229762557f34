import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { BackupsDialog } from '../pages/backups-dialog';
import { ImportWizard } from '../pages/import-wizard';
import { writeXlsx } from '../../support/zip-file';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test, type Api } from '../support/fixtures';

const GBK_CSV = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/import/customers-gbk-dupes.csv');
const PUFA = '上海浦东发展银行股份有限公司';
const TENCENT = '深圳市腾讯计算机系统有限公司';
const CHENGDU = '成都天府软件园有限公司';

async function customerNames(api: Api): Promise<string[]> {
  const { rows } = await api('customers.list', { offset: 0, limit: 500, sort: { field: 'name', dir: 'asc' } });
  return rows.map((r) => r.name).sort();
}

async function readSheet(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string | number)))),
  );
  return rows;
}

test('imports a GBK csv with duplicates through the wizard, then re-imports an exported query', async ({ app, api, frame, customers, tempDir }) => {
  const existing = await api('customers.create', { values: { name: PUFA } });
  await frame.expectCustomerCount(1);
  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseFile(GBK_CSV, 'customers-gbk-dupes.csv');

  // Read settings: GBK detected, the sample shows the rows as Chinese text.
  await wizard.next('source');
  await expect(app.getByTestId('import-step-source')).toHaveAttribute('data-encoding', 'gb18030');
  await expect(app.getByTestId('import-sample-row')).toHaveCount(5);
  await expect(app.getByTestId('import-sample-row').first()).toContainText(TENCENT);

  // Mapping suggested from the Chinese headers: 联系人 and the 手机 beside it are the contact's.
  await wizard.next('mapping');
  await expect(wizard.mappingSelect(0)).toHaveValue('name');
  await expect(wizard.mappingSelect(1)).toHaveValue('contactName');
  await expect(wizard.mappingSelect(2)).toHaveValue('contactMobile');
  await expect(wizard.mappingSelect(3)).toHaveValue('address');
  // This user keeps the 手机 as the company's phone and leaves the contacts out.
  await wizard.mappingSelect(1).selectOption('');
  await wizard.mappingSelect(2).selectOption('phones');

  // Check: counts, the lost phone, both kinds of duplicates.
  await wizard.check();
  await expect(wizard.counts).toHaveAttribute('data-total', '5');
  await expect(wizard.counts).toHaveAttribute('data-valid', '4');
  await expect(wizard.counts).toHaveAttribute('data-invalid', '1');
  await expect(wizard.problem(6, 'phoneLost')).toContainText('无法还原');
  await expect(wizard.duplicate(3)).toHaveAttribute('data-where', 'file');
  await expect(wizard.duplicate(4)).toHaveAttribute('data-where', 'workspace');
  await expect(wizard.duplicate(4)).toHaveAttribute('data-match-id', existing.id);
  await expect(wizard.duplicate(4)).toContainText(`工作区中已有：${PUFA}`);
  await expect(app.locator('[data-testid=import-preview-row][data-row="2"] td[data-field=phones]')).toHaveText('138 0013 8000');
  await wizard.setDuplicateAction(3, 'skip');
  await wizard.setDuplicateAction(4, 'updateEmpty');

  // The error report is a real xlsx with translated headers.
  const report = await wizard.saveErrorReport();
  expect(report.suggestedFilename()).toBe('customers-gbk-dupes-错误报告.xlsx');
  const reportRows = await readSheet(await report.path());
  expect(reportRows[0]).toEqual(['行号', '字段', '问题', '原始值']);
  expect(reportRows).toHaveLength(2);
  expect(reportRows[1]?.[0]).toBe('6');
  expect(reportRows[1]?.[1]).toBe('电话');
  expect(reportRows[1]?.[3]).toBe('1.39E+10');

  // Import the valid rows.
  await wizard.setMode('validRows');
  await wizard.run();
  // Skipped: the in-file duplicate and the row with the lost phone.
  await wizard.expectWritten({ inserted: 2, updated: 1, skipped: 2 });
  expect(await customerNames(api)).toEqual([PUFA, TENCENT, CHENGDU].sort());
  const { customer: pufa } = await api('customers.get', { id: existing.id });
  expect(pufa.address).toBe('上海市中山东一路12号');
  expect(pufa.phones).toEqual(['13912345678']);
  await frame.expectCustomerCount(3);

  // Find them: the list sorted by 更新时间, and quick search.
  await app.getByTestId('import-show-imported').click();
  await expect(wizard.dialog).toBeHidden();
  await expect(customers.rows).toHaveCount(3);
  await customers.search('腾讯');
  await expect(customers.hit(TENCENT)).toHaveCount(1);
  await customers.quickSearch.fill('');

  // Export all customers as a query result, delete them, and import the export again.
  const queries = new QueryBuilderPage(app);
  await queries.open();
  await queries.run();
  await expect(queries.resultTotal()).toHaveAttribute('data-count', '3');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-xlsx').click()]);
  const exported = join(tempDir, download.suggestedFilename());
  expect(exported.endsWith('.xlsx')).toBe(true);
  await download.saveAs(exported);
  const { rows } = await api('customers.list', { offset: 0, limit: 500 });
  for (const row of rows) await api('customers.delete', { id: row.id });
  await frame.expectCustomerCount(0);

  await wizard.open();
  await wizard.chooseFile(exported, download.suggestedFilename());
  await wizard.next('source');
  await wizard.next('mapping');
  await expect(app.locator('[data-testid=import-mapping-row][data-header="客户名称"]').getByTestId('import-mapping-select')).toHaveValue('name');
  await wizard.check();
  await expect(wizard.counts).toHaveAttribute('data-total', '3');
  await expect(wizard.counts).toHaveAttribute('data-valid', '3');
  await expect(wizard.counts).toHaveAttribute('data-duplicates', '0');
  await wizard.run();
  await wizard.expectWritten({ inserted: 3, updated: 0, skipped: 0 });
  expect(await customerNames(api)).toEqual([PUFA, TENCENT, CHENGDU].sort());
  const again = (await api('customers.list', { offset: 0, limit: 500 })).rows.find((r) => r.name === PUFA);
  // The export carries the list's columns (name, phones …, not the address): the phones came back.
  expect(again?.phones).toEqual(['13912345678']);
  await app.getByTestId('import-done').click();
  await frame.expectCustomerCount(3);
});

test('all or nothing imports nothing when a row has a problem', async ({ app, api, frame }) => {
  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseFile(GBK_CSV, 'customers-gbk-dupes.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await wizard.check();
  await expect(app.getByTestId('import-mode-allOrNothing')).toBeChecked();
  await expect(app.getByTestId('import-mode-warning')).toContainText('1 行有问题');
  await wizard.next('run');
  await expect(app.getByTestId('import-error')).toContainText('未导入任何数据');
  expect(await customerNames(api)).toEqual([]);
  await app.getByTestId('import-close').click();
  await expect(wizard.dialog).toBeHidden();
  await frame.expectCustomerCount(0);
});

test('cancelling a running import leaves the workspace unchanged', async ({ app, api, frame, tempDir }) => {
  // Big enough that the import is still running when 取消 is clicked.
  const path = join(tempDir, 'big.csv');
  const lines = ['客户名称,电话,地址'];
  for (let i = 0; i < 100_000; i++) lines.push(`测试客户${i}有限公司,1380013${String(i % 10000).padStart(4, '0')},北京市海淀区中关村大街${i}号`);
  writeFileSync(path, lines.join('\n'));
  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseFile(path, 'big.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await wizard.check(60_000);
  await expect(wizard.counts).toHaveAttribute('data-valid', '100000');
  await wizard.next('run');
  const progress = app.getByTestId('import-progress');
  await expect(progress).toHaveAttribute('data-kind', 'run');
  await expect(app.getByTestId('import-cancel-job')).toBeEnabled();
  await app.getByTestId('import-cancel-job').click();
  await expect(app.getByTestId('import-cancelled')).toHaveText('已取消，未做任何更改。');
  await expect(progress).toBeHidden();
  expect((await api('customers.list', { offset: 0, limit: 1 })).total).toBe(0);
  await frame.expectCustomerCount(0);
});

test('restores a backup from the backups screen', async ({ app, api, frame, customers }) => {
  await api('customers.create', { values: { name: '第一个客户有限公司' } });
  await frame.expectCustomerCount(1);
  const backups = new BackupsDialog(app);
  await backups.open();
  // What is kept is said where backups are listed, manual ones included.
  await expect(backups.dialog.getByTestId('backups-retention')).toContainText('手动备份不会被自动删除');
  await backups.backUpNow();
  const manual = backups.rowsWithReason('manual').first();
  await expect(manual).toContainText('手动备份');
  await backups.dialog.getByTestId('backups-close').click();

  await api('customers.create', { values: { name: '第二个客户有限公司' } });
  await frame.expectCustomerCount(2);

  await backups.open();
  await backups.restore(backups.rowsWithReason('manual').first());
  await expect(frame.toast('success', '已恢复')).toBeVisible();
  await frame.expectCustomerCount(1);
  await expect(customers.rows).toHaveCount(1);
  await expect(customers.rows.first()).toContainText('第一个客户有限公司');
  expect(await customerNames(api)).toEqual(['第一个客户有限公司']);

  // The replaced file was kept as a 'restore' backup.
  await backups.open();
  await expect(backups.rowsWithReason('restore')).toHaveCount(1);
  await expect(backups.rowsWithReason('restore')).toContainText('恢复前');
});

test('a damaged workspace offers its backups and restores the latest', async ({ app, api, frame, menu, tempDir }) => {
  const path = join(tempDir, '损坏的工作区.kecard');
  await api('workspace.create', { path });
  await api('customers.create', { values: { name: '备份里的客户有限公司' } });
  await api('backups.create', {});
  await api('workspace.openDefault', {});
  await frame.expectCustomerCount(0);

  // Damage every page after the first: the header still says SQLite, the tables are garbage.
  const bytes = readFileSync(path);
  for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
  writeFileSync(path, bytes);

  const dialog = await menu.startOpenWorkspace();
  await dialog.submit(path);
  const corrupt = app.getByTestId('corrupt-dialog');
  await expect(corrupt).toBeVisible();
  await expect(app.getByTestId('corrupt-message')).toHaveAttribute('data-path', path);
  await expect(corrupt.getByTestId('backup-row')).toHaveCount(1);
  await expect(corrupt.getByTestId('backup-row')).toContainText('手动备份');
  await app.getByTestId('corrupt-restore-latest').click();
  await expect(corrupt).toBeHidden();
  await expect(frame.statusPath).toContainText('损坏的工作区.kecard');
  await frame.expectCustomerCount(1);
  expect(await customerNames(api)).toEqual(['备份里的客户有限公司']);
});

test('a large csv imports at once and its customers are findable while the search index is built in the background', async ({
  app,
  frame,
  customers,
  tempDir,
}) => {
  // ~1.3 MB: past the size from which an import leaves the search documents to the index job.
  const lines = ['客户名称,客户编号,电话,城市'];
  for (let i = 0; i < 16_000; i += 1)
    lines.push(`华信${i}号科技发展有限公司,HX${String(i).padStart(5, '0')},020-8333${String(i).padStart(4, '0')},广州`);
  lines.push('欧阳远航贸易有限公司,HX99999,020-12345678,广州');
  const file = join(tempDir, 'large-customers.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseFile(file, 'large-customers.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await expect(wizard.mappingSelect(0)).toHaveValue('name');
  await wizard.check(60_000);
  await expect(wizard.counts).toHaveAttribute('data-valid', '16001');
  // 16k rows in one transaction: twice it took over 10 s here while the disk was busy.
  await wizard.run(60_000);
  await wizard.expectWritten({ inserted: 16_001, updated: 0, skipped: 0 });
  // The background index job reports its progress in the wizard and says when it is done.
  await expect(app.getByTestId('import-search-index')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await app.getByTestId('import-show-imported').click();
  await frame.expectCustomerCount(16_001);
  // Initials and the code come from the finished index.
  await customers.search('oyyh');
  await expect(customers.hit('欧阳远航贸易有限公司')).toHaveCount(1);
  await customers.search('HX12345');
  await expect(customers.hit('华信12345号科技发展有限公司')).toHaveCount(1);
});

test('a hostile file is refused with the limit it passed, in Chinese, and the wizard goes on', async ({ app, tempDir }) => {
  // A cell longer than Excel's own maximum: the reader thread refuses it while inspecting.
  const path = join(tempDir, 'long-cell.csv');
  writeFileSync(path, `客户名称,备注\n甲公司,${'注'.repeat(40_000)}\n`);
  const wizard = new ImportWizard(app);
  await wizard.open();
  await app.getByTestId('import-file-input').setInputFiles(path);
  // The limit grouped as people read numbers, and the cell's row and column (session 11's walkthrough).
  await expect(app.getByTestId('import-error')).toHaveText('文件中有单元格超过 32,767 个字符，未导入。请缩短该单元格后再试。（第 2 行第 2 列）');
  // A file that is no table at all (a picture named .csv) says so, not "部分字段不正确。".
  const picture = join(tempDir, 'picture.csv');
  writeFileSync(picture, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]));
  await app.getByTestId('import-file-input').setInputFiles(picture);
  await expect(app.getByTestId('import-error')).toHaveText(
    '该文件不是表格：既不是 Excel 文件（.xlsx、.xls），也不是 CSV/文本文件，未导入。请选择导出的表格文件。',
  );
  await wizard.chooseFile(GBK_CSV, 'customers-gbk-dupes.csv');
  await expect(app.getByTestId('import-error')).toBeHidden();
  await wizard.next('source');
});

test('取消 while a file is being read ends the reading, and the wizard goes on', async ({ app, tempDir }) => {
  // 200 MB of text in a 1 MB xlsx: reading its head takes seconds on the reader thread.
  const path = join(tempDir, 'slow.xlsx');
  await writeXlsx(path, {
    strings: function* () {
      for (let i = 0; i < 7000; i += 1) yield `<si><t>${String(i).padStart(6, '0')}${'B'.repeat(30_000)}</t></si>`;
    },
    columns: 2,
  });
  const wizard = new ImportWizard(app);
  await wizard.open();
  await app.getByTestId('import-file-input').setInputFiles(path);
  await app.getByTestId('import-inspect-cancel').click();
  await expect(app.getByTestId('import-error')).toHaveText('已取消读取该文件。');
  await expect(app.getByTestId('import-inspect-cancel')).toBeHidden();
  await wizard.chooseFile(GBK_CSV, 'customers-gbk-dupes.csv');
  await expect(app.getByTestId('import-error')).toBeHidden();
  await wizard.next('source');
});
