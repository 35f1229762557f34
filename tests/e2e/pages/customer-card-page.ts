import { expect, type Locator, type Page } from '@playwright/test';

/** The customer card beside the list: layout-driven fields, related tabs, totals. */
export class CustomerCardPage {
  readonly panel: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('customer-card-panel');
  }

  async open(name: string): Promise<void> {
    await this.page.getByTestId('nav-customers').click();
    await this.page.getByTestId('customer-row').filter({ hasText: name }).first().click();
    await expect(this.page.getByTestId('card-title')).toHaveText(name);
  }

  section(key: string): Locator {
    return this.panel.locator(`[data-testid=card-section][data-key="${key}"]`);
  }

  field(label: string): Locator {
    return this.panel.locator(`[data-testid=card-field][data-label^="${label}"]`);
  }

  /** The input of a field by its label. */
  input(label: string): Locator {
    return this.field(label).locator('input, select, textarea').first();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('save-customer').click();
    await expect(this.page.locator('[data-testid=toast][data-kind=success]').last()).toBeVisible();
  }

  tabByLabel(label: string): Locator {
    return this.panel.locator(`[role=tab][data-label="${label}"]`);
  }

  total(id: 'orders' | 'received' | 'outstanding' | 'last-order' | 'expenses'): Locator {
    return this.panel.getByTestId(`card-total-${id}`);
  }
}
