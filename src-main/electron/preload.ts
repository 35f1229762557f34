// Sandboxed preload (bundled to dist/main/preload.cjs): it may only require 'electron'. It exposes
// exactly the KecardBridge and nothing else: no ipcRenderer, no channels, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KecardBridge } from '../../src-shared/contract/client-types';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { Envelope } from '../../src-shared/errors';
import { CALL_CHANNEL, EVENT_CHANNEL, isMethodName } from './ipc-channels';

const bridge: KecardBridge = {
  call(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method)}` } });
    }
    // invoke() rejects only when the call cannot be delivered (e.g. input that cannot be cloned);
    // the router itself always answers with an envelope.
    return (ipcRenderer.invoke(CALL_CHANNEL, method, input ?? {}) as Promise<Envelope<unknown>>).catch((): Envelope<unknown> => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'The call could not be delivered to Kecard.' },
    }));
  },
  onEvent(listener: (event: KecardEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    // The IpcRendererEvent (sender, ports) never reaches the page; only the payload does.
    const handler = (_event: IpcRendererEvent, payload: KecardEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('kecard', bridge);
