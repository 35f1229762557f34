import { readFileSync } from 'node:fs';
import { launchCodeOf } from '../../src-main/shell/launch-file';

/** The launch code in the shell's launch page, read as its owner (the browser it starts) reads it. */
export function readLaunchCode(launchFile: string): string {
  const code = launchCodeOf(readFileSync(launchFile, 'utf8'));
  if (!code) throw new Error(`no launch code in ${launchFile}`);
  return code;
}

/** Exchanges a launch code at POST /session; the answer as is (303 with the cookie, or an envelope). */
export function exchangeCode(baseUrl: string, code: string): Promise<Response> {
  return fetch(`${baseUrl}/session`, { method: 'POST', body: new URLSearchParams({ code }), redirect: 'manual' });
}

/**
 * A session the way a browser gets one: the code from the 0600 launch file, exchanged for the
 * session cookie. Returns the `Cookie` header value. A code another window took first is replaced
 * in the file at once, so a refused one is read again.
 */
export async function openSession(baseUrl: string, launchFile: string): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const res = await exchangeCode(baseUrl, readLaunchCode(launchFile));
    const cookie = res.headers.getSetCookie()[0];
    if (res.status === 303 && cookie) return cookie.split(';')[0] as string;
    last = `${res.status} ${await res.text()}`;
  }
  throw new Error(`no session: ${last}`);
}
