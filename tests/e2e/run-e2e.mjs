// Runs the Playwright E2E suite in Debian's Chromium. Installs the package when it is missing
// and this process may (root, or passwordless sudo), so `npm test` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browsers = [process.env.KECARD_BROWSER, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (!browsers.some((b) => existsSync(b))) {
  console.log('E2E: Debian chromium is missing; installing it with apt-get …');
  const asRoot = process.getuid?.() === 0;
  const run = (args) => execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  } catch {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  }
}

const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(result.status ?? 1);
