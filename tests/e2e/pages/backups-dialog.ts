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
