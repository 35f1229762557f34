import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Page model of 同步中心 (issue 18). */
export class SyncCenter {
  readonly screen: Locator;
  readonly partners: Locator;
  readonly conflicts: Locator;
  readonly badge: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('sync-screen');
    this.partners = page.getByTestId('sync-partner-row');
    this.conflicts = page.getByTestId('sync-conflict-row');
    this.badge = page.getByTestId('nav-sync-badge');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-sync').click();
    await expect(this.screen).toBeVisible();
  }

  partner(code: string): Locator {
    return this.page.locator(`[data-testid=sync-partner-row][data-code="${code}"]`);
  }

  /** 创建同步组（成为总部）. */
  async createNetwork(code: string, name: string): Promise<void> {
    await this.screen.getByTestId('sync-create-code').fill(code);
    await this.screen.getByTestId('sync-create-name').fill(name);
    await this.screen.getByTestId('sync-create-submit').click();
    await expect(this.screen.getByTestId('sync-site-role')).toHaveText('总部');
  }

  /** 门店管理 — 添加门店: returns the invitation the browser downloaded. */
  async addStore(code: string, name: string): Promise<Download> {
    await this.screen.getByTestId('sync-invite-code').fill(code);
    await this.screen.getByTestId('sync-invite-name').fill(name);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.screen.getByTestId('sync-invite-submit').click()]);
    await expect(this.screen.getByTestId('sync-invite-done')).toBeVisible();
    return download;
  }

  /** 打开邀请文件（加入总部）: uploads the file; returns the safety code shown. */
  async join(invitationPath: string): Promise<string> {
    await this.screen.getByTestId('sync-join-file').setInputFiles(invitationPath);
    const safety = this.screen.getByTestId('sync-joined-safety');
    await expect(safety).toHaveText(/^\d{5} \d{5} \d{5} \d{5}$/);
    return (await safety.textContent()) ?? '';
  }

  /** 设置同步文件夹 for one partner (typed path, as in the browser shell). */
  async setFolder(code: string, folder: string): Promise<void> {
    await this.partner(code).getByTestId('sync-partner-folder').click();
    await this.screen.getByTestId('sync-folder-input').fill(folder);
    await this.screen.getByTestId('sync-folder-use').click();
    await expect(this.partner(code).locator('[data-key=folder]')).toHaveText(folder);
  }

  /** 立即同步 with one partner; returns the result panel (what was sent and received). */
  async syncNow(code: string): Promise<Locator> {
    const result = this.screen.getByTestId('sync-now-result');
    const before = (await result.count()) > 0 ? Number(await result.getAttribute('data-run')) : 0;
    await this.partner(code).getByTestId('sync-partner-now').click();
    await expect(result).toHaveAttribute('data-run', String(before + 1));
    await expect(result).toHaveAttribute('data-code', code);
    return result;
  }

  /** 导入同步包 with files from disk; returns the outcome list (a large bundle may take longer than the default wait). */
  async importFiles(paths: string[], timeout?: number): Promise<Locator> {
    await this.screen.getByTestId('sync-import-file').setInputFiles(paths);
    const outcome = this.screen.getByTestId('sync-import-outcome');
    await expect(outcome).toBeVisible({ timeout });
    return outcome;
  }
}
