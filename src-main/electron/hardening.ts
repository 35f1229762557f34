import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isExternalWebUrl } from './app-origin';

// Defence in depth around the renderer: whatever a bug or injected markup tries, the window stays
// on our bundle, opens nothing, embeds nothing, asks for no device and loads nothing remote.

/** Call once before any window exists (it also covers DevTools and future windows). */
export function hardenAllWebContents(log: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

function hardenWebContents(contents: WebContents, log: (message: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return; // reloads and in-app links within our origin
    event.preventDefault();
    openExternally(event.url, log);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[kecard] refused to attach a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, log);
    return { action: 'deny' };
  });
}

/** Only http(s) links leave the app, and only to the system browser. */
function openExternally(url: string, log: (message: string) => void): void {
  if (!isExternalWebUrl(url)) {
    log(`[kecard] blocked navigation to ${url}`);
    return;
  }
  shell.openExternal(url).catch((err: unknown) => log(`[kecard] could not open ${url}: ${String(err)}`));
}

/** Permissions: none, except writing sanitised text to the clipboard from our own pages. */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'clipboard-sanitized-write' && isAppUrl(requestingOrigin);
  });
  ses.setDevicePermissionHandler(() => false);
  // No remote content at all: the CSP already forbids it; this also covers anything the CSP does not.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) => {
    callback({ cancel: true });
  });
}
