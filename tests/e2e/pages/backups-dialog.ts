import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of 文件 → 备份与恢复…. */
export class BackupsDialog {
  readonly dialog: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('backups-dialog');
    this.rows = page.getByTestId('backup-row');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('menu-file').click();
    await this.page.getByTestId('menu-backups').click();
    await expect(this.dialog).toBeVisible();
  }

  /** 备份文件夹: the folder backups go to. */
  get folder(): Locator {
    return this.dialog.getByTestId('backups-folder');
  }

  /**
   * 更改文件夹… in the browser shell (no native dialog): types the folder and confirms. Main checks
   * it; a refusal shows in backups-folder-error and the field stays.
   */
  async typeFolder(path: string): Promise<void> {
    if (!(await this.dialog.getByTestId('backups-folder-input').isVisible())) await this.dialog.getByTestId('backups-folder-change').click();
    await this.dialog.getByTestId('backups-folder-input').fill(path);
    await this.dialog.getByTestId('backups-folder-use').click();
  }

  rowsWithReason(reason: string): Locator {
    return this.page.locator(`[data-testid=backup-row][data-reason="${reason}"]`);
  }

  /** 立即备份: waits until one more manual backup is listed. */
  async backUpNow(): Promise<void> {
    const before = await this.rowsWithReason('manual').count();
    await this.dialog.getByTestId('backups-create').click();
    await expect(this.rowsWithReason('manual')).toHaveCount(before + 1);
  }

  /** 恢复 on a backup row, confirming the question; the dialog closes when the workspace is restored. */
  async restore(row: Locator): Promise<void> {
    await row.getByTestId('backup-restore').click();
    await expect(this.page.getByTestId('confirm-dialog')).toBeVisible();
    await this.page.getByTestId('confirm-ok').click();
    await expect(this.dialog).toBeHidden();
  }
}
