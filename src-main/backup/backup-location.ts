import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { apiErrorOf, KecardError, type ApiError } from '../../src-shared/errors';
import { makePrivate, PRIVATE_FILE_MODE } from '../files/private-files';

// Where a workspace's backups go. By default beside it, in "<file>.backups/"; the user may choose
// another folder or disk (a workspace larger than its own disk's free space can only be backed up
// elsewhere). The choice is stored PER WORKSPACE, in a small file beside it,
// "<file>.backup-location" ({"folder", "dir"}), and not in the workspace itself nor in the app's
// data folder, because every process that backs up or restores must find it from the workspace's
// path alone: the app, its import worker, `kecard backup`/`restore` (another KECARD_HOME, another
// OS user), and a damaged workspace that cannot be opened at all. Inside the database, a restore
// would also roll the choice back to what the backup held.

export interface BackupLocation {
  /** The folder the user chose. */
  folder: string;
  /** The folder the backups are written to, inside `folder`, one per workspace. */
  dir: string;
}

export function defaultBackupDir(workspacePath: string): string {
  return join(dirname(workspacePath), `${basename(workspacePath)}.backups`);
}

export function locationFile(workspacePath: string): string {
  return `${workspacePath}.backup-location`;
}

/** The user's choice, or null (default, or a pointer file that is unreadable — the default then applies). */
export function readBackupLocation(workspacePath: string): BackupLocation | null {
  const file = locationFile(workspacePath);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BackupLocation>;
    if (typeof parsed.folder === 'string' && typeof parsed.dir === 'string' && isAbsolute(parsed.dir))
      return { folder: parsed.folder, dir: parsed.dir };
  } catch {
    // A pointer file someone edited by hand: backups go beside the workspace again.
  }
  return null;
}

/** The folder new backups are written to. */
export function backupDir(workspacePath: string): string {
  return readBackupLocation(workspacePath)?.dir ?? defaultBackupDir(workspacePath);
}

/**
 * The folders backups are listed from: the chosen one and the default one, whose backups (made
 * before the folder was changed) stay listed, restorable and rotated.
 */
export function backupDirs(workspacePath: string): string[] {
  const chosen = readBackupLocation(workspacePath)?.dir;
  const fallback = defaultBackupDir(workspacePath);
  return chosen && resolve(chosen) !== resolve(fallback) ? [chosen, fallback] : [fallback];
}

/** Free space a backup leaves on its disk beyond its own size; tests raise it to stand for a full disk. */
export const BACKUP_SPACE = { reserveBytes: 512 * 1024 * 1024 };

/** What a backup of the workspace needs: the file and its WAL (the copy is about their size). */
export function backupNeededBytes(workspacePath: string): number {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return size(workspacePath) + size(`${workspacePath}-wal`);
}

/** Free bytes on the disk of `folder` (the nearest existing parent), or null when it cannot be read. */
export function freeBytes(folder: string): number | null {
  let probe = folder;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  try {
    const fs = statfsSync(probe);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/**
 * Refuses a backup the disk has no room for, with both sizes, before anything is written: at
 * 55 GB a copy would otherwise fill the user's disk on its way to failing.
 */
export function checkSpace(workspacePath: string, folder: string): void {
  const needed = backupNeededBytes(workspacePath);
  const free = freeBytes(folder) ?? 0;
  if (free < needed + BACKUP_SPACE.reserveBytes) {
    throw new KecardError('BACKUP_NO_SPACE', 'Not enough free disk space for a backup.', { neededBytes: needed, freeBytes: free, folder });
  }
}

/** A chosen folder must still be there when a backup is made (an external disk may be unplugged). */
export function checkChosenFolder(workspacePath: string): void {
  const chosen = readBackupLocation(workspacePath);
  if (chosen) checkFolder(chosen.folder);
}

function checkFolder(folder: string): void {
  if (!isAbsolute(folder)) throw new KecardError('BACKUP_FOLDER', 'The backup folder must be a full path.', { folder, reason: 'relative' });
  if (!existsSync(folder)) throw new KecardError('BACKUP_FOLDER', 'The backup folder does not exist.', { folder, reason: 'missing' });
  if (!statSync(folder).isDirectory()) throw new KecardError('BACKUP_FOLDER', 'The backup folder is not a folder.', { folder, reason: 'notFolder' });
  try {
    accessSync(folder, constants.W_OK);
    // access() trusts mode bits; a read-only mount or an ACL only shows when a file is created.
    const probe = join(folder, `.kecard-write-test-${process.pid}`);
    closeSync(openSync(probe, 'wx', PRIVATE_FILE_MODE));
    rmSync(probe, { force: true });
  } catch {
    throw new KecardError('BACKUP_FOLDER', 'Kecard cannot write to the backup folder.', { folder, reason: 'notWritable' });
  }
}

/**
 * Makes `folder` the workspace's backup folder: it must exist, be writable, and have room for a
 * backup now. The backups go into a folder of their own inside it, named after the workspace and
 * its id, so two workspaces of the same name backed up to one disk never mix. Choosing the
 * workspace's own folder is the default again.
 */
export function chooseBackupFolder(workspacePath: string, workspaceId: string, folder: string): BackupLocation | null {
  const typed = folder.trim();
  checkFolder(typed);
  const chosen = resolve(typed);
  if (chosen === resolve(dirname(workspacePath))) {
    resetBackupFolder(workspacePath);
    return null;
  }
  checkSpace(workspacePath, chosen);
  const location: BackupLocation = { folder: chosen, dir: join(chosen, `${basename(workspacePath)}.${workspaceId.slice(-8)}.backups`) };
  const file = locationFile(workspacePath);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(location)}\n`, { mode: PRIVATE_FILE_MODE });
  makePrivate(temp);
  renameSync(temp, file);
  return location;
}

export function resetBackupFolder(workspacePath: string): void {
  rmSync(locationFile(workspacePath), { force: true });
}

export interface BackupLocationView {
  dir: string;
  folder: string | null;
  available: boolean;
  problem: ApiError | null;
  freeBytes: number | null;
  neededBytes: number;
  enoughSpace: boolean;
}

/** What the backups screen shows: the folder, whether it can be used now, its free space and the need. */
export function describeBackupLocation(workspacePath: string): BackupLocationView {
  const chosen = readBackupLocation(workspacePath);
  let problem: ApiError | null = null;
  try {
    checkChosenFolder(workspacePath);
  } catch (err) {
    problem = apiErrorOf(err);
  }
  const dir = chosen?.dir ?? defaultBackupDir(workspacePath);
  const free = problem ? null : freeBytes(dir);
  const needed = backupNeededBytes(workspacePath);
  return {
    dir,
    folder: chosen?.folder ?? null,
    available: problem === null,
    problem,
    freeBytes: free,
    neededBytes: needed,
    enoughSpace: free !== null && free >= needed + BACKUP_SPACE.reserveBytes,
  };
}
