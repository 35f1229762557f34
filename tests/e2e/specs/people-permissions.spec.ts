import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

// The permission matrix and 停用并移交 as the manager uses them (issue 19): 权限设置 takes 导出 away
// from the assistant, who then sees no export button and no administration entry; a staff member's
// screens make no call main refuses; the manager hands a leaving salesperson's customers over.

async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(app.getByTestId('sign-in-screen')).toBeVisible();
  await app.getByTestId('sign-in-login').fill(login);
  await app.getByTestId('sign-in-password').fill(password);
  await expect(app.getByTestId('sign-in-submit')).toBeEnabled({ timeout: 5000 });
  await app.getByTestId('sign-in-submit').click();
}

/** Methods main refused to this page (FORBIDDEN), collected while a role uses its screens. */
function watchRefusals(app: Page): string[] {
  const refused: string[] = [];
  app.on('response', (res) => {
    const url = res.url();
    if (!url.includes('/api/call/')) return;
    void res
      .json()
      .then((body: { ok: boolean; error?: { code: string } }) => {
        if (!body.ok && body.error?.code === 'FORBIDDEN') refused.push(url.slice(url.indexOf('/api/call/') + 10));
      })
      .catch(() => undefined);
  });
  return refused;
}

test('the manager narrows the assistant, a staff session meets no refusal, and a leaving salesperson is handed over', async ({ app, api, frame }) => {
  const refused = watchRefusals(app);
  const setup = await test.step('a workspace with two salespeople, their customers and three users', async () => {
    const [owner] = await api('users.list', {});
    const wang = await api('employees.create', { values: { name: '王五' } });
    const zhao = await api('employees.create', { values: { name: '赵六' } });
    for (const name of ['王五的甲公司', '王五的乙公司']) await api('customers.create', { values: { name, ownerId: wang.id } });
    await api('customers.create', { values: { name: '赵六的公司', ownerId: zhao.id } });
    await api('account.setPassword', { newPassword: 'boss-pass-1' });
    await api('users.create', { login: 'xiaoli', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
    await api('users.create', { login: 'wangwu', displayName: '王五', role: 'staff', employeeId: wang.id, password: 'wang-pass-1' });
    return { ownerLogin: owner?.login ?? '', wang, zhao };
  });

  await test.step('the manager opens 权限设置 from the sidebar and sets the assistant’s 导出 to 无', async () => {
    await app.reload();
    await expect(app.getByTestId('nav-users')).toBeVisible();
    await app.getByTestId('nav-permissions').click();
    await expect(app.getByTestId('permissions-screen')).toBeVisible();
    await expect(app.locator('[data-testid=perm-fixed-role][data-role=manager]')).toContainText('全部');
    const exportCell = app.locator('[data-testid=perm-area][data-role=assistant][data-area=export]');
    await expect(exportCell).toHaveValue('edit');
    await exportCell.selectOption('none');
    await expect(app.getByTestId('perm-unsaved')).toBeVisible();
    await app.getByTestId('perm-save').click();
    await expect(app.getByTestId('perm-changes')).toHaveText('助理 · 导出：编辑 → 无');
    await app.getByTestId('perm-confirm-save').click();
    await expect(frame.toast('success', '权限设置已保存。')).toBeVisible();
    await expect(app.getByTestId('perm-save')).toBeDisabled();
  });

  await test.step('the assistant signs in: no 导出 button, no 用户管理 or 权限设置', async () => {
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'xiaoli', 'li-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('小李（助理）');
    await app.getByTestId('nav-queries').click();
    await app.getByTestId('qb-run').click();
    await expect(app.getByTestId('bulk-open')).toBeVisible();
    await expect(app.getByTestId('export-xlsx')).toHaveCount(0);
    await expect(app.getByTestId('export-csv')).toHaveCount(0);
    await expect(app.getByTestId('nav-users')).toHaveCount(0);
    await expect(app.getByTestId('nav-permissions')).toHaveCount(0);
    await expect(app.getByTestId('status-users')).toHaveCount(0);
    await app.getByTestId('menu-file').click();
    await expect(app.getByTestId('menu-import')).toBeVisible();
    await expect(app.getByTestId('menu-export-workbook')).toHaveCount(0);
    await app.keyboard.press('Escape');
  });

  await test.step('a staff member’s screens offer only what staff may do and make no refused call', async () => {
    await app.getByTestId('status-sign-out').click();
    await signIn(app, 'wangwu', 'wang-pass-1');
    await expect(app.getByTestId('status-user')).toContainText('王五（业务员）');
    await expect(app.getByTestId('new-customer')).toBeVisible();
    for (const hidden of ['nav-sync', 'nav-settings', 'nav-users', 'nav-permissions']) await expect(app.getByTestId(hidden)).toHaveCount(0);
    // 分析 is theirs too, over their own customers only, and says so.
    await app.getByTestId('nav-analysis').click();
    await expect(app.getByTestId('analysis-own-only')).toHaveText('仅含我的客户');
    await app.getByTestId('analysis-tab-reports').click();
    await app.getByTestId('report-nav-pareto').click();
    await expect(app.getByTestId('analysis-screen')).not.toHaveAttribute('data-loading', 'true');
    await app.getByTestId('nav-queries').click();
    await app.getByTestId('qb-run').click();
    await expect(app.getByTestId('bulk-open')).toBeVisible();
    await expect(app.getByTestId('export-xlsx')).toHaveCount(0);
    await app.getByTestId('nav-customers').click();
    await app.getByTestId('menu-file').click();
    for (const hidden of ['menu-import', 'menu-backups', 'menu-save-copy', 'menu-export-workbook', 'menu-demo'])
      await expect(app.getByTestId(hidden)).toHaveCount(0);
    await app.keyboard.press('Escape');
    await expect(frame.page.locator('[data-testid=toast][data-kind=error]')).toHaveCount(0);
    expect(refused).toEqual([]);
  });

  await test.step('the manager disables 王五 and hands his customers to 赵六 in one step', async () => {
    await app.getByTestId('status-switch-user').click();
    await signIn(app, setup.ownerLogin, 'boss-pass-1');
    await app.getByTestId('nav-users').click();
    await expect(app.getByTestId('users-screen')).toContainText('用户管理');
    const row = app.locator('[data-testid=user-row][data-login=wangwu]');
    await row.getByTestId('user-transfer').click();
    await expect(app.getByTestId('transfer-counts')).toHaveText(
      '将移交：客户 2 个，未完成订单 0 张，未结束的业务记录 0 条，作为相关员工服务的客户 0 个。',
    );
    await app.getByTestId('transfer-to').selectOption({ label: '赵六' });
    await app.getByTestId('transfer-confirm').click();
    await expect(frame.toast('success', '已停用 王五，移交客户 2 个')).toBeVisible();
    await expect(row).toHaveAttribute('data-active', 'false');
    const moved = await api('customers.list', { offset: 0, limit: 10 });
    const owners = Object.fromEntries(moved.rows.map((c: { name: string; ownerId: string | null }) => [c.name, c.ownerId]));
    expect(owners).toEqual({ 王五的甲公司: setup.zhao.id, 王五的乙公司: setup.zhao.id, 赵六的公司: setup.zhao.id });
  });

  await test.step('a role change is asked first', async () => {
    const row = app.locator('[data-testid=user-row][data-login=xiaoli]');
    await row.getByTestId('user-role').selectOption('viewer');
    await expect(app.getByTestId('confirm-dialog')).toContainText('把 小李 的角色从“助理”改为“只读”');
    await app.getByTestId('confirm-cancel').click();
    await expect(row.getByTestId('user-role')).toHaveValue('assistant');
  });
});
