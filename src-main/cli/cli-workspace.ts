import { KecardError } from '../../src-shared/errors';
import { openWorkspace, type OpenOptions } from '../db/open-workspace';
import type { Workspace } from '../db/workspace';
import { acquireWorkspaceLock } from '../db/workspace-lock';

// A command that changes a workspace (demo, import, backup, restore) holds its lock for the whole
// run, like the app: while the app has the file open, it is refused with who holds it. Commands
// that only read (info, search) still work beside a running app, on a read-only connection.

/** Opens the workspace for a command that may write, holding its lock until the workspace closes. */
export function openForCommand(path: string, options: Omit<OpenOptions, 'lock'> = {}): Workspace {
  return openWorkspace(path, { ...options, lock: acquireWorkspaceLock(path, 'cli') });
}

/** Opens for reading: under the lock when it is free, read-only beside its holder otherwise. */
export function openForReading(path: string): Workspace {
  try {
    return openForCommand(path);
  } catch (err) {
    if (!(err instanceof KecardError && err.code === 'WORKSPACE_LOCKED' && err.details?.pid !== undefined)) throw err;
    return openWorkspace(path, { readOnly: true });
  }
}
