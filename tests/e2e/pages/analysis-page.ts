import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Page model of 分析: classification schemes (editor, preview, apply) and the reports with their drill-down lists. */
export class AnalysisPage {
  constructor(readonly page: Page) {}

  private id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.id('nav-analysis').click();
    await expect(this.id('analysis-screen')).toBeVisible();
  }

  async openClassification(): Promise<void> {
    await this.id('analysis-tab-classification').click();
    await expect(this.id('classification-screen')).toBeVisible();
  }

  async newScheme(name: string): Promise<void> {
    await this.id('scheme-new').click();
    await expect(this.id('scheme-editor')).toBeVisible();
    await this.id('scheme-name').fill(name);
  }

  async openScheme(name: string): Promise<void> {
    await this.page.locator(`[data-testid=scheme-item][data-name="${name}"]`).click();
    await expect(this.id('scheme-name')).toHaveValue(name);
  }

  /** Contribution method: the cumulative share (percent) that ends class `key`. */
  async setCut(key: string, percent: number): Promise<void> {
    await this.page.locator(`[data-testid=scheme-cut][data-key="${key}"]`).getByTestId('scheme-cut-input').fill(String(percent));
  }

  previewRow(key: string): Locator {
    return this.page.locator(`[data-testid=scheme-preview-table-row][data-key="${key}"]`);
  }

  async save(): Promise<void> {
    await this.id('scheme-save').click();
    await expect(this.id('scheme-apply')).toBeVisible();
  }

  /** Applies the saved scheme for a period and waits for the stored result. */
  async apply(period: string): Promise<void> {
    await this.id('scheme-apply-period').fill(period);
    await this.id('scheme-apply-run').click();
    await expect(this.id('scheme-apply-result')).toBeVisible();
    await expect(this.id('scheme-periods')).toHaveAttribute('data-periods', new RegExp(`(^|,)${period}(,|$)`));
  }

  /** Opens a report and waits until its job has finished. */
  async openReport(kind: string): Promise<Locator> {
    await this.id('analysis-tab-reports').click();
    await this.id(`report-nav-${kind}`).click();
    const report = this.id(`report-${kind}`);
    await expect(report).toHaveAttribute('data-status', 'done');
    return report;
  }

  drillPanel(): Locator {
    return this.id('drill-panel');
  }

  /** The names in the drill-down list, once every row has loaded. */
  async drillNames(expected: number): Promise<string[]> {
    const panel = this.drillPanel();
    await expect(panel).toHaveAttribute('data-status', 'done');
    await expect(panel.getByTestId('drill-total')).toHaveAttribute('data-total', String(expected));
    const rows = panel.getByTestId('result-row');
    await expect(rows).toHaveCount(expected);
    return (await rows.allInnerTexts()).map((s) => s.trim());
  }

  async saveDrillAsFolder(name: string): Promise<void> {
    await this.id('drill-save-folder').click();
    await this.id('drill-folder-dialog-input').fill(name);
    await this.id('drill-folder-dialog-ok').click();
    await expect(this.id('drill-folder-dialog')).toBeHidden();
  }

  async exportSvg(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.id('report-export-svg').click();
    return download;
  }

  async exportPng(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.id('report-export-png').click();
    return download;
  }
}
