import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import { WORKSPACE_EXTENSION } from '../db/workspace-format';
import type { NativeDialogs } from '../workspace/app-host';
import type { MenuLanguage } from './menu-template';

type Purpose = Parameters<NativeDialogs['choosePath']>[0];

const TEXT = {
  zh: {
    filter: 'Kecard 工作区',
    open: '打开工作区',
    create: '新建工作区',
    saveCopy: '另存工作区副本',
    newName: '客户工作区',
    copySuffix: ' 副本',
  },
  en: {
    filter: 'Kecard workspace',
    open: 'Open Workspace',
    create: 'New Workspace',
    saveCopy: 'Save a Copy of the Workspace',
    newName: 'Customers',
    copySuffix: ' copy',
  },
} as const;

export interface NativeDialogOptions {
  language: MenuLanguage;
  /** The window the sheet/dialog belongs to (null while none is open). */
  window: () => BrowserWindow | null;
  /** Folder proposed for new files (the user's documents). */
  documentsDir: () => string;
  /** Name of the open workspace, for the save-copy proposal. */
  currentName: () => string | null;
}

/** `workspace.choosePath` in Electron: the OS file dialogs, filtered to .kecard files. */
export function createNativeDialogs(options: NativeDialogOptions): NativeDialogs {
  const t = TEXT[options.language];
  const extension = WORKSPACE_EXTENSION.replace(/^\./, '');
  const filters = [{ name: t.filter, extensions: [extension] }];

  return {
    async choosePath(purpose: Purpose): Promise<string | null> {
      const parent = options.window();
      if (purpose === 'open') {
        const opts: OpenDialogOptions = { title: t.open, filters, properties: ['openFile'] };
        const result = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const baseName = purpose === 'saveCopy' ? `${options.currentName() ?? t.newName}${t.copySuffix}` : t.newName;
      const opts: SaveDialogOptions = {
        title: purpose === 'saveCopy' ? t.saveCopy : t.create,
        defaultPath: join(options.documentsDir(), `${sanitizeFileName(baseName)}${WORKSPACE_EXTENSION}`),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseSyncFiles(kind: 'invitation' | 'bundles'): Promise<string[]> {
      const parent = options.window();
      const zh = options.language === 'zh';
      const opts: OpenDialogOptions =
        kind === 'invitation'
          ? {
              title: zh ? '打开邀请文件' : 'Open an Invitation',
              filters: [{ name: zh ? '客卡邀请文件' : 'Kecard invitation', extensions: ['kcinvite'] }],
              properties: ['openFile'],
            }
          : {
              title: zh ? '选择同步包' : 'Choose Sync Bundles',
              filters: [{ name: zh ? '客卡同步包' : 'Kecard sync bundles', extensions: ['kcsync'] }],
              properties: ['openFile', 'multiSelections'],
            };
      const result = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseImportFile(): Promise<string | null> {
      const parent = options.window();
      const opts: OpenDialogOptions = {
        title: options.language === 'zh' ? '选择要导入的文件' : 'Choose a File to Import',
        filters: [{ name: options.language === 'zh' ? '表格' : 'Spreadsheets', extensions: ['xlsx', 'xls', 'csv', 'txt'] }],
        properties: ['openFile'],
      };
      const result = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFolder(): Promise<string | null> {
      const parent = options.window();
      const opts: OpenDialogOptions = {
        title: options.language === 'zh' ? '选择备份文件夹' : 'Choose a Folder for Backups',
        properties: ['openDirectory', 'createDirectory'],
      };
      const result = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(fileName: string): Promise<string | null> {
      const parent = options.window();
      const opts: SaveDialogOptions = {
        defaultPath: join(options.documentsDir(), sanitizeFileName(fileName)),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

function sanitizeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return cleaned === '' ? 'workspace' : cleaned.slice(0, 120);
}
