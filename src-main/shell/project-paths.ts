import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project (or packaged app) root: the nearest folder above the bundle holding package.json. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('Kecard app root not found');
}

export function rendererDir(): string {
  return join(appRoot(), 'dist', 'renderer');
}

/** The folder holding the bundled workers (dist/main), as a file URL. */
export function workerDirUrl(): URL {
  return pathToFileURL(`${join(appRoot(), 'dist', 'main')}/`);
}
