import { BrowserWindow, nativeTheme } from 'electron';
import { APP_START_URL } from './app-origin';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string | null;
  title: string;
  log: (message: string) => void;
}

/** The one window: our bundle only, sandboxed, isolated, no Node, shown once painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f2329' : '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => options.log(`[kecard] renderer gone: ${details.reason}`));
  win.webContents.on('did-fail-load', (_event, code, description, url) => options.log(`[kecard] load failed ${code} ${description} ${url}`));
  win.loadURL(APP_START_URL).catch((err: unknown) => options.log(`[kecard] could not load the renderer: ${String(err)}`));
  return win;
}
