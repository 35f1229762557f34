import { chmodSync, createWriteStream, fchmodSync, lstatSync, mkdirSync, mkdtempSync, openSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { KecardError } from '../../src-shared/errors';

// Workspaces, backups, staged uploads and exports hold customers' personal data. On a shared
// computer another local user must not read them, nor plant or swap a file in a folder Kecard
// writes to. Windows keeps a user's profile folders private by ACL, so only POSIX needs modes.

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

const posix = process.platform !== 'win32';

/** Restricts a file Kecard wrote to its owner (SQLite gives -wal/-shm/-journal the same mode). */
export function makePrivate(path: string): void {
  if (posix) chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Opens a file for writing from its start, private: the mode given to open() applies only when it
 * creates the file, so an existing file (an export over last month's 0644 one) is narrowed on the
 * descriptor before a byte is written. A file this user may not narrow is not written to.
 */
export function openPrivateForWrite(path: string): number {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  if (posix) fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

/** A write stream over openPrivateForWrite (ExcelJS's workbook writers). */
export function createPrivateWriteStream(path: string): WriteStream {
  return createWriteStream(path, { fd: openPrivateForWrite(path) });
}

/**
 * A folder Kecard owns (data folder, backups, staging): created 0700, and when it already exists
 * it must be a real directory of this user — never a symlink or a folder another user made first —
 * and is tightened to 0700.
 */
export function ensurePrivateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix) return path;
  const st = lstatSync(path);
  const uid = process.getuid?.();
  if (!st.isDirectory() || st.isSymbolicLink() || (uid !== undefined && st.uid !== uid)) {
    throw new KecardError('WORKSPACE_IO', 'A folder Kecard uses belongs to another user or is not a folder.', { path });
  }
  if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
  return path;
}

/** A fresh, unpredictable private folder inside a private parent (staging of uploads and exports). */
export function createPrivateTempDir(parent: string, prefix: string): string {
  ensurePrivateDir(parent);
  const dir = mkdtempSync(join(parent, prefix));
  if (posix) chmodSync(dir, PRIVATE_DIR_MODE);
  return dir;
}
