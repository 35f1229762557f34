import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { Envelope } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Dispatch } from '../router/router';
import { isAppUrl } from './app-origin';
import { CALL_CHANNEL, EVENT_CHANNEL, isMethodName } from './ipc-channels';

export interface IpcBridgeOptions {
  dispatch: Dispatch;
  context: () => CallContext;
  log: (message: string) => void;
}

/**
 * The Electron transport: one invoke channel into the same router the HTTP bridge uses. Only the
 * top frame of our own bundle may call; the context comes from main, never from the payload.
 */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      options.log(`[kecard] refused IPC call from ${frame?.url ?? 'a destroyed frame'}`);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Kecard window.' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method.' } };
    }
    return options.dispatch(method, input, options.context());
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Sends main's events to the window, if it is still there. */
export function forwardEvents(window: () => BrowserWindow | null): (event: KecardEvent) => void {
  return (event) => {
    const win = window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };
}
