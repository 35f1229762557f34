import type Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { v7 as uuidv7 } from 'uuid';
import { KecardError } from '../../src-shared/errors';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../files/private-files';
import * as schema from './schema';
import { ExclusiveAccess } from './exclusive-access';
import { isOnNetworkFileSystem } from './file-system-kind';
import { latestSchemaVersion, migrationsFolder } from './migrations-folder';
import { applyPragmas, WORKER_BUSY_TIMEOUT_MS } from './pragmas';
import { cacheStatements } from './statement-cache';
import { fromSqliteError } from './sqlite-errors';
import type { WorkspaceLock } from './workspace-lock';
import { KECARD_APPLICATION_ID, SQLITE_HEADER } from './workspace-format';
import { Workspace } from './workspace';
import { keyFor, openSqlite, type WorkspaceKey } from './workspace-key';
import { copyKeysFile, hasKeysFile, keysMissing } from './keys-file';
import { convertLegacyLog, hasLegacyLog } from '../changelog/legacy-log';
import { findSiteNumber, siteNumber } from '../changelog/site-identity';

export interface OpenOptions {
  /** Create the file if it does not exist (and refuse if it does). */
  create?: boolean;
  /** Display name stored in a new workspace; defaults to the file name. */
  name?: string;
  now?: () => Date;
  /**
   * The workspace lock this opener took (app, shell, CLI); released when the workspace closes.
   * Workers of the holding process open without one.
   */
  lock?: WorkspaceLock;
  /** How long a write waits for the write lock; main passes a short one (see pragmas.ts). */
  busyTimeoutMs?: number;
  /** Overrides the detection of a network file system (tests). */
  network?: boolean;
  /**
   * Read only, without the lock: `kecard info`/`search` beside a running app. SQLite refuses any
   * write on this connection; a file that would need upgrading is left to its holder.
   */
  readOnly?: boolean;
  /** The wall clock stamps start from (tests skew it; the workspace clock keeps order anyway). */
  wallClock?: () => number;
  /**
   * The key of an encrypted workspace (workspace-key.ts); by default the one main holds for this
   * path, or the one main handed this worker. A new file created with a key is encrypted.
   */
  key?: WorkspaceKey | null;
}

/**
 * Opens (or creates) a workspace file. Every refusal happens before the file is opened for
 * writing, so a foreign, damaged or newer file is left exactly as it was.
 */
export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  try {
    return openUnlocked(path, options);
  } catch (err) {
    options.lock?.release();
    throw fromSqliteError(err, path);
  }
}

