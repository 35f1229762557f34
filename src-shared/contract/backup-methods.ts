import { z } from 'zod';
import { defineMethod } from './define-method';

/** Where the open workspace's backups go, and whether a backup fits there now. */
export const backupLocation = z.object({
  /** The folder the backups are written to (inside the chosen folder, or beside the workspace). */
  dir: z.string(),
  /** The folder the user chose; null: the default, beside the workspace. */
  folder: z.string().nullable(),
  /** The chosen folder is there and writable now (false: an unplugged disk …; `problem` says why). */
  available: z.boolean(),
  problem: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  /** Free space on the folder's disk; null when it cannot be read. */
  freeBytes: z.number().nullable(),
  /** About what the next backup takes (the workspace file and its WAL). */
  neededBytes: z.number(),
  /** A backup fits there now, with the room main keeps free beside it (BACKUP_NO_SPACE otherwise). */
  enoughSpace: z.boolean(),
});

export const backupMethods = {
  'backups.location': defineMethod({ input: z.object({}).strict(), output: backupLocation, permission: 'read', local: true }),
  /**
   * Electron: a native folder dialog; the chosen folder is checked and kept. The browser shell
   * answers `native: false`, and the page asks for the path (backups.setFolder).
   */
  'backups.chooseFolder': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ native: z.boolean(), location: backupLocation.nullable() }),
    permission: 'manage',
    local: true,
  }),
  /** A folder typed by the user (browser shell), or null for the default beside the workspace. */
  'backups.setFolder': defineMethod({
    input: z.object({ folder: z.string().trim().min(1).max(4096).nullable() }).strict(),
    output: backupLocation,
    permission: 'manage',
    local: true,
  }),
} as const;
