import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ImportWizard } from '../pages/import-wizard';
import { expect, test } from '../support/fixtures';

// Issue 16: the check step tells the user, in words, what is wrong in which row, and recognises
// the 合计 row at the end of an exported sheet instead of flagging it.
test('the import check shows problems in words and skips the trailing 合计 row', async ({ app, api, tempDir }) => {
  await api('customers.create', { values: { name: '上海华信贸易有限公司' } });
  const csv = ['客户名称,联系人,手机', '上海华信贸易有限公司,王强,13912345678', '上海华信贸易有限公司,李娜,12ab', '合计,,'].join('\r\n');
  const path = join(tempDir, '联系人.csv');
  writeFileSync(path, iconv.encode(csv, 'gbk'));

  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseTarget('contacts');
  await wizard.chooseFile(path, '联系人.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  await wizard.check();
  await expect(wizard.counts).toHaveAttribute('data-total', '2');
  await expect(wizard.counts).toHaveAttribute('data-invalid', '1');
  await expect(wizard.problem(3, 'phone')).toHaveText('第 3 行 · 手机：‘12ab’ 不是手机号');
  await expect(app.getByTestId('import-problem')).toHaveCount(1);
  await expect(app.getByTestId('import-skipped-totals')).toHaveText('已跳过合计行（第 4 行）');
});
