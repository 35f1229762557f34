import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of 文件 → 已删除的客户…: deleted customers with 恢复 and 彻底清除. */
export class DeletedCustomersDialog {
  readonly dialog: Locator;
  readonly rows: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('deleted-customers-dialog');
    this.rows = page.getByTestId('deleted-customer-row');
    this.confirm = page.getByTestId('confirm-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('menu-file').click();
    await this.page.getByTestId('menu-deleted-customers').click();
    await expect(this.dialog).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async restore(name: string): Promise<void> {
    await this.row(name).getByTestId('deleted-customer-restore').click();
    await expect(this.row(name)).toHaveCount(0);
  }

  /** 彻底清除 on a row: opens the confirmation, which the caller reads and answers. */
  async askPurge(name: string): Promise<void> {
    await this.row(name).getByTestId('deleted-customer-purge').click();
    await expect(this.confirm).toBeVisible();
  }

  async answer(ok: boolean): Promise<void> {
    await this.confirm.getByTestId(ok ? 'confirm-ok' : 'confirm-cancel').click();
    await expect(this.confirm).toBeHidden();
  }

  async close(): Promise<void> {
    await this.dialog.getByTestId('deleted-customers-close').click();
    await expect(this.dialog).toBeHidden();
  }
}
