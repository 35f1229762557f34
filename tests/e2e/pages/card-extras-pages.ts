import { expect, type Locator, type Page } from '@playwright/test';

/** The 自定义字段 block of the contact or order dialog (`prefix` = `contact` | `order`). */
export class CustomFieldsBlock {
  constructor(
    readonly dialog: Locator,
    readonly prefix: 'contact' | 'order',
  ) {}

  field(label: string): Locator {
    return this.dialog.locator(`[data-testid=${this.prefix}-custom-field][data-label="${label}"]`);
  }

  /** The input (or select) of a custom field by its label. */
  input(label: string): Locator {
    return this.field(label).locator('input, select, textarea').first();
  }

  error(label: string): Locator {
    return this.field(label).locator('.field-error');
  }
}

/** The order dialog opened from the card's 订单 tab. */
export class OrderDialogPage {
  readonly root: Locator;
  readonly custom: CustomFieldsBlock;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('order-dialog');
    this.custom = new CustomFieldsBlock(this.root, 'order');
  }

  async openNew(cardPanel: Locator): Promise<void> {
    await cardPanel.getByTestId('tab-orders').click();
    await cardPanel.getByTestId('add-order').click();
    await expect(this.root).toBeVisible();
  }

  line(index: number): Locator {
    return this.root.getByTestId('order-line').nth(index);
  }

  async fillLine(index: number, values: { name?: string; quantity?: string; price?: string }): Promise<void> {
    const line = this.line(index);
    if (values.name !== undefined) await line.getByTestId('line-name').fill(values.name);
    if (values.quantity !== undefined) await line.getByTestId('line-quantity').fill(values.quantity);
    if (values.price !== undefined) await line.getByTestId('line-price').fill(values.price);
  }

  async save(): Promise<void> {
    await this.root.getByTestId('order-save').click();
  }

  /** 整单优惠: `mode` is the option value (`amount` 元, `zhe` 折, `percent` 实付 %). */
  async discount(mode: 'amount' | 'zhe' | 'percent', text: string): Promise<void> {
    await this.root.getByTestId('order-discount-mode').selectOption(mode);
    await this.root.getByTestId('order-discount').fill(text);
  }
}

export interface ProductValues {
  code?: string;
  name?: string;
  category?: string;
  unit?: string;
  price?: string;
  cost?: string;
  notes?: string;
}

/** 产品目录: search, the product rows, the add / edit dialog. */
export class ProductsPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('products-screen');
    this.rows = page.getByTestId('product-row');
    this.search = page.getByTestId('products-search');
    this.dialog = page.getByTestId('product-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-products').click();
    await expect(this.root).toBeVisible();
  }

  row(name: string): Locator {
    return this.root.locator(`[data-testid=product-row][data-name="${name}"]`);
  }

  cell(name: string, key: string): Locator {
    return this.row(name).locator(`td[data-key=${key}]`);
  }

  fieldError(key: string): Locator {
    return this.dialog.getByTestId(`product-field-error-${key}`);
  }

  /** Opens 新增产品 and fills the form (does not save). */
  async startNew(values: ProductValues): Promise<void> {
    await this.root.getByTestId('products-new').click();
    await expect(this.dialog).toBeVisible();
    for (const [key, value] of Object.entries(values) as [keyof ProductValues, string | undefined][]) {
      if (value !== undefined) await this.dialog.getByTestId(`product-field-${key}`).fill(value);
    }
  }

  async save(): Promise<void> {
    await this.dialog.getByTestId('product-save').click();
  }

  async add(values: ProductValues & { name: string }): Promise<void> {
    await this.startNew(values);
    await this.save();
    await expect(this.dialog).toBeHidden();
    await expect(this.row(values.name)).toBeVisible();
  }
}

/** 分组 of the customers list: levels, measures, group rows with counts and totals. */
export class CustomerGroupsPage {
  readonly bar: Locator;
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.bar = page.getByTestId('customers-group-bar');
    this.table = page.getByTestId('customers-grouped');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-customers').click();
    await this.page.getByTestId('customers-group-toggle').click();
    await expect(this.bar).toBeVisible();
  }

  async groupBy(label: string, level: 1 | 2 = 1): Promise<void> {
    await this.bar.getByTestId(`customers-group-${level}`).selectOption({ label });
    await expect(this.table).toBeVisible();
  }

  /** Chooses the function of a measure (`orderTotalFen`, `receivedFen`, … or a custom column) by its label, e.g. 合计. */
  async measure(field: string, fnLabel: string): Promise<void> {
    await this.bar.locator(`[data-testid=customers-measure][data-field="${field}"]`).selectOption({ label: fnLabel });
  }

  group(path: string): Locator {
    return this.table.locator(`[data-testid=group-row][data-path="${path}"]`);
  }

  get total(): Locator {
    return this.table.getByTestId('group-total');
  }

  /** A row's value of one measure (`sum:orderTotalFen`), as shown. */
  value(row: Locator, measure: string): Locator {
    return row.locator(`[data-testid=group-value][data-measure="${measure}"]`);
  }
}
