import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Not part of the test suite: `node tests/e2e/screenshot-readme.mjs` runs this to refresh the
// README's screenshot (docs/images/kecard-customers.png) from a deterministic demo workspace.
export default defineConfig({
  ...base,
  testDir: './readme',
  outputDir: '../../artifacts/e2e/readme-results',
  reporter: [['list']],
  use: { ...base.use, screenshot: 'off', trace: 'off', viewport: { width: 1440, height: 860 } },
});
