import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aCustomer } from '../support/builders';
import { expect, test } from '../support/fixtures';

// Workspace files from the 文件 menu in the browser shell, where the path dialog replaces the
// native file dialog: new, save a copy, open — and refusals that leave everything as it was.

test('a new workspace, a saved copy, and WORKSPACE_EXISTS for a taken path', async ({ api, tempDir, frame, menu, customers }) => {
  const path = join(tempDir, '客户资料.kecard');
  const copyPath = join(tempDir, '客户资料-副本.kecard');

  await menu.newWorkspace(path);
  await expect(frame.toast('success', '已新建工作区“客户资料”')).toBeVisible();
  await expect(frame.statusPath).toHaveText(path);
  await expect(frame.statusWorkspace).toHaveText('工作区：客户资料');
  await frame.expectCustomerCount(0);
  expect(existsSync(path)).toBe(true);
  expect((await api('workspace.info', {}))?.path).toBe(path);

  const customer = aCustomer({ name: '成都蜀光机械制造有限公司' });
  await api('customers.create', { values: customer });
  await expect(customers.total).toHaveText('共 1 个客户');

  await menu.saveCopy(copyPath);
  await expect(frame.toast('success', `副本已保存到 ${copyPath}`)).toBeVisible();
  expect(existsSync(copyPath)).toBe(true);
  // The copy is written beside; the workspace that was open stays open.
  await expect(frame.statusPath).toHaveText(path);

  const copyBytes = readFileSync(copyPath);
  const again = await menu.startSaveCopy();
  await again.submit(copyPath);
  await expect(again.error).toHaveText('该位置已有文件，请换一个文件名。');
  await expect(again.root).toBeVisible();
  await again.cancel.click();
  await expect(again.root).toBeHidden();
  expect(readFileSync(copyPath).equals(copyBytes)).toBe(true);

  // A new workspace onto an existing file is refused the same way.
  const create = await menu.startNewWorkspace();
  await create.submit(path);
  await expect(create.error).toHaveText('该位置已有文件，请换一个文件名。');
  await create.cancel.click();
  await expect(frame.statusPath).toHaveText(path);
  await frame.expectCustomerCount(1);

  // The copy is a complete workspace: it opens with the customer in it.
  await menu.openWorkspace(copyPath);
  await expect(frame.statusPath).toHaveText(copyPath);
  await expect(customers.total).toHaveText('共 1 个客户');
  await expect(customers.rows).toHaveCount(1);
  await expect(customers.rows.first()).toContainText(customer.name);
  expect((await api('workspace.info', {}))?.path).toBe(copyPath);
});

