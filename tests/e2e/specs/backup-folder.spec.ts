import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BackupsDialog } from '../pages/backups-dialog';
import { expect, test } from '../support/fixtures';

// Issue 16: the backups screen says what is kept, where backups go and how much room the disk
// has, and the user can send them to another folder or disk (the browser shell asks for the
// path; Electron shows a folder dialog). A folder that cannot be used is said in Chinese.

test('backups go to a folder the user chooses, with retention and free space shown', async ({ app, api, shell, frame, tempDir }) => {
  await api('customers.create', { values: { name: '备份文件夹测试有限公司' } });
  await frame.expectCustomerCount(1);
  const backups = new BackupsDialog(app);
  await backups.open();
  await expect(backups.dialog.getByTestId('backups-retention')).toHaveText(
    '保留规则：自动备份保留最近 7 天每天一份、最近 4 周每周一份；操作前的备份保留最近 10 份；手动备份不会被自动删除。',
  );
  await expect(backups.folder).toHaveText(`${shell.workspacePath}.backups`);
  await expect(backups.dialog).toContainText('默认位置（工作区所在文件夹）');
  await expect(backups.dialog.getByTestId('backups-free')).toContainText(/^可用空间 .+，一次备份约需 .+。$/);

  // A folder that is not there: said so, nothing changes.
  const missing = join(tempDir, '未连接的移动硬盘');
  await backups.typeFolder(missing);
  await expect(backups.dialog.getByTestId('backups-folder-error')).toHaveText(
    `备份文件夹 ${missing} 不存在。如果它在移动硬盘或网络位置上，请先连接后再试，或选择其他文件夹。`,
  );
  await expect(backups.folder).toHaveText(`${shell.workspacePath}.backups`);

  const disk = join(tempDir, '备份盘');
  mkdirSync(disk);
  await backups.typeFolder(disk);
  await expect(frame.toast('success', '之后的备份将保存到')).toBeVisible();
  await expect(backups.folder).toHaveAttribute('data-custom', 'true');
  await expect(backups.folder).toContainText(disk);
  await expect(backups.dialog.getByTestId('backups-folder-input')).toBeHidden();

  await backups.backUpNow();
  const file = await backups.rowsWithReason('manual').first().getAttribute('data-file');
  const [sub] = readdirSync(disk);
  expect(readdirSync(join(disk, sub ?? ''))).toEqual([file]);
  await expect(backups.folder).toHaveText(join(disk, sub ?? ''));

  // Back to the default; the backup on the disk is left where it is.
  await backups.dialog.getByTestId('backups-folder-reset').click();
  await expect(backups.folder).toHaveText(`${shell.workspacePath}.backups`);
  await expect(backups.folder).toHaveAttribute('data-custom', 'false');
  expect(readdirSync(join(disk, sub ?? ''))).toEqual([file]);
});
