import type Database from 'better-sqlite3-multiple-ciphers';
import { keyFor, openSqlite, type WorkspaceKey } from '../db/workspace-key';
import { KecardError } from '../../src-shared/errors';

/** Opens a backup read-only and runs integrity_check: WORKSPACE_CORRUPT unless it answers "ok". */
export function verifyBackupFile(path: string, key: WorkspaceKey | null = keyFor(path)): void {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true }, key);
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new KecardError('WORKSPACE_CORRUPT', `The backup failed its integrity check: ${String(result)}`);
  } catch (err) {
    if (err instanceof KecardError) throw err;
    throw new KecardError('WORKSPACE_CORRUPT', `The backup cannot be read: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}
