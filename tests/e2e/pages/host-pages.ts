import { expect, type Locator, type Page } from '@playwright/test';

/** 设置 → 共享给同事 on the manager's window. */
export class SharePanel {
  readonly root: Locator;
  readonly address: Locator;
  readonly code: Locator;
  readonly clients: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('share-panel');
    this.address = page.getByTestId('share-connect-address');
    this.code = page.getByTestId('share-code');
    this.clients = page.getByTestId('share-client');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('settings-sharing').click();
    await expect(this.root).toBeVisible();
  }

  /** Starts sharing on `address` and `port` (0: any free port); returns what is read out to the colleague. */
  async start(address: string, port: number): Promise<{ port: number; code: string }> {
    await this.page.getByTestId('share-address').selectOption(address);
    await this.page.getByTestId('share-port').fill(String(port));
    await this.page.getByTestId('share-start').click();
    await expect(this.root).toHaveAttribute('data-running', 'true');
    return { port: Number(await this.address.getAttribute('data-port')), code: (await this.code.textContent()) ?? '' };
  }

  async stop(): Promise<void> {
    await this.page.getByTestId('share-stop').click();
    await expect(this.root).toHaveAttribute('data-running', 'false');
  }
}

/** 连接同事的工作区 on a colleague's window. */
export class ConnectDialog {
  readonly root: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('connect-dialog');
    this.error = page.getByTestId('connect-error');
  }

  async openFromMenu(): Promise<void> {
    await this.page.getByTestId('menu-file').click();
    await this.page.getByTestId('menu-connect-host').click();
    await expect(this.root).toBeVisible();
  }

  async connect(values: { address: string; port: number; code: string; login: string; password: string }): Promise<void> {
    await this.page.getByTestId('connect-address').fill(values.address);
    await this.page.getByTestId('connect-port').fill(String(values.port));
    await this.page.getByTestId('connect-code').fill(values.code);
    await this.page.getByTestId('connect-login').fill(values.login);
    await this.page.getByTestId('connect-password').fill(values.password);
    await this.page.getByTestId('connect-submit').click();
  }
}
