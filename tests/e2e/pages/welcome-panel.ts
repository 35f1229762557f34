import type { Locator, Page } from '@playwright/test';

/** 欢迎使用客卡: what an empty workspace shows instead of an empty list. */
export class WelcomePanel {
  readonly root: Locator;
  readonly demo: Locator;
  readonly importExcel: Locator;
  readonly newCustomer: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('welcome');
    this.demo = page.getByTestId('welcome-demo');
    this.importExcel = page.getByTestId('welcome-import');
    this.newCustomer = page.getByTestId('welcome-new-customer');
  }
}
