import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the 查询 screen: builder, results, saved queries, favourites in the sidebar. */
export class QueryBuilderPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-queries').click();
    await expect(this.page.getByTestId('queries-screen')).toBeVisible();
    await expect(this.page.getByTestId('query-builder')).toBeVisible();
  }

  /** A node of the tree by its path ("" = root, "1.0" = first child of the second child). */
  condition(path: string): Locator {
    return this.page.locator(`[data-testid=qb-condition][data-path="${path}"]`);
  }
  related(path: string): Locator {
    return this.page.locator(`[data-testid=qb-related][data-path="${path}"]`);
  }
  private button(testId: string, path: string): Locator {
    return this.page.locator(`[data-testid=${testId}][data-path="${path}"]`);
  }
  async addCondition(groupPath: string): Promise<void> {
    await this.button('qb-add-condition', groupPath).click();
  }
  async addGroup(groupPath: string): Promise<void> {
    await this.button('qb-add-group', groupPath).click();
  }
  async addRelated(groupPath: string): Promise<void> {
    await this.button('qb-add-related', groupPath).click();
  }
  async setGroupOp(groupPath: string, op: 'and' | 'or'): Promise<void> {
    await this.button(`qb-group-op-${op}`, groupPath).click();
  }

  /** Sets field, operator and (optionally) a value or number of days on the condition at `path`. */
  async setCondition(path: string, c: { field: string; operator: string; value?: string; days?: number }): Promise<void> {
    const row = this.condition(path);
    await row.getByTestId('qb-field').selectOption(c.field);
    await expect(row).toHaveAttribute('data-field', c.field);
    await row.getByTestId('qb-operator').selectOption(c.operator);
    if (c.value !== undefined) await row.getByTestId('qb-value').fill(c.value);
    if (c.days !== undefined) await row.getByTestId('qb-days').fill(String(c.days));
  }

  /** The head of a related condition: relation, mode, and for totals fn/field/op/value. */
  async setRelated(
    path: string,
    r: { relation: string; mode: string; aggregate?: { fn: string; field: string; op: string; value: string } },
  ): Promise<void> {
    const head = this.related(path).locator('.qb-related-head').first();
    await head.getByTestId('qb-relation').selectOption(r.relation);
    await head.getByTestId('qb-related-mode').selectOption(r.mode);
    if (r.aggregate) {
      await head.getByTestId('qb-agg-fn').selectOption(r.aggregate.fn);
      await head.getByTestId('qb-agg-field').selectOption(r.aggregate.field);
      await head.getByTestId('qb-agg-op').selectOption(r.aggregate.op);
      await head.getByTestId('qb-agg-value').fill(r.aggregate.value);
    }
  }

  liveCount(): Locator {
    return this.page.getByTestId('qb-count');
  }
  async run(): Promise<void> {
    await this.page.getByTestId('qb-run').click();
  }
  resultTotal(): Locator {
    return this.page.getByTestId('result-total');
  }
  resultRows(): Locator {
    return this.page.getByTestId('result-row');
  }

  async save(name: string, opts: { shared: boolean; pinned: boolean }): Promise<void> {
    await this.page.getByTestId('query-save').click();
    const dialog = this.page.getByTestId('save-query-dialog');
    await dialog.getByTestId('save-query-name').fill(name);
    await dialog.getByTestId('save-query-shared').setChecked(opts.shared);
    await dialog.getByTestId('save-query-pinned').setChecked(opts.pinned);
    await dialog.getByTestId('save-query-ok').click();
    await expect(dialog).toBeHidden();
  }

  pinned(name: string): Locator {
    return this.page.locator(`[data-testid=pinned-query][data-name="${name}"]`);
  }
  folder(name: string): Locator {
    return this.page.locator(`[data-testid=folder][data-name="${name}"]`);
  }

  async createFolder(entity: 'customer' | 'contact', name: string): Promise<void> {
    await this.page.getByTestId(`folder-new-${entity}`).click();
    await this.page.getByTestId('folder-name-input').fill(name);
    await this.page.getByTestId('folder-name-ok').click();
    await expect(this.folder(name)).toBeVisible();
  }

  async showGroups(): Promise<void> {
    await this.page.getByTestId('result-view-groups').click();
    await expect(this.page.getByTestId('grouped-results')).toBeVisible();
  }
  groupRow(key: string): Locator {
    return this.page.locator(`[data-testid=group-row][data-key="${key}"]`);
  }
  groupTotal(): Locator {
    return this.page.getByTestId('group-total');
  }

  /** Bulk action on the whole result: choose it, confirm the count the app asks about. */
  async bulkAddToFolder(folderName: string, expectCount: number): Promise<void> {
    await this.page.getByTestId('bulk-open').click();
    const dialog = this.page.getByTestId('bulk-dialog');
    await dialog.getByTestId('bulk-action').selectOption('addToFolder');
    await dialog.getByTestId('bulk-folder').selectOption({ label: folderName });
    await dialog.getByTestId('bulk-scope-all').check();
    await dialog.getByTestId('bulk-apply').click();
    await expect(this.page.getByTestId('confirm-dialog')).toContainText(String(expectCount));
    await this.page.getByTestId('confirm-ok').click();
    await expect(dialog).toBeHidden();
  }
}