test('a file that is not a Kecard workspace is refused and the open workspace stays', async ({
  shell,
  app,
  api,
  tempDir,
  frame,
  menu,
  customers,
}) => {
  await api('customers.create', { values: aCustomer() });
  await expect(customers.total).toHaveText('共 1 个客户');
  const notes = join(tempDir, 'notes.txt');
  writeFileSync(notes, '这不是客卡工作区，只是一段笔记。\nJust some notes.\n');
  const notesBytes = readFileSync(notes);

  const dialog = await menu.startOpenWorkspace();
  await dialog.submit(notes);
  await expect(dialog.error).toHaveText('该文件不是客卡工作区，未打开。');
  await expect(dialog.root).toBeVisible();
  expect(readFileSync(notes).equals(notesBytes)).toBe(true);
  expect(existsSync(`${notes}-wal`)).toBe(false);

  await dialog.submit(join(tempDir, 'missing.kecard'));
  await expect(dialog.error).toHaveText('找不到该工作区文件。');
  expect(existsSync(join(tempDir, 'missing.kecard'))).toBe(false);

  // An empty file is not quietly made a workspace.
  const empty = join(tempDir, 'empty.kecard');
  writeFileSync(empty, '');
  await dialog.submit(empty);
  await expect(dialog.error).toContainText('该文件是空的，还不是客卡工作区，未打开。');
  expect(readFileSync(empty).length).toBe(0);

  // A workspace another computer has open says who has it (and is not called damaged).
  const taken = join(tempDir, 'taken.kecard');
  await api('workspace.saveCopy', { path: taken });
  const holder = { app: 'electron', user: 'zhang', host: 'front-desk-pc', pid: 4242, since: '2026-12-01T08:00:00.000Z', bootId: null, token: 'e2e' };
  writeFileSync(`${taken}.lock`, JSON.stringify(holder));
  await dialog.submit(taken);
  // The lock dialog names the holder and offers read-only (this holder does not share the file).
  const lock = app.getByTestId('lock-holder');
  await expect(lock).toContainText('这个工作区正被 zhang 在 front-desk-pc 上的客卡桌面版（进程 4242）使用（自 ');
  // Since when, in the app's date format (not the browser locale's "12/1/2026, 8:00:00 AM").
  await expect(lock).toContainText(/使用（自 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）。/);
  await expect(app.getByTestId('lock-not-sharing')).toBeVisible();
  await expect(app.getByTestId('lock-connect')).toHaveCount(0);
  await app.getByTestId('lock-cancel').click();
  await expect(app.getByTestId('lock-dialog')).toHaveCount(0);

  await dialog.submit('   ');
  await expect(dialog.error).toHaveText('必填');

  await dialog.cancel.click();
  await expect(dialog.root).toBeHidden();
  await expect(frame.statusPath).toHaveText(shell.workspacePath);
  await frame.expectCustomerCount(1);
  await expect(customers.total).toHaveText('共 1 个客户');
  expect((await api('workspace.info', {}))?.path).toBe(shell.workspacePath);
});

test('the English switch shows English labels and messages', async ({ app, tempDir, frame, menu, customers, card }) => {
  await expect(app.getByTestId('menu-file')).toHaveText('文件');
  await frame.switchLanguage('en');
  await expect(app.getByTestId('menu-file')).toHaveText('File');
  await expect(app.getByTestId('menu-view')).toHaveText('View');
  await expect(app.getByTestId('nav-customers')).toContainText('Customers');
  await expect(customers.newCustomerButton).toHaveText(/New customer/);
  await expect(customers.total).toHaveText('0 customers');
  await expect(frame.statusCustomerCount).toHaveText('0 customers');
  await expect(frame.statusShell()).toContainText('Browser mode');

  // Field messages are translated too.
  await customers.newCustomer();
  await expect(card.title).toHaveText('New customer');
  // Soft, so one untranslated label does not hide the state of the others.
  await expect.soft(app.getByTestId('tab-basic')).toHaveText('Basic information');
  await expect.soft(app.getByTestId('tab-organisation')).toHaveText('Organisation & contacts');
  await expect.soft(app.getByTestId('tab-history')).toHaveText('History');
  await expect(card.field('name')).toBeVisible();
  await expect.soft(card.root.locator('legend').first()).toHaveText('Company');
  await card.save();
  await expect(card.fieldError('name')).toHaveText('Required');
  await expect(card.errorBanner).toHaveText('Please correct the marked fields. Nothing was saved.');
  await card.close();

  // … and the workspace errors in the path dialog.
  const notes = join(tempDir, 'notes.txt');
  writeFileSync(notes, 'not a workspace\n');
  const dialog = await menu.startOpenWorkspace();
  await expect(dialog.root).toHaveAttribute('aria-label', 'Open workspace');
  await dialog.submit(notes);
  await expect(dialog.error).toHaveText('This file is not a Kecard workspace; it was not opened.');
  await dialog.cancel.click();

  // The choice is remembered across a reload; switching back gives Chinese again.
  await app.reload();
  await expect(frame.langSwitch).toHaveAttribute('data-lang', 'en');
  await expect(app.getByTestId('menu-file')).toHaveText('File');
  await frame.switchLanguage('zh-CN');
  await expect(app.getByTestId('menu-file')).toHaveText('文件');
  await expect(customers.total).toHaveText('共 0 个客户');
});
