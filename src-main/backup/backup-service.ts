import { forkSite } from '../changelog/site-identity';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KecardError } from '../../src-shared/errors';
import { fromSqliteError } from '../db/sqlite-errors';
import { forgetKey, keyFor, openSqlite, type WorkspaceKey } from '../db/workspace-key';
import { copyKeysFile, hasKeysFile, keysFilePath } from '../db/keys-file';
import type { Workspace } from '../db/workspace';
import { SQLITE_HEADER } from '../db/workspace-format';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../files/private-files';
import { backupDir, backupDirs, checkChosenFolder, checkSpace, defaultBackupDir } from './backup-location';
import { backupsToKeep, type BackupEntry } from './backup-policy';
import { verifyBackupFile } from './verify-backup-file';
import { verifyBackupOffMain } from './verify-off-main';

export { verifyBackupFile };
export { BACKUP_SPACE, backupDir } from './backup-location';

// Backups live beside the workspace in "<file>.backups/", or in the folder the user chose
// (backup-location.ts), named so that the name alone says when and why:
// default.kecard.20261123T153000Z.scheduled.bak

export interface BackupInfo extends BackupEntry {
  bytes: number;
  /** Not a plain SQLite file: written under a workspace key (review finding 9 lists the plain ones). */
  encrypted: boolean;
}

const NAME = /^(.+)\.(\d{8}T\d{6}Z)\.(scheduled|manual|import|bulk|migration|restore)\.bak$/;

/** Newest first, from the chosen folder and the default one (backups made before the folder changed). */
export function listBackups(workspacePath: string): BackupInfo[] {
  return backupDirs(workspacePath)
    .flatMap((dir) => backupsIn(dir, workspacePath))
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
}