function openUnlocked(path: string, options: OpenOptions): Workspace {
  const now = options.now ?? (() => new Date());
  const exists = existsSync(path);
  // An existing empty file may be one the user made for something else: only an explicit create
  // turns it into a workspace.
  const empty = exists && statSync(path).size === 0;
  if (options.create && exists && !empty) throw new KecardError('WORKSPACE_EXISTS', `File already exists: ${path}`, { path });
  if (!options.create && !exists) throw new KecardError('WORKSPACE_NOT_FOUND', `No such workspace: ${path}`, { path });
  if (!options.create && !existsSync(dirname(path))) throw new KecardError('WORKSPACE_NOT_FOUND', `No such folder`, { path });
  if (!options.create && empty) throw new KecardError('WORKSPACE_EMPTY', 'The file is empty: it is not a workspace yet.', { path });

  // The header decides: a plain file opens plain whatever key is known for it (a rekey cut short
  // by a crash rolls back to plain, its new keys file already beside it).
  const plain = exists && !empty && fileHeader(path) === SQLITE_HEADER;
  const key = plain ? null : options.key !== undefined ? options.key : keyFor(path);
  let backupPath: string | null = null;
  if (exists && !empty) {
    try {
      backupPath = inspectExisting(path, now(), options.readOnly === true, key);
    } catch (err) {
      // A key that does not open the file: its keys file belongs to another workspace.
      if (key && err instanceof KecardError && err.code === 'WORKSPACE_NOT_KECARD') {
        throw new KecardError('WORKSPACE_ENCRYPTED', 'The key does not open this workspace: its keys file belongs to another file.', {
          path,
          reason: 'keyMismatch',
        });
      }
      throw err;
    }
  }
  // Customers' personal data: the file is the owner's alone (SQLite gives -wal/-shm its mode).
  if (options.create) createPrivateFile(path);

  let db: Database.Database;
  try {
    db = openSqlite(path, { fileMustExist: true, readonly: options.readOnly === true }, key);
  } catch (err) {
    const mapped = fromSqliteError(err, path);
    if (mapped instanceof KecardError) throw mapped;
    throw new KecardError('WORKSPACE_CANNOT_OPEN', `Cannot open ${path}: ${(err as Error).message}`, { path });
  }
  let network: boolean | null = null;
  try {
    if (options.readOnly) db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? WORKER_BUSY_TIMEOUT_MS}`);
    else {
      // The journal mode is the owner's choice: whoever creates the file or holds its lock.
      const decides = options.create === true || options.lock !== undefined || options.network !== undefined;
      network = decides ? (options.network ?? isOnNetworkShare(path)) : null;
      applyPragmas(db, { network, busyTimeoutMs: options.busyTimeoutMs ?? WORKER_BUSY_TIMEOUT_MS });
    }
    cacheStatements(db);
    const orm = drizzle(db, { schema });
    const known = latestSchemaVersion();
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current < known) {
      db.pragma(`application_id = ${KECARD_APPLICATION_ID}`);
      migrate(orm, { migrationsFolder: migrationsFolder().folder });
      db.pragma(`user_version = ${known}`);
    }
    const identity = ensureIdentity(db, options.name ?? basename(path).replace(/\.[^.]+$/, ''), now(), options.readOnly === true);
    if (!options.readOnly) prepareLog(db, identity.siteId);
    // Only the owner holds the file exclusively; its workers borrow it (see exclusive-access.ts).
    const exclusive = network === true ? new ExclusiveAccess(db) : null;
    return new Workspace(db, orm, path, identity, backupPath, options.lock ?? null, options.wallClock, exclusive);
  } catch (err) {
    db.close();
    if (err instanceof KecardError) throw err;
    const mapped = fromSqliteError(err, path);
    if (mapped instanceof KecardError) throw mapped;
    throw new KecardError('WORKSPACE_IO', `Cannot prepare workspace: ${(err as Error).message}`, { path });
  }
}

/** The change log's own setup: the schema-13 log converted (migration 0013), this site known. */
function prepareLog(db: Database.Database, siteId: string): void {
  if (hasLegacyLog(db)) convertLegacyLog(db, siteId);
  // Only written when missing, like the identity: workers open the file per request.
  if (findSiteNumber(db, siteId) === null) db.transaction(() => siteNumber(db, siteId)).immediate();
}

function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    // The user's own empty file, chosen for create: it becomes private like a new one.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  makePrivate(path);
}

/** Read-only checks of an existing file; returns the pre-migration backup path if one was written. */
function inspectExisting(path: string, now: Date, readOnly: boolean, key: WorkspaceKey | null): string | null {
  const header = fileHeader(path);
  // An encrypted file has no readable header: with its key it is opened like any other; without
  // one it is said to be encrypted (or its keys file missing), never "damaged".
  if (header !== SQLITE_HEADER && !key) throw notPlainError(path);
  let ro: Database.Database;
  try {
    // A file held exclusively by another program (a network share, see exclusive-access.ts) is
    // said so within a second, not after SQLite's default five.
    ro = openSqlite(path, { readonly: true, fileMustExist: true, timeout: 1000 }, key);
  } catch (err) {
    // A read-only folder or a file locked by another program is not damage.
    const mapped = fromSqliteError(err, path);
    if (mapped instanceof KecardError && mapped.code !== 'WORKSPACE_NOT_KECARD') throw mapped;
    throw new KecardError('WORKSPACE_CORRUPT', `The workspace cannot be read: ${(err as Error).message}`, { path });
  }
  try {
    const appId = readPragma(ro, 'application_id', path);
    const tables = ro.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
    if (appId !== KECARD_APPLICATION_ID) {
      if (tables.n > 0) throw new KecardError('WORKSPACE_NOT_KECARD', 'This file is not a Kecard workspace.', { path });
      return null;
    }
    const version = readPragma(ro, 'user_version', path);
    const known = latestSchemaVersion();
    // A full quick_check reads every page: milliseconds for an everyday file, but more than a
    // minute for a 10 GB one (a million customers) at every start. Large files get the full
    // check only before a migration, which reads the whole file for the backup anyway; otherwise
    // the schema and the small tables are checked, and damage elsewhere shows as an error when
    // the damaged page is read.
    const full = statSync(path).size <= FULL_CHECK_MAX_BYTES || (version < known && version > 0);
    const check = (full ? ro.pragma('quick_check', { simple: true }) : lightCheck(ro)) as string;
    if (check !== 'ok') throw new KecardError('WORKSPACE_CORRUPT', `Integrity check failed: ${check}`, { path });
    if (version > known) {
      throw new KecardError('WORKSPACE_NEWER', `This workspace was saved by a newer Kecard (schema ${version}; this version knows ${known}).`, {
        path,
        fileVersion: version,
        appVersion: known,
      });
    }
    if (version < known && readOnly) {
      throw new KecardError('WORKSPACE_LOCKED', 'The workspace needs an upgrade, which only the program holding it may do.', { path });
    }
    if (version < known && version > 0) {
      const stamp = now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      const dir = ensurePrivateDir(join(dirname(path), `${basename(path)}.backups`));
      const target = join(dir, `${basename(path)}.${stamp}.migration.bak`);
      closeSync(openSync(target, 'wx', PRIVATE_FILE_MODE)); // VACUUM INTO fills an empty file and keeps its mode
      ro.prepare('VACUUM INTO ?').run(target);
      // An encrypted file's copy is encrypted (VACUUM INTO keeps the key): without its keys file
      // beside it no password could open it.
      if (key) copyKeysFile(path, target);
      return target;
    }
    return null;
  } catch (err) {
    if (err instanceof KecardError) throw err;
    const mapped = fromSqliteError(err, path);
    if (mapped instanceof KecardError && mapped.code !== 'WORKSPACE_NOT_KECARD') throw mapped;
    throw new KecardError('WORKSPACE_CORRUPT', `The workspace cannot be read: ${(err as Error).message}`, { path });
  } finally {
    ro.close();
  }
}

/** The first 16 bytes: SQLite's magic text in a plain file, random bytes in an encrypted one. */
function fileHeader(path: string): string {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1');
}

/**
 * A file without SQLite's header, opened without a key: an encrypted workspace (its keys file
 * beside it, or missing), or something else. SQLite3 Multiple Ciphers encrypts every page, so the
 * file itself cannot say; a whole number of pages is what an encrypted workspace looks like.
 */
function notPlainError(path: string): KecardError {
  if (hasKeysFile(path)) return new KecardError('WORKSPACE_ENCRYPTED', 'This workspace is encrypted; please sign in.', { path, reason: 'signIn' });
  const size = statSync(path).size;
  if (size >= 4096 && size % 4096 === 0) return keysMissing(path);
  return new KecardError('WORKSPACE_NOT_KECARD', 'This file is not a Kecard workspace.', { path });
}

/**
 * A share whose type is not recognised (a FUSE mount, say) is named so by KECARD_NETWORK_SHARE=1:
 * every workspace is then treated as on a network share.
 */
function isOnNetworkShare(path: string): boolean {
  return process.env.KECARD_NETWORK_SHARE === '1' || isOnNetworkFileSystem(path);
}

/** Files up to this size get a full quick_check at every open (about a second on a laptop SSD). */
// KECARD_FULL_CHECK_MAX_BYTES lowers it in tests, so the large-file path runs on small files.
const FULL_CHECK_MAX_BYTES = Number(process.env.KECARD_FULL_CHECK_MAX_BYTES ?? 256 * 1024 * 1024);

/** Larger files are opened after the light check and then fully checked in the background. */
export function needsBackgroundCheck(path: string): boolean {
  return statSync(path).size > FULL_CHECK_MAX_BYTES;
}

/** Schema, workspace identity and our staff list: small, and read at every start. */
function lightCheck(db: Database.Database): string {
  for (const table of ['meta', 'employees']) {
    const result = db.pragma(`quick_check(${table})`, { simple: true }) as string;
    if (result !== 'ok') return result;
  }
  return 'ok';
}

function readPragma(db: Database.Database, name: 'application_id' | 'user_version', path: string): number {
  try {
    return db.pragma(name, { simple: true }) as number;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const mapped = fromSqliteError(err, path);
    if (
      mapped instanceof KecardError &&
      ['WORKSPACE_READ_ONLY', 'WORKSPACE_BUSY', 'WORKSPACE_CANNOT_OPEN', 'DISK_FULL', 'WORKSPACE_IO'].includes(mapped.code)
    )
      throw mapped;
    const errCode = code === 'SQLITE_NOTADB' ? 'WORKSPACE_NOT_KECARD' : 'WORKSPACE_CORRUPT';
    throw new KecardError(errCode, `The workspace cannot be read: ${(err as Error).message}`, { path });
  }
}

export interface WorkspaceIdentity {
  workspaceId: string;
  siteId: string;
  name: string;
  createdAt: string;
}

function ensureIdentity(db: Database.Database, defaultName: string, now: Date, readOnly: boolean): WorkspaceIdentity {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const wanted: WorkspaceIdentity = {
    workspaceId: map.get('workspace_id') ?? uuidv7(),
    siteId: map.get('site_id') ?? uuidv7(),
    name: map.get('name') ?? defaultName,
    createdAt: map.get('created_at') ?? now.toISOString(),
  };
  // Only a new (or damaged) file is written here: every worker opens the file per request, and a
  // write at each open would take the lock from under the app's own writes.
  if (readOnly || ['workspace_id', 'site_id', 'name', 'created_at'].every((k) => map.has(k))) return wanted;
  const insert = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    insert.run('workspace_id', wanted.workspaceId);
    insert.run('site_id', wanted.siteId);
    insert.run('name', wanted.name);
    insert.run('created_at', wanted.createdAt);
  })();
  return wanted;
}
