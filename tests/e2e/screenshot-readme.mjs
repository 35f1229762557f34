// Refreshes docs/images/kecard-customers.png, the README's screenshot: the browser shell on a
// demo workspace (fixed seed), the customer list with one customer's card open.
// Needs a build (`npm run build`); uses the same Chromium and CJK font as the E2E suite.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const OUT = 'docs/images/kecard-customers.png';
const result = spawnSync(process.execPath, ['tests/e2e/run-e2e.mjs', '-c', 'tests/e2e/readme.config.ts'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const kb = Math.round(statSync(OUT).size / 1024);
console.log(`${OUT}: ${kb} KB`);
if (kb > 300) {
  console.error('The screenshot is over 300 KB; make the viewport smaller.');
  process.exit(1);
}
