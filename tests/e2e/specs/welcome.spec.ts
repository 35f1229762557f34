import { basename } from 'node:path';
import { DemoDialog } from '../pages/demo-dialogs';
import { WelcomePanel } from '../pages/welcome-panel';
import { aCustomer } from '../support/builders';
import { workspaceInfo } from '../support/cli';
import { expect, test } from '../support/fixtures';

// A new user's first minute: an empty workspace greets them with three ways to start, and demo
// data goes into a workspace of its own, with orders, so the reports have something to show.

test('an empty workspace offers demo data in a new workspace, Excel import and a first customer', async ({ app, shell, api, frame, menu, card }) => {
  const welcome = new WelcomePanel(app);
  await expect(welcome.root).toBeVisible();
  await expect(welcome.root).toContainText('欢迎使用客卡');

  await test.step('从 Excel 导入 opens the import wizard', async () => {
    await welcome.importExcel.click();
    await expect(app.getByTestId('import-wizard')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('import-wizard')).toBeHidden();
  });

  await test.step('新建客户 opens an empty card', async () => {
    await welcome.newCustomer.click();
    await card.expectNew();
    await expect(welcome.root).toBeHidden();
  });

  await test.step('生成演示数据（新工作区） fills a new 演示数据 workspace and leaves this one empty', async () => {
    await app.reload();
    await expect(welcome.root).toBeVisible();
    await welcome.demo.click();
    const dialog = new DemoDialog(app);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.targetNew).toBeChecked();
    const job = await dialog.generate(300, 5, 'newWorkspace', 3);
    await job.waitUntilClosed();
    await expect(frame.toast('success', '演示数据已生成。')).toBeVisible();
    await frame.expectCustomerCount(300);
    await expect(welcome.root).toBeHidden();

    const info = await api('workspace.info', {});
    expect(info?.path).not.toBe(shell.workspacePath);
    expect(basename(info?.path ?? '')).toBe('演示数据.kecard');
    await expect(frame.statusWorkspace).toContainText('演示数据');

    // Read by a separate process: the demo workspace has sales, the user's own file nothing.
    const demo = await workspaceInfo(info?.path ?? '');
    expect(demo.counts.customers).toBe(300);
    expect(demo.sales.orders).toBeGreaterThan(300);
    expect((await workspaceInfo(shell.workspacePath)).counts.customers).toBe(0);
  });

  await test.step('a second demo workspace gets its own name; into the open one is warned about', async () => {
    await api('customers.create', { values: aCustomer({ name: '南京紫金软件有限公司' }) });
    const dialog = await menu.openDemoDialog();
    await expect(dialog.targetNew).toBeChecked();
    await dialog.targetCurrent.check();
    await expect(dialog.targetWarning).toContainText('301');
    await dialog.targetNew.check();
    await expect(dialog.targetWarning).toBeHidden();
    const job = await dialog.generate(50, 6, 'newWorkspace');
    await job.waitUntilClosed();
    await frame.expectCustomerCount(50);
    expect(basename((await api('workspace.info', {}))?.path ?? '')).toBe('演示数据 2.kecard');
  });
});

test('the contract never guesses where demo data goes', async ({ app, api }) => {
  await expect(new WelcomePanel(app).root).toBeVisible();
  await expect(api('demo.generate', { customers: 10, seed: 1 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
});
