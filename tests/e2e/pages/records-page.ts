import { expect, type Locator, type Page } from '@playwright/test';

/** The record dialog (on the card or from a business type's list). */
export class RecordDialogPage {
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('record-dialog');
  }

  field(label: string): Locator {
    return this.dialog.locator(`[data-testid=record-field][data-label^="${label}"]`).locator('input, select, textarea').first();
  }

  statusOptions(): Locator {
    return this.dialog.getByTestId('record-status-option');
  }

  async addExpense(i: number, category: string, amount: string, note: string): Promise<void> {
    await this.dialog.getByTestId('expense-add').click();
    const line = this.dialog.getByTestId('expense-line').nth(i);
    await line.getByTestId('expense-category').selectOption({ label: category });
    await line.getByTestId('expense-amount').fill(amount);
    await line.getByTestId('expense-note').fill(note);
  }

  async save(): Promise<void> {
    await this.dialog.getByTestId('record-save').click();
    await expect(this.dialog).toBeHidden();
  }
}

/** A business type's own list with grouping. */
export class RecordsListPage {
  constructor(readonly page: Page) {}

  async open(typeName: string): Promise<void> {
    await this.page.locator(`[data-testid=nav-business-type][data-name="${typeName}"]`).click();
    await expect(this.page.getByTestId('records-screen')).toBeVisible();
  }

  group(label: string): Locator {
    return this.page.locator(`[data-testid=group-row][data-label="${label}"]`);
  }

  value(row: Locator, measure: string): Locator {
    return row.locator(`[data-testid=group-value][data-measure="${measure}"]`);
  }
}
