// Runs the Playwright E2E suite in Debian's Chromium. Installs what is missing — the chromium
// package, and fonts-wqy-microhei so Chinese text in the screenshots has glyphs — when this
// process may (root, or passwordless sudo), so `npm test` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browsers = [process.env.KECARD_BROWSER, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const missing = [];
if (!browsers.some((b) => existsSync(b))) missing.push('chromium');
if (!existsSync(CJK_FONT)) missing.push('fonts-wqy-microhei');

if (missing.length > 0) {
  console.log(`E2E: installing ${missing.join(', ')} with apt-get …`);
  const asRoot = process.getuid?.() === 0;
  const run = (args) =>
    execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const install = () => run(['apt-get', 'install', '-y', '-qq', ...missing]);
  try {
    try {
      install();
    } catch {
      run(['apt-get', 'update', '-qq']);
      install();
    }
  } catch (err) {
    // Without the browser nothing can run; without the font only the screenshots suffer.
    if (missing.includes('chromium')) throw err;
    console.warn(`E2E: could not install ${missing.join(', ')}; Chinese text in screenshots will show as boxes.`);
  }
}

const result = spawnSync(
  process.execPath,
  ['node_modules/@playwright/test/cli.js', 'test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    // The shells the tests start inherit this zone, as the page does from the config's timezoneId.
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', TZ: 'Asia/Shanghai' },
  },
);
process.exit(result.status ?? 1);
