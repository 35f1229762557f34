import { expect, type Locator, type Page } from '@playwright/test';

export type ToastKind = 'info' | 'success' | 'error';

/** The frame around every screen: status bar, notifications, language switch. */
export class AppFrame {
  readonly statusWorkspace: Locator;
  readonly statusPath: Locator;
  readonly statusCustomerCount: Locator;
  readonly langSwitch: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.statusWorkspace = page.getByTestId('status-workspace');
    this.statusPath = page.getByTestId('status-path');
    this.statusCustomerCount = page.getByTestId('status-customer-count');
    this.langSwitch = page.getByTestId('lang-switch');
    this.toasts = page.getByTestId('toast');
  }

  statusShell(): Locator {
    return this.page.getByTestId('status-shell');
  }

  /** A notification of the given kind whose text contains `text`. */
  toast(kind: ToastKind, text: string | RegExp): Locator {
    return this.page.locator(`[data-testid=toast][data-kind=${kind}]`).filter({ hasText: text });
  }

  async expectCustomerCount(n: number): Promise<void> {
    await expect(this.statusCustomerCount).toHaveAttribute('data-count', String(n));
  }

  /** Toggles zh-CN ⇄ en and waits until the switch reports the new language. */
  async switchLanguage(to: 'zh-CN' | 'en'): Promise<void> {
    if ((await this.langSwitch.getAttribute('data-lang')) !== to) await this.langSwitch.click();
    await expect(this.langSwitch).toHaveAttribute('data-lang', to);
  }
}
