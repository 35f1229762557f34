import type { KecardEvent } from '../../src-shared/contract/events';
import type { KecardBridge } from '../../src-shared/contract/client-types';
import type { Envelope } from '../../src-shared/errors';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in the browser shell. */
    kecard?: KecardBridge;
  }
}

/**
 * The browser shell: the page got its session as an HttpOnly cookie when the shell's launch file
 * exchanged a one-time code for it. Same-origin requests carry the cookie; the page itself never
 * sees or stores a secret (nothing in the URL, nothing in sessionStorage).
 */
function httpBridge(): KecardBridge {
  const listeners = new Set<(event: KecardEvent) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource('/api/events');
    source.onmessage = (msg: MessageEvent<string>) => {
      const event = JSON.parse(msg.data) as KecardEvent;
      for (const l of listeners) l(event);
    };
  };
  return {
    async call(method, input) {
      try {
        const res = await fetch(`/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Kecard is not reachable (was the shell stopped?).' } };
      }
    },
    onEvent(listener) {
      if (!source) connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const bridge: KecardBridge = window.kecard ?? httpBridge();
