// Electron main process (bundled to dist/main/electron-main.mjs). Everything Electron-specific
// lives in this folder; the services, router and host below are the same ones the browser shell
// and the tests run under plain Node.
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand } from '../../src-shared/contract/events';
import { composeApp, type ComposedApp } from '../app/compose-app';
import { APP_VERSION } from '../app/version';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenAllWebContents, hardenSession } from './hardening';
import { forwardEvents, installIpcBridge } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { buildMenuTemplate, menuLabels, menuLanguage, type MenuLanguage } from './menu-template';
import { createNativeDialogs } from './native-dialogs';
import { workspaceFromArgs } from './startup-args';

const APP_ID = 'com.kecard.app';
const here = dirname(fileURLToPath(import.meta.url)); // dist/main (inside app.asar when packaged)
const paths = {
  renderer: resolve(here, '..', 'renderer'),
  preload: join(here, 'preload.cjs'),
  workers: new URL('./', import.meta.url),
  icon: app.isPackaged ? join(process.resourcesPath, 'icon.png') : resolve(here, '..', '..', 'build', 'icon.png'),
};

const log = (message: string): void => console.error(message);

// --- before ready ----------------------------------------------------------------------------
registerAppScheme();
app.enableSandbox();
app.setName('Kecard');
// Set explicitly: in development Electron starts as its default app and would otherwise choose the
// folder from its own name. Same folder as userDataDir() computes for the shell and the CLI.
app.setPath('userData', process.env.KECARD_HOME ?? join(app.getPath('appData'), 'Kecard'));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
hardenAllWebContents(log);

let composed: ComposedApp | null = null;
let mainWindow: BrowserWindow | null = null;
let language: MenuLanguage = 'en';
let pendingOpen: string | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Kecard owns the user's workspace; it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const requested = workspaceFromArgs(argv.slice(1), workingDirectory);
    showWindow();
    if (requested) openRequested(requested);
  });
  // macOS delivers double-clicked files as events, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (composed) openRequested(path);
    else pendingOpen = path;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (composed && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  installQuitHandler();
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`[kecard] startup failed: ${describe(err)}`);
      dialog.showErrorBox('Kecard', `Kecard could not start.\n\n${describe(err)}`);
      app.exit(1);
    });
}

function start(): void {
  language = menuLanguage(app.getLocale());
  hardenSession();
  serveRenderer(paths.renderer);

  const app_ = composeApp({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    workerDir: paths.workers,
    dialogs: createNativeDialogs({
      language,
      window: () => mainWindow,
      documentsDir: () => app.getPath('documents'),
      currentName: () => (composed?.host.hasWorkspace ? basename(composed.host.workspace.path, extname(composed.host.workspace.path)) : null),
    }),
  });
  composed = app_;
  app_.setEventSink(forwardEvents(() => mainWindow));
  installIpcBridge({ dispatch: app_.dispatch, context: () => app_.host.context, log });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        language,
        platform: process.platform,
        developer: !app.isPackaged,
        actions: {
          command: sendMenuCommand,
          openDataFolder: () => void shell.openPath(app.getPath('userData')).then((error) => error && log(`[kecard] ${error}`)),
          about: showAbout,
        },
      }),
    ),
  );

  // The workspace opens before the window, so the first screen already shows it. If it cannot be
  // opened the window still appears: the renderer finds no workspace and shows its start screen.
  const requested = pendingOpen ?? workspaceFromArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());
  pendingOpen = null;
  let startupError: unknown = null;
  try {
    if (requested) app_.host.openRequested(requested);
    else app_.host.openStartup();
  } catch (err) {
    startupError = err;
    log(`[kecard] could not open ${requested ?? 'the startup workspace'}: ${describe(err)}`);
  }
  showWindow();
  // The daily backup, as in the browser shell: it waits for a quiet moment and stops on quit.
  app_.host.startBackupSchedule();
  // A locked encrypted workspace is no problem to report: the window shows its sign-in screen.
  if (startupError !== null && !app_.host.lockedWorkspace && mainWindow) {
    const win = mainWindow;
    win.once('ready-to-show', () => void showProblem(requested, startupError));
  }
}

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  const win = createMainWindow({
    preloadPath: paths.preload,
    iconPath: existsSync(paths.icon) ? paths.icon : null,
    title: language === 'zh' ? 'Kecard 客卡' : 'Kecard',
    log,
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

function sendMenuCommand(command: MenuCommand): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    showWindow(); // macOS: menu used with no window open; the fresh window starts from the top
    return;
  }
  forwardEvents(() => mainWindow)({ type: 'menu.command', command });
}

/** A file handed over by the OS (file association, second instance, macOS open-file). */
function openRequested(path: string): void {
  if (!composed) return;
  try {
    composed.host.open(path); // emits workspace.changed; the renderer follows
  } catch (err) {
    log(`[kecard] could not open ${path}: ${describe(err)}`);
    void showProblem(path, err);
  }
}

async function showProblem(path: string | null, err: unknown): Promise<void> {
  const zh = language === 'zh';
  const detail = nativeModuleHint(err) ?? describe(err);
  const options = {
    type: 'warning' as const,
    title: 'Kecard',
    message: zh ? '无法打开工作区' : 'The workspace could not be opened',
    detail: path ? `${path}\n\n${detail}` : detail,
    buttons: [zh ? '确定' : 'OK'],
  };
  const win = mainWindow;
  await (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function showAbout(): void {
  const t = menuLabels(language);
  const detail = [
    `${language === 'zh' ? '版本' : 'Version'} ${APP_VERSION}`,
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
  ].join('\n');
  const options = { type: 'info' as const, title: t.about, message: 'Kecard 客卡', detail, buttons: ['OK'] };
  const win = mainWindow;
  void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** Jobs are stopped and the SQLite file closed (WAL checkpointed) before the process exits. */
function installQuitHandler(): void {
  let state: 'running' | 'disposing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done' || !composed) return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    const current = composed;
    current
      .dispose()
      .catch((err: unknown) => log(`[kecard] shutdown: ${describe(err)}`))
      .finally(() => {
        state = 'done';
        composed = null;
        app.quit();
      });
  });
}

/** better-sqlite3(-multiple-ciphers) built for Node instead of Electron is the classic development trap: say so. */
function nativeModuleHint(err: unknown): string | null {
  const text = describe(err);
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(text)) return null;
  return `${text}\n\nbetter-sqlite3-multiple-ciphers is built for Node, not for Electron. Run: npx @electron/rebuild -f -w better-sqlite3-multiple-ciphers (see docs/packaging.md).`;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
