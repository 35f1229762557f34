import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (installed by .ci/run or tests/e2e/run-e2e.mjs); never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.KECARD_BROWSER, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install chromium (tests/e2e/run-e2e.mjs does this when it can).');
  return found;
}
