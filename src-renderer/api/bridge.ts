import type { KecardEvent } from '../../src-shared/contract/events';
import type { KecardBridge } from '../../src-shared/contract/client-types';
import type { Envelope } from '../../src-shared/errors';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in the browser shell. */
    kecard?: KecardBridge;
  }
}

const TOKEN_KEY = 'kecard.token';

/** The browser shell passes its session token in the URL fragment; keep it for reloads, hide it from the address bar. */
function shellToken(): string {
  const m = /(?:^|[#&])token=([\w-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(): KecardBridge {
  const token = shellToken();
  const listeners = new Set<(event: KecardEvent) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
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
          headers: { 'content-type': 'application/json', 'x-kecard-token': token },
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
