import { expect, type Locator, type Page } from '@playwright/test';

/** Shown while no workspace is open. */
export class StartScreen {
  readonly root: Locator;
  readonly openDefault: Locator;
  readonly recentItems: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('start-screen');
    this.openDefault = page.getByTestId('start-open-default');
    this.recentItems = page.getByTestId('start-recent-item');
  }

  recentItem(path: string): Locator {
    return this.root.locator(`[data-testid=start-recent-item][data-path="${path}"]`);
  }

  /** Opens a workspace from the recent list; the start screen gives way to the app. */
  async openRecent(path: string): Promise<void> {
    const item = this.recentItem(path);
    await expect(item).toBeEnabled();
    await item.click();
    await expect(this.root).toBeHidden();
  }
}
