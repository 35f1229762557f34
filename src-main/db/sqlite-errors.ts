import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KecardError, type ErrorCode } from '../../src-shared/errors';
import { currentHolder } from './workspace-lock';

// SQLite says precisely what went wrong (SQLITE_READONLY_DIRECTORY, SQLITE_FULL, SQLITE_BUSY…);
// the user must hear that, not "the file is damaged" nor "an internal error": a healthy file in a
// read-only folder offered for restore from a backup is how data gets lost.

/** The Kecard code for a SQLite (or file-system) failure, or null when it is not environmental. */
export function codeForSqliteError(err: unknown): ErrorCode | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'WORKSPACE_READ_ONLY';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'WORKSPACE_BUSY';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'WORKSPACE_CANNOT_OPEN';
  if (code.startsWith('SQLITE_CORRUPT')) return 'WORKSPACE_CORRUPT';
  if (code === 'SQLITE_NOTADB') return 'WORKSPACE_NOT_KECARD';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PROTOCOL' || code === 'SQLITE_NOLFS') return 'WORKSPACE_IO';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'WORKSPACE_READ_ONLY';
  if (code === 'EIO') return 'WORKSPACE_IO';
  // A path through a file, a folder chosen as the file, a name too long: nothing to do with damage.
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') return 'WORKSPACE_CANNOT_OPEN';
  return null;
}

/**
 * The error as a KecardError: a KecardError as it is, an environmental failure with its own code
 * (and, when busy, who holds the workspace), anything else unchanged.
 */
export function fromSqliteError(err: unknown, path?: string): unknown {
  if (err instanceof KecardError) return err;
  let code = codeForSqliteError(err);
  if (!code) return err;
  // SQLite reports ENOSPC as SQLITE_FULL only for its own writes; growing the -shm file at open
  // (SQLITE_IOERR_SHMSIZE) or an fsync on a full disk come back as an I/O error.
  if (code === 'WORKSPACE_IO' && path && diskIsFull(path)) code = 'DISK_FULL';
  const message = err instanceof Error ? err.message : String(err);
  const details: Record<string, unknown> = { ...(path ? { path } : {}), sqlite: (err as { code: string }).code };
  if (code === 'WORKSPACE_BUSY' && path) {
    const holder = currentHolder(path);
    if (holder && holder.pid !== process.pid)
      Object.assign(details, { app: holder.app, user: holder.user, host: holder.host, pid: holder.pid, since: holder.since });
  }
  return new KecardError(code, message, details);
}

function diskIsFull(path: string): boolean {
  try {
    return statfsSync(dirname(path)).bavail === 0;
  } catch {
    return false;
  }
}
