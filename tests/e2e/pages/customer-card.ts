import { expect, type Locator, type Page } from '@playwright/test';
import { formatPhone } from '../../../src-shared/validation/phone-form';
import type { CustomerValues } from '../support/builders';
import { HistoryTab } from './history-tab';
import { OrganisationTab } from './organisation-tab';

type TextField = Exclude<keyof CustomerValues, 'phones' | 'customerClass' | 'lifecycle'>;
const TEXT_FIELDS: TextField[] = ['name', 'shortName', 'code', 'industry', 'address', 'email', 'website', 'source'];
const SELECT_FIELDS = ['customerClass', 'lifecycle'] as const;
/** Picked from the division list, each level after the one above it. */
const REGION_FIELDS = ['province', 'city', 'district'] as const;

/** 客户卡片: the open customer with its tabs (basic, organisation and contacts, history). */
export class CustomerCard {
  readonly root: Locator;
  readonly title: Locator;
  readonly saveButton: Locator;
  readonly undoButton: Locator;
  readonly closeButton: Locator;
  readonly errorBanner: Locator;
  readonly phoneChips: Locator;
  readonly organisation: OrganisationTab;
  readonly history: HistoryTab;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('customer-card-panel');
    this.title = page.getByTestId('card-title');
    this.saveButton = page.getByTestId('save-customer');
    this.undoButton = page.getByTestId('undo');
    this.closeButton = page.getByTestId('close-card');
    this.errorBanner = page.getByTestId('card-error-banner');
    this.phoneChips = page.getByTestId('field-phones-chip');
    this.organisation = new OrganisationTab(page);
    this.history = new HistoryTab(page);
  }

  /** The input / select of a basic-tab field (`field-<name>`). */
  field(name: string): Locator {
    return this.root.getByTestId(`field-${name}`);
  }

  /** The translated message under a field (`field-error-<name>`). */
  fieldError(name: string): Locator {
    return this.root.getByTestId(`field-error-${name}`);
  }

  async customerId(): Promise<string> {
    return (await this.root.getAttribute('data-customer-id')) ?? '';
  }

  async expectNew(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-customer-id', '');
    await expect(this.title).toHaveText('新建客户');
  }

  /** Waits until the card shows the stored customer with this id. */
  async expectOpen(id: string, name: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-customer-id', id);
    await expect(this.title).toHaveText(name);
  }

  async openTab(tab: 'basic' | 'organisation' | 'history'): Promise<void> {
    const button = this.page.getByTestId(`tab-${tab}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-selected', 'true');
  }

  /** Types a phone into the chip box and presses Enter, as a user adds one more number. */
  async addPhone(phone: string): Promise<void> {
    const before = await this.phoneChips.count();
    await this.field('phones').fill(phone);
    await this.field('phones').press('Enter');
    await expect(this.phoneChips).toHaveCount(before + 1);
  }

  /** Fills the basic tab with the given values (text fields typed, selects chosen, phones added). */
  async fill(values: Partial<CustomerValues>): Promise<void> {
    await this.openTab('basic');
    for (const name of TEXT_FIELDS) {
      const v = values[name];
      if (v !== undefined) await this.field(name).fill(v);
    }
    for (const name of SELECT_FIELDS) {
      const v = values[name];
      if (v !== undefined) await this.field(name).selectOption(v);
    }
    for (const name of REGION_FIELDS) {
      const v = values[name];
      if (v !== undefined) await this.pickRegion(name, v);
    }
    for (const phone of values.phones ?? []) await this.addPhone(phone);
  }

  /** Picks 省 / 市 / 区 from its list ('' = the empty choice), once the list offers it. */
  async pickRegion(name: (typeof REGION_FIELDS)[number], value: string): Promise<void> {
    const select = this.field(name);
    if (value !== '') await expect(select.locator('option', { hasText: new RegExp(`^${escapeRegExp(value)}$`) })).toHaveCount(1);
    await select.selectOption(value);
  }

  /** Clicks 保存; the caller asserts the outcome (a toast, or messages under the fields). */
  async save(): Promise<void> {
    await expect(this.saveButton).toBeEnabled();
    await this.saveButton.click();
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.root).toBeHidden();
  }

  /** Asserts what the basic tab shows for each given value. */
  async expectValues(values: Partial<CustomerValues>): Promise<void> {
    await this.openTab('basic');
    for (const name of TEXT_FIELDS) {
      const v = values[name];
      if (v !== undefined) await expect(this.field(name), name).toHaveValue(v);
    }
    for (const name of [...SELECT_FIELDS, ...REGION_FIELDS]) {
      const v = values[name];
      if (v !== undefined) await expect(this.field(name), name).toHaveValue(v);
    }
    // Chips show the stored phone formatted (138 1234 5678).
    if (values.phones) await expect(this.phoneChips).toHaveText(values.phones.map((p) => new RegExp(`^${escapeRegExp(formatPhone(p))}`)));
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
