import { expect, type Locator, type Page } from '@playwright/test';

export interface FieldSpec {
  label: string;
  /** Type as shown in the type select (e.g. 金额（元）, 单选). */
  typeLabel: string;
  options?: { label: string; colorLabel?: string }[];
  trackHistory?: boolean;
  required?: boolean;
  /** 建立索引: the index is then built in the background ('index' job). */
  indexed?: boolean;
}

/** What the field manager shows next to a field: `none` shows nothing. */
export type FieldIndexState = 'none' | 'building' | 'pending' | 'ready';

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
    if (spec.indexed) await dialog.getByTestId('fd-indexed').check();
    await dialog.getByTestId('fd-save').click();
    await expect(dialog).toBeHidden();
    await expect(this.fieldRow(spec.label)).toBeVisible();
  }

  /** 字段管理 (already open): edits a field and ticks or unticks 建立索引. */
  async setIndexed(label: string, indexed: boolean): Promise<void> {
    await this.fieldRow(label).getByTestId('field-edit').click();
    const dialog = this.page.getByTestId('field-dialog');
    await dialog.getByTestId('fd-indexed').setChecked(indexed);
    await dialog.getByTestId('fd-save').click();
    await expect(dialog).toBeHidden();
  }

  /** The index state shown in a field's row (正在建立索引… / 索引尚未建立 / 索引已建立). */
  indexState(label: string): Locator {
    return this.fieldRow(label).getByTestId('field-index-state');
  }

  /** Waits until a field's row shows `state`; for `ready`, `pending` and `building` also its zh-CN text. */
  async expectIndexState(label: string, state: FieldIndexState): Promise<void> {
    const shown = this.indexState(label);
    if (state === 'none') {
      await expect(shown).toHaveCount(0);
      return;
    }
    await expect(shown).toHaveAttribute('data-state', state);
    const text = { ready: '索引已建立', pending: '索引尚未建立', building: '正在建立索引' }[state];
    await expect(shown).toContainText(text);
  }

  /** 卡片布局: moves a field (by label) to another section, chosen by its "tab · section" label. */
  async moveFieldInLayout(fieldLabel: string, targetLabel: string): Promise<void> {
    const field = this.page.locator(`[data-testid=le-field][data-label="${fieldLabel}"]`);
    await field.getByTestId('le-field-move').selectOption({ label: targetLabel });
  }

  /** 卡片布局: which layout the editor shows (`customer` card or `contact` form). */
  async editLayoutOf(entity: 'customer' | 'contact'): Promise<void> {
    await this.page.getByTestId('le-entity').selectOption(entity);
    await expect(this.page.getByTestId('layout-editor')).toHaveAttribute('data-entity', entity);
  }

  /** A field row in the layout editor, by its key (built-in name or cf_…). */
  layoutField(key: string): Locator {
    return this.page.locator(`[data-testid=le-field][data-field="${key}"]`);
  }

  /**
   * Drags a layout row by its ⠿ handle onto `target` with real mouse moves: the upper quarter of
   * the target puts it before, the lower quarter after. For a field the target is measured again
   * before the drop, because fields really move under the pointer while dragged; tabs and sections
   * only shift on screen, and aiming at the shifted box would drop them one place off.
   */
  async dragInLayout(row: Locator, target: Locator, where: 'before' | 'after' = 'before', reaim = true): Promise<void> {
    const handle = row.locator('.drag-handle').first();
    // Away from the pane's edges, where dragging scrolls the pane under the pointer.
    await target.evaluate((el: { scrollIntoView(options: { block: 'center' }): void }) => el.scrollIntoView({ block: 'center' }));
    await handle.scrollIntoViewIfNeeded();
    const from = await handle.boundingBox();
    if (!from) throw new Error('the drag handle is not visible');
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    const aim = async () => {
      const box = await target.boundingBox();
      if (!box) throw new Error('the drop target is not visible');
      return { x: box.x + Math.min(40, box.width / 2), y: box.y + box.height * (where === 'before' ? 0.25 : 0.75) };
    };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    // Past the sensor's few pixels of travel, so the drag starts.
    await this.page.mouse.move(start.x + 2, start.y + 10, { steps: 5 });
    let to = await aim();
    await this.page.mouse.move(to.x, to.y, { steps: 20 });
    if (reaim) {
      to = await aim();
      await this.page.mouse.move(to.x, to.y, { steps: 5 });
    }
    await this.page.mouse.up();
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
