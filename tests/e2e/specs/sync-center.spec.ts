import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../../src-shared/contract/methods';
import { AnalysisPage } from '../pages/analysis-page';
import { SyncCenter } from '../pages/sync-center';
import { expect, test } from '../support/fixtures';
import { startShellProcess, type ShellProcess } from '../support/shell-process';

// Issue 18, 同步中心: two sites, each its own browser shell, workspace and data folder. HQ creates
// the network and invites 南京店; the store opens the invitation; bundles cross through one shared
// folder by 立即同步; a concurrent edit lands in the 冲突箱 and is settled there.

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** Contract calls to one shell, for setup and checks that are not under test (as the `api` fixture). */
function apiOf(shell: ShellProcess): Call {
  let cookie: Promise<string> | null = null;
  return async (method, input) => {
    cookie ??= shell.session();
    const res = await fetch(`${shell.baseUrl}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookie },
      body: JSON.stringify(input),
    });
    const envelope = (await res.json()) as { ok: true; value: never } | { ok: false; error: { code: string; message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value;
  };
}

/** The store's own page: another browser context, so the two shells' session cookies stay apart. */
async function openStorePage(browser: Browser, shell: ShellProcess) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(shell.launchUrl);
  await expect(page.getByTestId('menu-file')).toBeVisible();
  return { context, page };
}

test('HQ and a store sync through a shared folder; a conflict is settled in the 冲突箱', async ({ app, api, browser, tempDir }) => {
  test.setTimeout(180_000);
  const storeShell = await startShellProcess();
  const shared = mkdtempSync(join(tmpdir(), 'kecard-e2e-sync-folder-'));
  const { context, page } = await openStorePage(browser, storeShell);
  const storeApi = apiOf(storeShell);
  try {
    const hq = new SyncCenter(app);
    const store = new SyncCenter(page);

    // HQ: 创建同步组, then 添加门店 南京店 (NJ01): the invitation is downloaded.
    const customer = await api('customers.create', { values: { name: '南京紫金山茶业有限公司', code: 'ZJ-01', industry: '茶叶批发' } });
    await hq.open();
    await expect(hq.screen.getByTestId('sync-standalone')).toBeVisible();
    await hq.createNetwork('HQ', '总部');
    const invitation = await hq.addStore('NJ01', '南京店');
    expect(invitation.suggestedFilename()).toMatch(/\.kcinvite$/);
    const invitationPath = join(tempDir, invitation.suggestedFilename());
    await invitation.saveAs(invitationPath);
    // HQ gives the customer to 南京店 (its 门店): a store receives the customers of its 门店.
    await api('customers.update', { id: customer.id, patch: { storeCode: 'NJ01' } });
    await expect(hq.screen.getByTestId('sync-invite-done')).toContainText('可靠的渠道');
    await expect(hq.partner('NJ01')).toHaveAttribute('data-state', 'pending');
    await expect(hq.partner('NJ01').locator('[data-key=status]')).toHaveText('等待加入');

    // The store opens the invitation: the safety code to compare by phone and the next step.
    await store.open();
    const safety = await store.join(invitationPath);
    await expect(store.screen.getByTestId('sync-joined-next')).toContainText('导出第一个同步包');
    await expect(store.screen.getByTestId('sync-site-role')).toHaveText('门店');
    await expect(store.screen.getByTestId('sync-site-code')).toHaveText('NJ01');
    await expect(store.partner('HQ').locator('[data-key=name]')).toHaveText('总部');

    // Both use the same folder; store first, then HQ, then the store again.
    await store.setFolder('HQ', shared);
    await hq.setFolder('NJ01', shared);
    const first = await store.syncNow('HQ');
    await expect(first).toHaveAttribute('data-sent', '1');
    await expect(first.getByTestId('sync-now-nothing')).toBeVisible();

    const atHq = await hq.syncNow('NJ01');
    await expect(atHq.getByTestId('sync-outcome-applied')).toHaveAttribute('data-from', 'NJ01');
    await expect(atHq.getByTestId('sync-outcome-applied')).toContainText('南京店已加入同步组');
    await expect(atHq).toHaveAttribute('data-sent', '1');
    await expect(hq.partner('NJ01')).toHaveAttribute('data-state', 'joined');
    // Both sides show the same safety code once HQ knows the store's keys.
    await expect(hq.partner('NJ01').locator('[data-key=safety]')).toHaveText(safety);

    const back = await store.syncNow('HQ');
    await expect(back.getByTestId('sync-outcome-applied')).toHaveAttribute('data-from', 'HQ');
    await expect(back.getByTestId('sync-outcome-applied')).toContainText('来自总部的第 1 号同步包');
    await expect(store.partner('HQ').locator('[data-key=lastReceived]')).toHaveAttribute('data-number', '1');
    await expect.poll(async () => (await storeApi('customers.get', { id: customer.id })).customer.industry).toBe('茶叶批发');

    // A sale at each site: HQ's report will count both.
    const today = new Date().toISOString().slice(0, 10);
    const sale = (customerId: string, yuan: number) => ({
      customerId,
      orderDate: today,
      status: 'confirmed' as const,
      lines: [{ productName: '茶叶礼盒', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
    });
    await api('orders.create', sale(customer.id, 5_000));
    const local = await storeApi('customers.create', { values: { name: '南京鼓楼茶庄', code: 'NJ-GL-01' } });
    await storeApi('orders.create', sale(local.id, 3_000));

    // Both edit the same field; the store's edit is the later one and wins at both sites.
    await api('customers.update', { id: customer.id, patch: { industry: '茶叶零售' } });
    await page.waitForTimeout(20);
    await storeApi('customers.update', { id: customer.id, patch: { industry: '茶具批发' } });
    await store.syncNow('HQ');
    const withConflict = await hq.syncNow('NJ01');
    // The store's bundles still in the folder (its acknowledgement, then its edit) arrive together.
    await expect(withConflict.locator('[data-testid=sync-outcome-applied][data-conflicts="1"]')).toContainText('1 处冲突已放入冲突箱');

    await expect(hq.badge).toHaveText('1');
    await expect(hq.conflicts).toHaveCount(1);
    const row = hq.conflicts.first();
    await expect(row.getByTestId('sync-conflict-customer')).toHaveText('南京紫金山茶业有限公司');
    await expect(row.locator('[data-key=field]')).toHaveText('行业');
    await expect(row.locator('[data-key=kept]').getByTestId('sync-conflict-value')).toHaveText('茶具批发');
    await expect(row.locator('[data-key=kept]').getByTestId('sync-conflict-by')).toContainText('南京店');
    await expect(row.locator('[data-key=lost]').getByTestId('sync-conflict-value')).toHaveText('茶叶零售');
    await expect(
      hq.page
        .getByTestId('sync-history-row')
        .filter({ has: hq.page.locator('td') })
        .first(),
    ).toBeVisible();
    await expect(hq.page.locator('[data-testid=sync-history-row][data-direction=in][data-conflicts="1"]')).toHaveCount(1);

    // The customer's name opens its card; back in the 同步中心 the entry is still there.
    await row.getByTestId('sync-conflict-customer').click();
    await expect(app.getByTestId('customer-card-panel')).toHaveAttribute('data-customer-id', customer.id);
    await expect(app.getByTestId('card-title')).toContainText('南京紫金山茶业有限公司');
    await hq.open();
    await expect(hq.conflicts).toHaveCount(1);

    // 改用此值: HQ's value comes back as a new change, which then syncs to the store.
    await row.getByTestId('sync-conflict-use-lost').click();
    await expect(hq.screen.getByTestId('sync-conflicts-empty')).toBeVisible();
    await expect(hq.badge).toBeHidden();
    expect((await api('customers.get', { id: customer.id })).customer.industry).toBe('茶叶零售');
    await hq.syncNow('NJ01');
    const settled = await store.syncNow('HQ');
    await expect(settled.locator('[data-testid=sync-outcome-applied][data-from=HQ]').last()).toContainText('来自总部的第');
    await expect.poll(async () => (await storeApi('customers.get', { id: customer.id })).customer.industry).toBe('茶叶零售');
    expect((await api('customers.get', { id: customer.id })).customer.industry).toBe('茶叶零售');

    // One customer code given out at both sites: both kept, the later one renamed and listed; 知道了 settles it.
    await api('customers.create', { values: { name: '鼓楼茶叶总汇', code: 'GL-01' } });
    await page.waitForTimeout(20);
    await storeApi('customers.create', { values: { name: '鼓楼茶叶分店', code: 'GL-01' } });
    await store.syncNow('HQ');
    await hq.syncNow('NJ01');
    const renamed = hq.page.locator('[data-testid=sync-conflict-row][data-kind=renamed]');
    await expect(renamed).toHaveCount(1);
    await expect(hq.badge).toHaveText('1');
    await expect(renamed.locator('[data-key=field]')).toContainText('本客户已改号');
    await expect(renamed.getByTestId('sync-conflict-customer')).toHaveText('鼓楼茶叶分店');
    await expect(renamed.locator('[data-key=kept]').getByTestId('sync-conflict-value')).toHaveText(/^GL-01-\w{4}$/);
    await expect(renamed.locator('[data-key=lost]').getByTestId('sync-conflict-value')).toHaveText('GL-01');
    await renamed.getByTestId('sync-conflict-acknowledge').click();
    await expect(hq.screen.getByTestId('sync-conflicts-empty')).toBeVisible();
    await expect(hq.badge).toBeHidden();
    const codes = (await api('customers.list', { offset: 0, limit: 100 })).rows.filter((c) => c.name.startsWith('鼓楼茶叶')).map((c) => c.code);
    expect(codes.sort()).toEqual(['GL-01', expect.stringMatching(/^GL-01-\w{4}$/)]);

    // A customer HQ takes back from 南京店 leaves the store with a message at its next 立即同步.
    const moved = await api('customers.create', { values: { name: '南京新街口茶行', storeCode: 'NJ01' } });
    await hq.syncNow('NJ01');
    await store.syncNow('HQ');
    await expect.poll(async () => (await storeApi('customers.list', { offset: 0, limit: 100 })).rows.map((c) => c.name)).toContain('南京新街口茶行');
    await api('customers.update', { id: moved.id, patch: { storeCode: 'HQ' } });
    await hq.syncNow('NJ01');
    const removal = await store.syncNow('HQ');
    await expect(removal.getByTestId('sync-outcome-removed')).toContainText('1 位客户已转到其他门店，本店不再保存：南京新街口茶行');
    expect((await storeApi('customers.list', { offset: 0, limit: 100 })).rows.map((c) => c.name)).not.toContain('南京新街口茶行');

    // 导出同步包 by hand: the file downloads, and the store's 导入同步包 applies it.
    const [bundle] = await Promise.all([app.waitForEvent('download'), hq.partner('NJ01').getByTestId('sync-partner-export').click()]);
    expect(bundle.suggestedFilename()).toMatch(/^总部-南京店-\d{6}\.kcsync$/);
    const bundlePath = join(tempDir, bundle.suggestedFilename());
    await bundle.saveAs(bundlePath);
    const number = String(Number(/(\d{6})\.kcsync$/.exec(bundlePath)?.[1]));
    const imported = await store.importFiles([bundlePath]);
    await expect(imported.getByTestId('sync-outcome-applied')).toHaveAttribute('data-number', number);
    await expect(imported.getByTestId('sync-outcome-applied')).toContainText(`来自总部的第 ${number} 号同步包`);
    await expect(store.partner('HQ').locator('[data-key=lastReceived]')).toHaveAttribute('data-number', number);

    // HQ's analysis counts the buyers of both sites.
    const analysis = new AnalysisPage(app);
    await analysis.open();
    const rfm = await analysis.openReport('rfm');
    await expect(rfm.getByTestId('rfm-analysed')).toHaveAttribute('data-count', '2');

    // 停用 (with a confirmation): the store's next bundle is refused at HQ and changes nothing.
    await hq.open();
    await hq.partner('NJ01').getByTestId('sync-partner-revoke').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('停用门店 南京店（NJ01）');
    await app.getByTestId('confirm-ok').click();
    await expect(hq.partner('NJ01')).toHaveAttribute('data-state', 'revoked');
    await expect(hq.partner('NJ01').locator('[data-key=status]')).toHaveText('已停用');
    await expect(hq.partner('NJ01').getByTestId('sync-partner-revoke')).toHaveCount(0);
    await storeApi('customers.update', { id: customer.id, patch: { industry: '停用后的修改' } });
    const [late] = await Promise.all([page.waitForEvent('download'), store.partner('HQ').getByTestId('sync-partner-export').click()]);
    const latePath = join(tempDir, late.suggestedFilename());
    await late.saveAs(latePath);
    const refused = (await hq.importFiles([latePath])).getByTestId('sync-outcome-refused');
    await expect(refused).toHaveAttribute('data-reason', 'revoked');
    await expect(refused).toContainText('发送方已被总部停用');
    expect((await api('customers.get', { id: customer.id })).customer.industry).toBe('茶叶零售');
  } finally {
    await context.close();
    await storeShell.stop();
    rmSync(shared, { recursive: true, force: true });
  }
});

test('导入同步包 refuses a file that is not a bundle, in Chinese, and changes nothing', async ({ app, api, tempDir }) => {
  const sync = new SyncCenter(app);
  await api('sync.createNetwork', { code: 'HQ', name: '总部' });
  await api('customers.create', { values: { name: '苏州平江文具有限公司' } });
  const before = await api('sync.status', {});
  const customersBefore = await api('customers.list', { offset: 0, limit: 100 });
  const stray = join(tempDir, '客户名单.kcsync');
  writeFileSync(stray, '这不是同步包\n');

  await sync.open();
  const outcome = await sync.importFiles([stray]);
  const refused = outcome.getByTestId('sync-outcome-refused');
  await expect(refused).toHaveAttribute('data-reason', 'notABundle');
  await expect(refused).toContainText('客户名单.kcsync');
  await expect(refused).toContainText('该文件不是客卡同步包，未导入');
  await expect(outcome.getByTestId('sync-outcome-applied')).toHaveCount(0);

  expect(await api('sync.status', {})).toEqual(before);
  expect(await api('customers.list', { offset: 0, limit: 100 })).toEqual(customersBefore);
});
