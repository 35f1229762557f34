import type { Locator, Page } from '@playwright/test';

/** 变动历史: one row per logged change, newest first. */
export class HistoryTab {
  readonly root: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('history-list');
    this.rows = page.getByTestId('history-row');
  }

  /** Rows of one entity (`customer`, `department`, `contact`), optionally of one op and field. */
  entries(entity: string, opts: { op?: string; field?: string } = {}): Locator {
    let selector = `[data-testid=history-row][data-entity=${entity}]`;
    if (opts.op) selector += `[data-op=${opts.op}]`;
    if (opts.field !== undefined) selector += `[data-field="${opts.field}"]`;
    return this.root.locator(selector);
  }

  /** What one row shows in its 对象, 字段 and 变更 columns. */
  cells(row: Locator): Locator {
    return row.locator('td');
  }

  /** Rows written by an undo. */
  undoRows(): Locator {
    return this.rows.filter({ has: this.page.getByTestId('history-undo-marker') });
  }

  /** Rows whose change has been undone. */
  undoneRows(): Locator {
    return this.rows.filter({ has: this.page.getByTestId('history-undone-marker') });
  }
}
