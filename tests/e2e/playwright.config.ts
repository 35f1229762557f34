import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './support/chromium';

// E2E against the browser shell in Debian's Chromium (never a downloaded browser).
export default defineConfig({
  testDir: './specs',
  outputDir: '../../artifacts/e2e/results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: '../../artifacts/e2e/report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    // Our users' clock, in the page and (run-e2e.mjs sets TZ) in the shell: a time shown or written
    // in UTC by mistake is eight hours off and fails, where on a UTC machine it would pass unseen.
    timezoneId: 'Asia/Shanghai',
  },
});
