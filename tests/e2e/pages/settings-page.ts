import { expect, type Locator, type Page } from '@playwright/test';

export interface FieldSpec {
  label: string;
  /** Type as shown in the type select (e.g. 金额（元）, 单选). */
  typeLabel: string;
  options?: { label: string; colorLabel?: string }[];
  trackHistory?: boolean;
  required?: boolean;
}

/** 设置: 字段管理, 卡片布局, 自定义业务, 费用分类. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(section: 'fields' | 'layout' | 'business-types' | 'categories'): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId(`settings-${section}`).click();
  }

  fieldRow(label: string): Locator {
    return this.page.locator(`[data-testid=field-row][data-label="${label}"]`);
  }

  async addField(entity: string, spec: FieldSpec): Promise<void> {
    await this.open('fields');
    await this.page.getByTestId('fields-entity').selectOption(entity);
    await this.page.getByTestId('add-field').click();
    const dialog = this.page.getByTestId('field-dialog');
    await dialog.getByTestId('fd-label').fill(spec.label);
    await dialog.getByTestId('fd-type').selectOption({ label: spec.typeLabel });
    for (const [i, option] of (spec.options ?? []).entries()) {
      await dialog.getByTestId('fd-option-add').click();
      const row = dialog.getByTestId('fd-option-row').nth(i);
      await row.getByTestId('fd-option-label').fill(option.label);
      if (option.colorLabel) await row.getByTestId('fd-option-color').selectOption({ label: option.colorLabel });
    }
    if (spec.trackHistory) await dialog.getByTestId('fd-trackHistory').check();
    if (spec.required) await dialog.getByTestId('fd-required').check();
    await dialog.getByTestId('fd-save').click();
    await expect(dialog).toBeHidden();
    await expect(this.fieldRow(spec.label)).toBeVisible();
  }

  /** 卡片布局: moves a field (by label) to another section, chosen by its "tab · section" label. */
  async moveFieldInLayout(fieldLabel: string, targetLabel: string): Promise<void> {
    const field = this.page.locator(`[data-testid=le-field][data-label="${fieldLabel}"]`);
    await field.getByTestId('le-field-move').selectOption({ label: targetLabel });
  }

  layoutSection(key: string): Locator {
    return this.page.locator(`[data-testid=le-section][data-key="${key}"]`);
  }

  async saveLayout(): Promise<void> {
    await this.page.getByTestId('le-save').click();
    await expect(this.page.getByTestId('le-dirty')).toBeHidden();
  }

  /** Creates a business type from a template; its editor opens. */
  async createFromTemplate(key: 'opportunity' | 'complaint' | 'visit' | 'satisfaction'): Promise<Locator> {
    await this.open('business-types');
    await this.page.getByTestId(`bt-template-${key}`).click();
    const editor = this.page.getByTestId('bt-editor');
    await expect(editor).toBeVisible();
    return editor;
  }
}
