#!/usr/bin/env node
// Launcher for the `kecard` command: builds the main-process bundle on first use (a fresh clone
// has no dist/), then hands over to dist/main/cli.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'main', 'cli.mjs');

if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build-main.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0 || !existsSync(cli)) {
    process.stderr.write('无法构建命令行 / Cannot build the Kecard CLI (node build/scripts/build-main.mjs failed).\n');
    process.exit(1);
  }
}

await import(pathToFileURL(cli).href);
