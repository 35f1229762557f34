import { rmSync } from 'node:fs';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { copyKeysFile, keysFilePath } from '../db/keys-file';
import { keyFor, openSqlite, type WorkspaceKey } from '../db/workspace-key';
import { actorOf, appendAudit } from '../people/audit-log';
import { findBackup, isBackupName, isPlainSqlite, listBackups, type BackupInfo } from './backup-service';

// Plain copies of an encrypted workspace (session 15 review, finding 9): backups, pre-migration
// and restore-safety copies written before encryption was turned on are still readable by anyone
// holding them. The encryption panel lists them and offers to encrypt them under the workspace's
// key or to delete them; nothing happens to them unasked (they may be the only way back).

/** The backups of the workspace that are plain SQLite files, newest first. */
export function listPlainCopies(ws: Workspace): BackupInfo[] {
  return listBackups(ws.path).filter((b) => !b.encrypted);
}

/** Each named file must be a plain backup of this workspace: nothing else is touched. */
function plainPaths(ws: Workspace, files: readonly string[]): string[] {
  return files.map((file) => {
    // A name only, checked like a restore's: '../shop.kecard' must not reach the workspace itself.
    if (!isBackupName(file)) throw new KecardError('VALIDATION', 'Not a backup of this workspace.', { fields: { file: 'invalid' } });
    const path = findBackup(ws.path, file);
    if (!path) throw new KecardError('NOT_FOUND', 'The backup no longer exists.', { file });
    if (!isPlainSqlite(path)) throw new KecardError('CONFLICT', 'This backup is already encrypted.', { reason: 'alreadyEncrypted', file });
    return path;
  });
}

function requireKey(ws: Workspace): WorkspaceKey {
  const key = keyFor(ws.path);
  if (!key) throw new KecardError('CONFLICT', 'The workspace is not encrypted.', { reason: 'notEncrypted' });
  return key;
}

/**
 * Rewrites the named plain backups under the workspace's key, each with the workspace's keys file
 * beside it. That keys file wraps the key for today's passwords, so the copy's `users` rows take
 * today's password and recovery hashes too (users are the file's own, outside the change log):
 * otherwise a restored copy would unlock with today's password and then ask for the old one.
 */
export function encryptPlainCopies(ws: Workspace, ctx: CallContext, files: readonly string[], now = new Date()): BackupInfo[] {
  const key = requireKey(ws);
  const paths = plainPaths(ws, files);
  const credentials = ws.db.prepare('SELECT id, password_hash, recovery_hash FROM users').all() as {
    id: string;
    password_hash: string | null;
    recovery_hash: string | null;
  }[];
  for (const path of paths) {
    // The keys file first: beside a plain file it is ignored (the header decides), so a crash
    // during the rekey leaves a readable plain copy, never an encrypted one without its keys.
    copyKeysFile(ws.path, path);
    const db = openSqlite(path, { fileMustExist: true }, null);
    try {
      // SQLite3 Multiple Ciphers rekeys only in rollback-journal mode; a pre-migration copy may carry WAL's flag.
      db.pragma('journal_mode = DELETE');
      const hasUsers = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get() !== undefined;
      if (hasUsers) {
        const update = db.prepare('UPDATE users SET password_hash = ?, recovery_hash = ? WHERE id = ?');
        db.transaction(() => {
          for (const c of credentials) update.run(c.password_hash, c.recovery_hash, c.id);
        })();
      }
      db.pragma(`cipher = '${key.cipher}'`);
      db.pragma('kdf_iter = 1');
      // One transaction: a crash leaves the copy as it was (plain).
      db.rekey(key.key);
    } catch (err) {
      rmSync(keysFilePath(path), { force: true });
      throw new KecardError('WORKSPACE_IO', `The backup could not be encrypted: ${(err as Error).message}`, { file: path });
    } finally {
      db.close();
    }
  }
  appendAudit(ws, { action: 'plainCopiesEncrypted', actor: actorOf(ctx), rowCount: files.length, detail: { files } }, now);
  return listBackups(ws.path);
}

/** Deletes the named plain backups (and anything SQLite left beside them). */
export function deletePlainCopies(ws: Workspace, ctx: CallContext, files: readonly string[], now = new Date()): BackupInfo[] {
  requireKey(ws);
  const paths = plainPaths(ws, files);
  for (const path of paths) for (const suffix of ['', '-wal', '-shm', '-journal', '.keys']) rmSync(`${path}${suffix}`, { force: true });
  appendAudit(ws, { action: 'plainCopiesDeleted', actor: actorOf(ctx), rowCount: files.length, detail: { files } }, now);
  return listBackups(ws.path);
}
