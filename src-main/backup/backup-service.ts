import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KecardError } from '../../src-shared/errors';
import type { Workspace } from '../db/workspace';
import { backupsToKeep, type BackupEntry } from './backup-policy';

// Backups live beside the workspace in "<file>.backups/", named so that the name alone says when
// and why: default.kecard.20261123T153000Z.scheduled.bak

export interface BackupInfo extends BackupEntry {
  bytes: number;
}

const NAME = /^(.+)\.(\d{8}T\d{6}Z)\.(scheduled|manual|import|bulk|migration|restore)\.bak$/;

export function backupDir(workspacePath: string): string {
  return join(dirname(workspacePath), `${basename(workspacePath)}.backups`);
}

export function listBackups(workspacePath: string): BackupInfo[] {
  const dir = backupDir(workspacePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => ({ file, m: NAME.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null && x.m[1] === basename(workspacePath))
    .map(({ file, m }) => {
      const t = m[2] as string;
      const takenAt = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`;
      return { file, takenAt, reason: m[3] as BackupEntry['reason'], bytes: statSync(join(dir, file)).size };
    })
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
}

/** Free space a backup leaves on its disk beyond its own size; tests raise it to stand for a full disk. */
export const BACKUP_SPACE = { reserveBytes: 512 * 1024 * 1024 };

/**
 * A backup as large as the workspace (55 GB at 1M customers × 10M orders) must not fill the
 * user's disk on its way to failing: it is refused up front, with the sizes, when it would not
 * fit with room to spare.
 */
function checkSpace(ws: Workspace, dir: string): void {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const needed = size(ws.path) + size(`${ws.path}-wal`);
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < needed + BACKUP_SPACE.reserveBytes) {
    throw new KecardError('BACKUP_NO_SPACE', 'Not enough free disk space for a backup.', { neededBytes: needed, freeBytes: free, folder: dir });
  }
}

/**
 * SQLite's online backup API copies a consistent snapshot while the app keeps working; the copy
 * is then opened read-only and must pass integrity_check, or it is deleted and the error raised.
 */
export async function createBackup(ws: Workspace, reason: BackupEntry['reason'], now = new Date()): Promise<BackupInfo> {
  const dir = backupDir(ws.path);
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = `${basename(ws.path)}.${stamp}.${reason}.bak`;
  const target = join(dir, file);
  const partial = `${target}.partial`;
  checkSpace(ws, dir);
  try {
    await ws.db.backup(partial);
    verifyBackupFile(partial);
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err instanceof KecardError ? err : new KecardError('WORKSPACE_IO', `The backup failed: ${(err as Error).message}`);
  }
  prune(ws.path);
  return { file, takenAt: now.toISOString().replace(/\.\d+Z$/, 'Z'), reason, bytes: statSync(target).size };
}

export function verifyBackupFile(path: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new KecardError('WORKSPACE_CORRUPT', `The backup failed its integrity check: ${String(result)}`);
  } catch (err) {
    if (err instanceof KecardError) throw err;
    throw new KecardError('WORKSPACE_CORRUPT', `The backup cannot be read: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}

function prune(workspacePath: string): void {
  const all = listBackups(workspacePath);
  const keep = backupsToKeep(all);
  for (const b of all) if (!keep.has(b.file)) rmSync(join(backupDir(workspacePath), b.file), { force: true });
}

/**
 * Puts a backup in place of a workspace file that is NOT open. The file being replaced is kept
 * as a "restore" backup first, so a restore can itself be undone.
 */
export function restoreBackupFile(workspacePath: string, backupFile: string, now = new Date()): void {
  if (basename(backupFile) !== backupFile || !NAME.test(backupFile)) throw new KecardError('VALIDATION', 'Not a backup of this workspace.', { fields: { file: 'invalid' } });
  const source = join(backupDir(workspacePath), backupFile);
  if (!existsSync(source)) throw new KecardError('NOT_FOUND', 'The backup no longer exists.', { file: backupFile });
  verifyBackupFile(source);
  if (existsSync(workspacePath)) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    mkdirSync(backupDir(workspacePath), { recursive: true });
    copyFileSync(workspacePath, join(backupDir(workspacePath), `${basename(workspacePath)}.${stamp}.restore.bak`));
  }
  // A stale WAL beside the restored file would be replayed into it: remove it with the old file.
  for (const suffix of ['-wal', '-shm']) rmSync(`${workspacePath}${suffix}`, { force: true });
  copyFileSync(source, `${workspacePath}.restoring`);
  renameSync(`${workspacePath}.restoring`, workspacePath);
}

/** Whether a scheduled backup is due: none yet, or the newest is older than the interval. */
export function backupDue(workspacePath: string, now = new Date(), intervalHours = 24): boolean {
  const newest = listBackups(workspacePath)[0];
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= intervalHours * 3_600_000;
}
