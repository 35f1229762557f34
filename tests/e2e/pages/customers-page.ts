import { expect, type Locator, type Page } from '@playwright/test';
import type { CustomerListColumn, CustomerSortField } from '../../../src-shared/domain/customer';

/** The customers screen: quick search, toolbar, list or card view. */
export class CustomersPage {
  readonly quickSearch: Locator;
  readonly searchResults: Locator;
  readonly searchHits: Locator;
  readonly searchEmpty: Locator;
  readonly newCustomerButton: Locator;
  readonly total: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly viewListButton: Locator;
  readonly viewCardsButton: Locator;
  readonly cardView: Locator;
  readonly cards: Locator;
  readonly columnChooserButton: Locator;
  readonly columnChooser: Locator;
  readonly headers: Locator;

  constructor(readonly page: Page) {
    this.quickSearch = page.getByTestId('quick-search');
    this.searchResults = page.getByTestId('search-results');
    this.searchHits = page.getByTestId('search-hit');
    this.searchEmpty = page.getByTestId('search-empty');
    this.newCustomerButton = page.getByTestId('new-customer');
    this.total = page.getByTestId('list-total');
    this.table = page.getByTestId('customer-table');
    this.rows = page.getByTestId('customer-row');
    this.viewListButton = page.getByTestId('view-list');
    this.viewCardsButton = page.getByTestId('view-cards');
    this.cardView = page.getByTestId('customer-cards');
    this.cards = page.getByTestId('customer-card');
    this.columnChooserButton = page.getByTestId('column-chooser');
    this.columnChooser = page.getByTestId('column-chooser-panel');
    this.headers = this.table.locator('[data-testid^="header-"]');
  }

  async newCustomer(): Promise<void> {
    await this.newCustomerButton.click();
  }

  /** Types into 快速查询 and waits for the answer to this query (hits or “no hits”). */
  async search(query: string): Promise<void> {
    await this.quickSearch.fill(query);
    await expect(this.searchResults).toBeVisible();
    await expect(this.searchHits.first().or(this.searchEmpty)).toBeVisible();
  }

  hit(text: string): Locator {
    return this.searchHits.filter({ hasText: text });
  }

  /** Searches and opens the hit showing `name`. */
  async openFromSearch(query: string, name: string): Promise<void> {
    await this.search(query);
    const hit = this.hit(name);
    await expect(hit).toHaveCount(1);
    await hit.click();
    await expect(this.searchResults).toBeHidden();
  }

  /** The loaded row at a list position (rows are virtualised: only those near the view exist). */
  row(index: number): Locator {
    return this.page.locator(`[data-testid=customer-row][data-index="${index}"]`);
  }

  rowById(id: string): Locator {
    return this.page.locator(`[data-testid=customer-row][data-id="${id}"]`);
  }

  /** The ids of the first `count` rows, in list order, once they have loaded. */
  async rowIds(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const row = this.row(i);
      await expect(row).toBeVisible();
      ids.push((await row.getAttribute('data-id')) ?? '');
    }
    return ids;
  }

  /** The ids of the first `count` tiles of the card view. */
  async cardIds(count: number): Promise<string[]> {
    await expect(this.cards.nth(count - 1)).toBeVisible();
    return attributes(this.cards, 'data-id', count);
  }

  header(column: CustomerListColumn): Locator {
    return this.page.getByTestId(`header-${column}`);
  }

  /** Clicks a sortable header until the list sorts by it in `dir`. */
  async sortBy(column: CustomerSortField, dir: 'asc' | 'desc'): Promise<void> {
    const header = this.header(column);
    await header.click();
    if ((await header.getAttribute('data-sort')) !== dir) await header.click();
    await expect(header).toHaveAttribute('data-sort', dir);
  }

  /** The shown columns, left to right. */
  async shownColumns(): Promise<string[]> {
    const ids = await attributes(this.headers, 'data-testid');
    return ids.map((id) => id.replace(/^header-/, ''));
  }

  async switchView(view: 'list' | 'cards'): Promise<void> {
    const button = view === 'list' ? this.viewListButton : this.viewCardsButton;
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Opens the column chooser, ticks / unticks columns, moves one up, and closes it. */
  async chooseColumns(change: { show?: CustomerListColumn[]; hide?: CustomerListColumn[]; moveUp?: CustomerListColumn[] }): Promise<void> {
    await this.columnChooserButton.click();
    await expect(this.columnChooser).toBeVisible();
    for (const col of change.show ?? []) await this.page.getByTestId(`column-option-${col}`).check();
    for (const col of change.hide ?? []) await this.page.getByTestId(`column-option-${col}`).uncheck();
    for (const col of change.moveUp ?? []) await this.page.getByTestId(`column-up-${col}`).click();
    await this.page.getByTestId('column-done').click();
    await expect(this.columnChooser).toBeHidden();
  }

  /** 共 N 条 under the hits, once the count has answered (data-count / data-capped). */
  searchCount(): Locator {
    return this.page.getByTestId('search-count');
  }

  /** The bar above the list while it shows a search's results (查看全部). */
  searchFilter(): Locator {
    return this.page.getByTestId('list-search-filter');
  }

  /** Searches, then 查看全部: the list shows every match. */
  async showAllResults(query: string): Promise<void> {
    await this.search(query);
    await expect(this.searchCount()).toHaveAttribute('data-count', /\d+/);
    await this.page.getByTestId('search-show-all').click();
    await expect(this.searchResults).toBeHidden();
    await expect(this.searchFilter()).toHaveAttribute('data-q', query);
  }

  async clearSearchFilter(): Promise<void> {
    await this.page.getByTestId('list-search-clear').click();
    await expect(this.searchFilter()).toBeHidden();
  }
}

/** One attribute of each element a locator matches (at most `limit`), in document order. */
async function attributes(locator: Locator, name: string, limit = Infinity): Promise<string[]> {
  const all = await locator.all();
  const out: string[] = [];
  for (const el of all.slice(0, limit)) out.push((await el.getAttribute(name)) ?? '');
  return out;
}