function backupsIn(dir: string, workspacePath: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => ({ file, m: NAME.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null && x.m[1] === basename(workspacePath))
    .map(({ file, m }) => {
      const t = m[2] as string;
      const takenAt = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`;
      return {
        file,
        takenAt,
        reason: m[3] as BackupEntry['reason'],
        bytes: statSync(join(dir, file)).size,
        encrypted: !isPlainSqlite(join(dir, file)),
      };
    });
}

/**
 * Whether a file starts with SQLite's own header, i.e. anyone can read it. Decided by the bytes,
 * not by a keys file beside it: a copy can lose its keys file, or never have had one.
 */
export function isPlainSqlite(path: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER;
}

/** A backup's own name (no folder), as listBackups gives it: anything else names no backup. */
export function isBackupName(file: string): boolean {
  return basename(file) === file && NAME.test(file);
}

/** The path of a listed backup (the chosen folder first), or null. */
export function findBackup(workspacePath: string, file: string): string | null {
  for (const dir of backupDirs(workspacePath)) if (existsSync(join(dir, file))) return join(dir, file);
  return null;
}

export interface BackupControl {
  /** Checked between steps of the copy: true stops it, removes the partial file and throws JOB_CANCELLED. */
  isCancelled?: () => boolean;
}

/**
 * SQLite's online backup API copies a consistent snapshot while the app keeps working; the copy
 * is then opened read-only and must pass integrity_check, or it is deleted and the error raised.
 * It is written as "<name>.partial" and renamed only once verified, so a crash never leaves a
 * half backup under a backup's name (removePartialFiles clears what a crash left).
 */
const PAGES_PER_STEP = 100;

export async function createBackup(ws: Workspace, reason: BackupEntry['reason'], now = new Date(), control: BackupControl = {}): Promise<BackupInfo> {
  // A chosen folder that is gone (an unplugged disk) is said so, not silently recreated.
  checkChosenFolder(ws.path);
  const dir = ensurePrivateDir(backupDir(ws.path));
  // Two backups within one second (a manual one, then the copy before encrypting) must not
  // share a name: the second would replace the first.
  now = freeStamp(now, (at) => join(dir, `${basename(ws.path)}.${stampOf(at)}.${reason}.bak`));
  const file = `${basename(ws.path)}.${stampOf(now)}.${reason}.bak`;
  const target = join(dir, file);
  const partial = `${target}.partial`;
  checkSpace(ws.path, dir);
  const key = keyFor(ws.path);
  try {
    createPrivateEmptyFile(partial);
    if (key) {
      // SQLite's backup API cannot write into an encrypted file it did not open with the key;
      // VACUUM INTO writes the copy encrypted with the workspace's own cipher and key. It is one
      // statement (not stopped between pages), see docs/status.md.
      ws.db.prepare('VACUUM INTO ?').run(partial);
      copyKeysFile(ws.path, partial);
    } else
      await ws.db.backup(partial, {
        progress: () => {
          // Between steps of 100 pages: a 10 GB copy stops within milliseconds of quitting.
          if (control.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The backup was cancelled.');
          return PAGES_PER_STEP;
        },
      });
    if (control.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The backup was cancelled.');
    toRollbackJournal(partial, keyFor(ws.path));
    // Off main's thread: at 10 GB the check reads for minutes, and a quit must still stop it.
    await verifyBackupOffMain(partial, control.isCancelled, undefined, keyFor(ws.path));
    renameSync(partial, target);
    if (key) renameSync(keysFilePath(partial), keysFilePath(target));
  } catch (err) {
    removeWithCompanions(partial);
    const mapped = fromSqliteError(err, ws.path);
    throw mapped instanceof KecardError ? mapped : new KecardError('WORKSPACE_IO', `The backup failed: ${(err as Error).message}`);
  }
  prune(ws.path);
  return { file, takenAt: now.toISOString().replace(/\.\d+Z$/, 'Z'), reason, bytes: statSync(target).size, encrypted: key !== null };
}

/** The first second from `now` on whose name is not taken (names carry the time to the second). */
function freeStamp(now: Date, nameAt: (at: Date) => string): Date {
  let at = now;
  while (existsSync(nameAt(at)) || existsSync(`${nameAt(at)}.partial`)) at = new Date(at.getTime() + 1000);
  return at;
}

function stampOf(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Copies are born private: the file exists 0600 before SQLite writes into it (it keeps the mode). */
function createPrivateEmptyFile(path: string): void {
  closeSync(openSync(path, 'w', PRIVATE_FILE_MODE));
  makePrivate(path);
}

/**
 * The copy carries the workspace's WAL flag; opened to verify, it would grow "-wal"/"-shm" files
 * beside it. As a plain rollback-journal file it is one self-contained file (a restore turns WAL
 * back on when it opens).
 */
function toRollbackJournal(path: string, key: WorkspaceKey | null): void {
  const db = openSqlite(path, { fileMustExist: true }, key);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function chosenFolderAvailable(workspacePath: string): boolean {
  try {
    checkChosenFolder(workspacePath);
    return true;
  } catch {
    return false;
  }
}

function removeWithCompanions(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal', '.keys']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * What a crash or a kill left behind: unfinished backups ("….partial" and their -wal/-shm) and a
 * half-copied restore. Called by whoever holds the workspace lock, so no live copy is removed.
 */
export function removePartialFiles(workspacePath: string): string[] {
  const removed: string[] = [];
  const restoring = `${workspacePath}.restoring`;
  if (existsSync(restoring)) {
    rmSync(restoring, { force: true });
    removed.push(restoring);
  }
  for (const dir of backupDirs(workspacePath)) {
    if (!existsSync(dir)) continue;
    const own = `${basename(workspacePath)}.`;
    for (const file of readdirSync(dir)) {
      // Only this workspace's leftovers: a chosen folder may be shared by several workspaces.
      if (file.startsWith(own) && (/\.partial(-wal|-shm|-journal)?$/.test(file) || /\.bak-(wal|shm)$/.test(file))) {
        rmSync(join(dir, file), { force: true });
        removed.push(join(dir, file));
      }
    }
  }
  return removed;
}

function prune(workspacePath: string): void {
  const all = listBackups(workspacePath);
  const keep = backupsToKeep(all);
  for (const b of all) {
    if (keep.has(b.file)) continue;
    const path = findBackup(workspacePath, b.file);
    if (path) for (const suffix of ['', '.keys']) rmSync(`${path}${suffix}`, { force: true });
  }
}

/** A backup of one workspace whose integrity check passed; restoring it does not check again. */
export interface CheckedBackup {
  readonly workspacePath: string;
  readonly source: string;
}

export interface RestoreOptions {
  /**
   * The user was told that this plain backup, put in place of an encrypted workspace, leaves it
   * unencrypted, and chose to go on. Without it such a restore is refused (`restoresPlain`):
   * encryption is never turned off silently (session 15 review, finding 9).
   */
  plainOk?: boolean;
}

/**
 * The backup a restore would put in place, checked: its name, that it exists, that it passes
 * integrity_check. Everything that can refuse a restore refuses here, before anything is closed.
 */
export async function checkRestorable(workspacePath: string, backupFile: string, options: RestoreOptions = {}): Promise<CheckedBackup> {
  if (!isBackupName(backupFile)) throw new KecardError('VALIDATION', 'Not a backup of this workspace.', { fields: { file: 'invalid' } });
  const source = findBackup(workspacePath, backupFile);
  if (!source) throw new KecardError('NOT_FOUND', 'The backup no longer exists.', { file: backupFile });
  const plain = isPlainSqlite(source);
  const workspaceEncrypted = keyFor(workspacePath) !== null || hasKeysFile(workspacePath);
  if (plain && workspaceEncrypted && !options.plainOk) {
    throw new KecardError('CONFLICT', 'This backup is not encrypted: restoring it leaves the workspace unencrypted.', {
      reason: 'restoresPlain',
      file: backupFile,
    });
  }
  // A plain backup is read without a key (with one, SQLite3 Multiple Ciphers cannot read it).
  await verifyBackupOffMain(source, undefined, undefined, plain ? null : keyFor(workspacePath));
  return { workspacePath, source };
}

/**
 * Puts a backup in place of a workspace file that is NOT open, by a caller holding its workspace
 * lock (so no other process writes to the file being replaced). The file being replaced is kept
 * as a "restore" backup first, so a restore can itself be undone. A backup the caller already
 * checked (the app checks before it closes the workspace) is not checked again: the integrity
 * check reads every page, minutes for a 10 GB file.
 */
export async function restoreBackupFile(
  workspacePath: string,
  backup: string | CheckedBackup,
  now = new Date(),
  options: RestoreOptions = {},
): Promise<void> {
  const checked = typeof backup === 'string' ? await checkRestorable(workspacePath, backup, options) : backup;
  if (checked.workspacePath !== workspacePath)
    throw new KecardError('VALIDATION', 'Not a backup of this workspace.', { fields: { file: 'invalid' } });
  const source = checked.source;
  await keepSafetyCopy(workspacePath, now);
  // A stale WAL beside the restored file would be replayed into it: remove it with the old file.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${workspacePath}${suffix}`, { force: true });
  const restoring = `${workspacePath}.restoring`;
  createPrivateEmptyFile(restoring);
  // In libuv's thread pool, not on main: a 10 GB copy must not freeze the app.
  await copyFile(source, restoring);
  makePrivate(restoring);
  // The backup's site numbered changes up to the backup; the replaced file numbered more since,
  // perhaps already sent to another site. The restored file goes on as a site of its own.
  // Encrypted or not is the file's own bytes, not whether a keys file lies beside it (an
  // interrupted re-encryption can leave a plain copy with one, a copied backup may have lost it).
  const encrypted = !isPlainSqlite(source);
  forkRestoredSite(restoring, now, encrypted ? keyFor(workspacePath) : null);
  renameSync(restoring, workspacePath);
  // The keys travel with the file: a backup of an encrypted workspace brings its keys file (or
  // keeps the current one: the key is the same), a plain one leaves none behind (and main
  // forgets the key: the file no longer has one).
  if (encrypted) {
    if (hasKeysFile(source)) copyKeysFile(source, workspacePath);
  } else {
    rmSync(keysFilePath(workspacePath), { force: true });
    forgetKey(workspacePath);
  }
}

function forkRestoredSite(path: string, now: Date, key: WorkspaceKey | null): void {
  const db = openSqlite(path, { fileMustExist: true }, key);
  try {
    forkSite(db, 'restore', now);
  } finally {
    db.close();
  }
}

/**
 * The file a restore replaces, kept as "<name>.<stamp>.restore.bak". Committed work may still be
 * in the WAL (an app killed before its checkpoint): SQLite's backup API reads through it, where a
 * byte copy of the main file would miss it. A file SQLite cannot read (damaged) is kept byte for
 * byte, as it is.
 */
async function keepSafetyCopy(workspacePath: string, now: Date): Promise<void> {
  if (!existsSync(workspacePath) || statSync(workspacePath).size === 0) return;
  // Into the chosen folder, or beside the workspace when that folder is gone (an unplugged disk
  // must not stand between the user and a restore).
  const dir = ensurePrivateDir(chosenFolderAvailable(workspacePath) ? backupDir(workspacePath) : defaultBackupDir(workspacePath));
  const target = join(
    dir,
    `${basename(workspacePath)}.${stampOf(freeStamp(now, (at) => join(dir, `${basename(workspacePath)}.${stampOf(at)}.restore.bak`)))}.restore.bak`,
  );
  try {
    const db = openSqlite(workspacePath, { readonly: true, fileMustExist: true });
    try {
      createPrivateEmptyFile(target);
      // Encrypted: the backup API cannot write an encrypted copy, VACUUM INTO can (createBackup).
      if (keyFor(workspacePath)) db.prepare('VACUUM INTO ?').run(target);
      else await db.backup(target);
    } finally {
      db.close();
    }
    toRollbackJournal(target, keyFor(workspacePath));
    if (hasKeysFile(workspacePath)) copyKeysFile(workspacePath, target);
  } catch {
    // SQLite could not read it (damaged, say): keep its bytes as they are, and its WAL beside the
    // copy — the WAL is removed with the replaced file, and committed work may still be in it.
    removeWithCompanions(target);
    copyFileSync(workspacePath, target);
    makePrivate(target);
    if (hasKeysFile(workspacePath)) copyKeysFile(workspacePath, target);
    if (existsSync(`${workspacePath}-wal`)) {
      copyFileSync(`${workspacePath}-wal`, `${target}-wal`);
      makePrivate(`${target}-wal`);
    }
  }
}

/** Whether a scheduled backup is due: none yet, or the newest is older than the interval. */
export function backupDue(workspacePath: string, now = new Date(), intervalHours = 24): boolean {
  const newest = listBackups(workspacePath)[0];
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= intervalHours * 3_600_000;
}
