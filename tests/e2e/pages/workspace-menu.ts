import { expect, type Locator, type Page } from '@playwright/test';
import { DemoDialog } from './demo-dialogs';

/** The browser shell's path dialog (new / open / save copy): the user types a file path. */
export class PathDialog {
  readonly root: Locator;
  readonly input: Locator;
  readonly ok: Locator;
  readonly cancel: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('path-dialog');
    this.input = page.getByTestId('path-dialog-input');
    this.ok = page.getByTestId('path-dialog-ok');
    this.cancel = page.getByTestId('path-dialog-cancel');
    this.error = page.getByTestId('path-dialog-error');
  }

  /** Types the path and confirms; the caller checks whether the dialog closed or shows an error. */
  async submit(path: string): Promise<void> {
    await expect(this.root).toBeVisible();
    await this.input.fill(path);
    await this.ok.click();
  }

  /** Submits and expects success: the dialog closes. */
  async submitAndClose(path: string): Promise<void> {
    await this.submit(path);
    await expect(this.root).toBeHidden();
  }
}

/** 文件 menu: workspaces (new, open, recent, save copy, close) and demo data. */
export class WorkspaceMenu {
  readonly title: Locator;
  readonly pathDialog: PathDialog;
  readonly recentList: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('menu-file');
    this.pathDialog = new PathDialog(page);
    this.recentList = page.getByTestId('menu-recent-list');
  }

  private async choose(itemTestId: string): Promise<void> {
    await this.title.click();
    const item = this.page.getByTestId(itemTestId);
    await expect(item).toBeVisible();
    await item.click();
  }

  /** 文件 → 新建工作区…: returns the path dialog, open. */
  async startNewWorkspace(): Promise<PathDialog> {
    await this.choose('menu-new-workspace');
    await expect(this.pathDialog.root).toBeVisible();
    return this.pathDialog;
  }

  async startOpenWorkspace(): Promise<PathDialog> {
    await this.choose('menu-open-workspace');
    await expect(this.pathDialog.root).toBeVisible();
    return this.pathDialog;
  }

  async startSaveCopy(): Promise<PathDialog> {
    await this.choose('menu-save-copy');
    await expect(this.pathDialog.root).toBeVisible();
    return this.pathDialog;
  }

  async newWorkspace(path: string): Promise<void> {
    await (await this.startNewWorkspace()).submitAndClose(path);
  }

  async openWorkspace(path: string): Promise<void> {
    await (await this.startOpenWorkspace()).submitAndClose(path);
  }

  async saveCopy(path: string): Promise<void> {
    await (await this.startSaveCopy()).submitAndClose(path);
  }

  /** 文件 → 关闭工作区. */
  async closeWorkspace(): Promise<void> {
    await this.choose('menu-close-workspace');
  }

  /** 文件 → 最近打开: the sub-menu's entries. */
  async openRecentMenu(): Promise<Locator> {
    await this.title.click();
    await this.page.getByTestId('menu-recent').click();
    await expect(this.recentList).toBeVisible();
    return this.recentList.getByTestId('recent-item');
  }

  /** 文件 → 生成演示数据…: the demo dialog, open. */
  async openDemoDialog(): Promise<DemoDialog> {
    await this.choose('menu-demo');
    const dialog = new DemoDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }
}
