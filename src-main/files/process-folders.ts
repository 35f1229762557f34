import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateTempDir, ensurePrivateDir } from './private-files';

// Staged uploads, exports and the shell's launch page live in a private folder per process,
// named `<pid>-<random>`: the pid tells a later start whose folder it is, so what a killed
// process left behind is removed, while the folder of another Kecard still running is kept.

/** A fresh private folder (0700) for this process under `parent` (made private too). */
export function createProcessFolder(parent: string): string {
  return createPrivateTempDir(parent, `${process.pid}-`);
}

/**
 * Removes the folders under `parent` whose process is no longer running. A recycled pid keeps
 * a dead process's folder until that other process ends too: late, never wrong.
 */
export function removeDeadProcessFolders(parent: string): string[] {
  if (!existsSync(parent)) return [];
  ensurePrivateDir(parent);
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processRunning(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
