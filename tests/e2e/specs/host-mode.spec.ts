import { AppFrame } from '../pages/app-frame';
import { CustomerCard } from '../pages/customer-card';
import { CustomersPage } from '../pages/customers-page';
import { ConnectDialog, SharePanel } from '../pages/host-pages';
import { expect, test } from '../support/fixtures';
import { startShellProcess } from '../support/shell-process';

// Issue 20, two people on one workspace: the manager's browser shell shares its workspace
// (设置 → 共享给同事) on 127.0.0.1; an assistant's shell — another process on another data folder,
// in another browser context — connects with the pairing code read out, signs in as the
// assistant and works on the manager's file. A wrong code is refused before the password leaves.

test('an assistant connects to the manager’s shared workspace; a customer they create shows in the manager’s list', async ({
  app,
  api,
  browser,
  customers,
}) => {
  test.setTimeout(120_000);
  await test.step('the manager has a password and an assistant (setup)', async () => {
    await api('account.setPassword', { newPassword: 'boss-pass-1' });
    await api('users.create', { login: 'xiaoli', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
    await app.reload();
    await expect(app.getByTestId('status-user')).toContainText('经理');
  });

  const share = new SharePanel(app);
  const shared = await test.step('the manager shares on 127.0.0.1 and reads out the address and code', async () => {
    await share.open();
    const readout = await share.start('127.0.0.1', 0);
    expect(readout.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expect(share.address).toHaveText(`127.0.0.1:${readout.port}`);
    await expect(app.getByTestId('share-no-clients')).toBeVisible();
    return readout;
  });

  const assistantShell = await startShellProcess();
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  try {
    const li = await context.newPage();
    await li.goto(assistantShell.launchUrl);
    await expect(li.getByTestId('menu-file')).toBeVisible();
    const connect = new ConnectDialog(li);

    await test.step('a wrong pairing code is refused, saying why; the assistant stays on their own workspace', async () => {
      await connect.openFromMenu();
      const wrong = shared.code.startsWith('A') ? `B${shared.code.slice(1)}` : `A${shared.code.slice(1)}`;
      await connect.connect({ address: '127.0.0.1', port: shared.port, code: wrong, login: 'xiaoli', password: 'li-pass-1' });
      await expect(connect.error).toHaveText(/配对码与这台主机的证书不符.*密码未发送/);
      await expect(li.getByTestId('status-remote')).toHaveCount(0);
      await expect(share.clients).toHaveCount(0);
    });

    await test.step('the right code and the assistant’s password connect; the window is the manager’s workspace', async () => {
      await li.getByTestId('connect-code').fill(shared.code.toLowerCase());
      await li.getByTestId('connect-password').fill('li-pass-1');
      await li.getByTestId('connect-submit').click();
      await expect(connect.root).toHaveCount(0);
      await expect(li.getByTestId('status-remote')).toContainText(`127.0.0.1:${shared.port}`);
      await expect(li.getByTestId('status-user')).toContainText('小李');
      await expect(li.getByTestId('status-user')).toContainText('助理');
      // The manager sees who is connected.
      await expect(share.clients).toHaveCount(1);
      await expect(share.clients.first()).toHaveAttribute('data-login', 'xiaoli');
    });

    await test.step('the assistant creates a customer; the manager’s list shows it within 2 s', async () => {
      await app.getByTestId('nav-customers').click();
      await expect(customers.total).toBeVisible();
      const liCustomers = new CustomersPage(li);
      const liCard = new CustomerCard(li);
      await liCustomers.newCustomer();
      await liCard.fill({ name: '小李录入的客户有限公司' });
      await liCard.save();
      await expect(new AppFrame(li).toast('success', '已新建客户“小李录入的客户有限公司”')).toBeVisible();
      await expect(customers.rows.filter({ hasText: '小李录入的客户有限公司' })).toBeVisible({ timeout: 2_000 });
    });

    await test.step('the host goes away: the assistant’s window says so, keeps the open card, and reconnects', async () => {
      const liCard = new CustomerCard(li);
      await liCard.field('name').fill('尚未保存的名称');
      await share.open();
      await share.stop();
      await expect(li.getByTestId('remote-reconnecting')).toHaveText(/与主机的连接已断开，正在重连…/);
      await expect(liCard.field('name')).toHaveValue('尚未保存的名称');
      await share.start('127.0.0.1', shared.port);
      await expect(li.getByTestId('remote-reconnecting')).toHaveCount(0, { timeout: 15_000 });
      await expect(liCard.field('name')).toHaveValue('尚未保存的名称');
    });

    await test.step('disconnecting returns the assistant to the start screen', async () => {
      await li.getByTestId('status-remote-disconnect').click();
      await expect(li.getByTestId('start-screen')).toBeVisible();
      await expect(share.clients).toHaveCount(0, { timeout: 10_000 });
    });
  } finally {
    await context.close();
    await assistantShell.stop();
  }
});

test('opening a file the manager holds and shares names the holder and connects there instead', async ({ app, api, shell, browser }) => {
  test.setTimeout(120_000);
  await api('account.setPassword', { newPassword: 'boss-pass-1' });
  await api('users.create', { login: 'xiaoli', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
  await app.reload();
  const share = new SharePanel(app);
  await share.open();
  const shared = await share.start('127.0.0.1', 0);

  // The assistant's app, on the same computer, opens the manager's very file.
  const assistantShell = await startShellProcess();
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  try {
    const li = await context.newPage();
    await li.goto(assistantShell.launchUrl);
    await li.getByTestId('menu-file').click();
    await li.getByTestId('menu-open-workspace').click();
    await li.getByTestId('path-dialog-input').fill(shell.workspacePath);
    await li.getByTestId('path-dialog-ok').click();
    await expect(li.getByTestId('lock-holder')).toContainText('这个工作区正被');
    await expect(li.getByTestId('lock-sharing')).toContainText(`127.0.0.1:${shared.port}`);

    // Connect: address, port and code come from the lock; the assistant signs in as themselves.
    await li.getByTestId('lock-connect').click();
    await expect(li.getByTestId('path-dialog')).toHaveCount(0);
    await expect(li.getByTestId('connect-address')).toHaveValue('127.0.0.1');
    await expect(li.getByTestId('connect-port')).toHaveValue(String(shared.port));
    await expect(li.getByTestId('connect-code')).toHaveValue(shared.code);
    await li.getByTestId('connect-login').fill('xiaoli');
    await li.getByTestId('connect-password').fill('li-pass-1');
    await li.getByTestId('connect-submit').click();
    await expect(li.getByTestId('status-remote')).toContainText(`127.0.0.1:${shared.port}`);
    await expect(share.clients).toHaveCount(1);

    // Not sharing any more: the same open offers read-only instead, and it opens so.
    await li.getByTestId('status-remote-disconnect').click();
    await share.stop();
    await li.getByTestId('menu-file').click();
    await li.getByTestId('menu-open-workspace').click();
    await li.getByTestId('path-dialog-input').fill(shell.workspacePath);
    await li.getByTestId('path-dialog-ok').click();
    await expect(li.getByTestId('lock-not-sharing')).toBeVisible();
    await li.getByTestId('lock-read-only').click();
    await expect(li.getByTestId('read-only-banner')).toBeVisible();
    await expect(li.getByTestId('status-path')).toHaveText(shell.workspacePath);
  } finally {
    await context.close();
    await assistantShell.stop();
  }
});
