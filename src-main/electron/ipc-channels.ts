// Shared by electron-main and the preload. No imports: the preload bundle must stay tiny and may
// only require 'electron' at run time.

/** The one request channel (ipcRenderer.invoke → ipcMain.handle). */
export const CALL_CHANNEL = 'kecard:call';
/** The one event channel (main → renderer). */
export const EVENT_CHANNEL = 'kecard:event';

/** `domain.verb`, as in the contract; anything else never leaves the preload. */
export const METHOD_NAME_PATTERN = /^[a-z][a-zA-Z]{0,39}\.[a-z][a-zA-Z]{0,39}$/;

export function isMethodName(value: unknown): value is string {
  return typeof value === 'string' && METHOD_NAME_PATTERN.test(value);
}
