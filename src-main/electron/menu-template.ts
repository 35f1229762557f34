import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/contract/events';

// The application menu as data. Menu items never act on the workspace themselves: they send a
// `menu.command` event and the renderer runs the same flow as its own buttons (dialogs, errors,
// progress), so Electron and the browser shell behave alike. Only type imports from electron
// here, so the template can be unit-tested under plain Node.

export type MenuLanguage = 'zh' | 'en';

export function menuLanguage(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const LABELS = {
  zh: {
    app: 'Kecard',
    file: '文件',
    newWorkspace: '新建工作区…',
    openWorkspace: '打开工作区…',
    saveCopy: '另存副本…',
    closeWorkspace: '关闭工作区',
    demo: '生成演示数据…',
    quit: '退出',
    edit: '编辑',
    newCustomer: '新建客户',
    search: '快速查找',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    help: '帮助',
    dataFolder: '打开数据文件夹',
    about: '关于 Kecard',
  },
  en: {
    app: 'Kecard',
    file: 'File',
    newWorkspace: 'New Workspace…',
    openWorkspace: 'Open Workspace…',
    saveCopy: 'Save a Copy…',
    closeWorkspace: 'Close Workspace',
    demo: 'Generate Demo Data…',
    quit: 'Quit',
    edit: 'Edit',
    newCustomer: 'New Customer',
    search: 'Quick Search',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    help: 'Help',
    dataFolder: 'Open Data Folder',
    about: 'About Kecard',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

export type MenuLabels = (typeof LABELS)[MenuLanguage];

export function menuLabels(language: MenuLanguage): MenuLabels {
  return LABELS[language];
}

export interface MenuActions {
  command(command: MenuCommand): void;
  openDataFolder(): void;
  about(): void;
}

export interface MenuOptions {
  language: MenuLanguage;
  platform: NodeJS.Platform;
  /** Reload and developer tools only in unpackaged (development) runs. */
  developer: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = menuLabels(options.language);
  const mac = options.platform === 'darwin';
  const send = (command: MenuCommand) => () => options.actions.command(command);

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { id: 'workspace.new', label: t.newWorkspace, accelerator: 'CmdOrCtrl+Shift+N', click: send('workspace.new') },
      { id: 'workspace.open', label: t.openWorkspace, accelerator: 'CmdOrCtrl+O', click: send('workspace.open') },
      { id: 'workspace.saveCopy', label: t.saveCopy, accelerator: 'CmdOrCtrl+Shift+S', click: send('workspace.saveCopy') },
      { id: 'workspace.close', label: t.closeWorkspace, click: send('workspace.close') },
      { type: 'separator' },
      { id: 'demo.generate', label: t.demo, click: send('demo.generate') },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: t.quit, role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { id: 'customer.new', label: t.newCustomer, accelerator: 'CmdOrCtrl+N', click: send('customer.new') },
      { id: 'search.focus', label: t.search, accelerator: 'CmdOrCtrl+F', click: send('search.focus') },
      { type: 'separator' },
      // Text editing in inputs; record-level undo is a button on the card (customers.undo).
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...(options.developer
        ? [{ label: t.reload, role: 'reload' } as const, { label: t.devTools, role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: t.fullscreen, role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.dataFolder, click: () => options.actions.openDataFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: t.about, click: () => options.actions.about() }]),
    ],
  };

  if (!mac) return [file, edit, view, help];

  const appMenu: MenuItemConstructorOptions = {
    label: t.app,
    submenu: [
      { label: t.about, click: () => options.actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { label: t.quit, role: 'quit' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
  };
  return [appMenu, file, edit, view, windowMenu, help];
}
