import Database from 'better-sqlite3';
import { KecardError } from '../../src-shared/errors';

/** Opens a backup read-only and runs integrity_check: WORKSPACE_CORRUPT unless it answers "ok". */
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
