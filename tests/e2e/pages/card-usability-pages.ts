import { expect, type Locator, type Page } from '@playwright/test';

/** 记一笔费用, opened from the card's 费用 tab. */
export class ExpenseDialogPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('expense-dialog');
  }

  async open(cardPanel: Locator, tabLabel: string): Promise<void> {
    await cardPanel.locator(`[role=tab][data-label="${tabLabel}"]`).click();
    await cardPanel.getByTestId('add-expense').click();
    await expect(this.root).toBeVisible();
  }

  async fill(values: { record?: string; title?: string; category?: string; amount?: string; date?: string; note?: string }): Promise<void> {
    if (values.record !== undefined) await this.root.getByTestId('expense-dialog-record').selectOption({ label: values.record });
    if (values.title !== undefined) await this.root.getByTestId('expense-dialog-title').fill(values.title);
    if (values.category !== undefined) await this.root.getByTestId('expense-dialog-category').selectOption({ label: values.category });
    if (values.amount !== undefined) await this.root.getByTestId('expense-dialog-amount').fill(values.amount);
    if (values.date !== undefined) await this.root.getByTestId('expense-dialog-date').fill(values.date);
    if (values.note !== undefined) await this.root.getByTestId('expense-dialog-note').fill(values.note);
  }

  async save(): Promise<void> {
    await this.root.getByTestId('expense-dialog-save').click();
  }
}

/** ☆ 收藏 on a customer card or in the contact dialog: folders of the record's kind, ticked when it is in them. */
export class FavouriteStarPage {
  readonly star: Locator;
  readonly popover: Locator;
  constructor(readonly scope: Locator) {
    this.star = scope.getByTestId('favourite-star');
    this.popover = scope.getByTestId('favourite-popover');
  }

  folder(name: string): Locator {
    return this.popover.locator(`[data-testid=favourite-folder-option][data-name="${name}"] input`);
  }

  /** Opens the popover and ticks (or unticks) a folder. */
  async setIn(folder: string, on: boolean): Promise<void> {
    if (!(await this.popover.isVisible())) await this.star.click();
    await this.folder(folder).setChecked(on);
  }

  async close(): Promise<void> {
    await this.scope.getByTestId('favourite-close').click();
    await expect(this.popover).toBeHidden();
  }
}

/** Whether an element lies horizontally inside the visible part of a clipping container. */
export async function horizontallyVisible(element: Locator, container: Locator): Promise<boolean> {
  const [e, c] = await Promise.all([element.boundingBox(), container.boundingBox()]);
  if (!e || !c) return false;
  return e.x >= c.x - 1 && e.x + Math.min(e.width, 80) <= c.x + c.width + 1;
}
