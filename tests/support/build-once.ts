import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global setup: bundle main once (dist/main/cli.mjs and the workers) before any test file
 * runs, so tests that spawn the real CLI never race each other rebuilding it.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build-main.mjs')], { cwd: root, stdio: 'inherit' });
}
