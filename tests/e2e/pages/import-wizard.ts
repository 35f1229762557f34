import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type DuplicateAction = 'skip' | 'updateEmpty' | 'overwrite' | 'create';

/** Page model of 文件 → 导入… (the import wizard). */
export class ImportWizard {
  readonly dialog: Locator;
  readonly counts: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('import-wizard');
    this.counts = page.getByTestId('import-counts');
    this.result = page.getByTestId('import-result');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('menu-file').click();
    await this.page.getByTestId('menu-import').click();
    await expect(this.dialog).toBeVisible();
    await expect(this.page.getByTestId('import-steps')).toHaveAttribute('data-step', 'file');
  }

  async chooseTarget(target: 'customers' | 'contacts' | 'orders' | 'receipts' | 'products' | 'records'): Promise<void> {
    await this.page.getByTestId(`import-target-${target}`).check();
  }

  /** Records: the business type, by its name. */
  async chooseBusinessType(name: string): Promise<void> {
    await this.page.getByTestId('import-business-type').selectOption({ label: name });
  }

  /** An unknown option value of the check, and what it should become (an option's label). */
  async decideOption(field: string, value: string, becomes: string): Promise<void> {
    await this.page
      .locator(`[data-testid=import-unknown-option][data-field="${field}"][data-value="${value}"]`)
      .getByTestId('import-option-decision')
      .selectOption({ label: becomes });
  }

  async recheck(): Promise<void> {
    await this.page.getByTestId('import-recheck').click();
    await expect(this.counts).toBeVisible();
  }

  /** Uploads a file through the page's file input and waits until it has been inspected. */
  async chooseFile(path: string, fileName: string): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(path);
    await expect(this.page.getByTestId('import-file-name')).toHaveAttribute('data-name', fileName);
  }

  async next(expectStep: 'source' | 'mapping' | 'check' | 'run'): Promise<void> {
    await this.page.getByTestId('import-next').click();
    await expect(this.page.getByTestId('import-steps')).toHaveAttribute('data-step', expectStep);
  }

  /** From the mapping step: starts the check and waits for its report. */
  /** A large file's check takes a while (it reads every row); `timeout` says how long to allow. */
  async check(timeout?: number): Promise<void> {
    await this.next('check');
    await expect(this.counts).toBeVisible(timeout ? { timeout } : {});
  }

  mappingSelect(column: number): Locator {
    return this.page.locator(`[data-testid=import-mapping-row][data-column="${column}"]`).getByTestId('import-mapping-select');
  }

  duplicate(row: number): Locator {
    return this.page.locator(`[data-testid=import-duplicate][data-row="${row}"]`);
  }

  async setDuplicateAction(row: number, action: DuplicateAction): Promise<void> {
    await this.duplicate(row).getByTestId('import-dup-action').selectOption(action);
  }

  problem(row: number, code: string): Locator {
    return this.page.locator(`[data-testid=import-problem][data-row="${row}"][data-code="${code}"]`);
  }

  async saveErrorReport(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('import-save-report').click()]);
    return download;
  }

  async setMode(mode: 'allOrNothing' | 'validRows'): Promise<void> {
    await this.page.getByTestId(`import-mode-${mode}`).check();
  }

  /** 开始导入, then waits for the summary; a large file's commit may take a while on a busy disk. */
  async run(timeout?: number): Promise<void> {
    await this.next('run');
    await expect(this.result).toBeVisible(timeout ? { timeout } : {});
  }

  async expectWritten(written: { inserted: number; updated: number; skipped: number }): Promise<void> {
    await expect(this.result).toHaveAttribute('data-inserted', String(written.inserted));
    await expect(this.result).toHaveAttribute('data-updated', String(written.updated));
    await expect(this.result).toHaveAttribute('data-skipped', String(written.skipped));
  }
}
