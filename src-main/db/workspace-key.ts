import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';

// The key of an encrypted workspace, in memory only. Main learns it when a user signs in (their
// password unwraps it, see people/workspace-keys-file.ts) and keeps it here by file path; every
// SQLite connection to that file (the workspace, its read-only checks, backups of it) is opened
// through openSqlite, which applies it. Workers get it from main in their workerData (the job
// runner adds it), never from a file.

export type WorkspaceCipher = 'chacha20' | 'sqlcipher';

export interface WorkspaceKey {
  cipher: WorkspaceCipher;
  /** 32 random bytes: the workspace key itself, not a password. */
  key: Buffer;
}

const keys = new Map<string, WorkspaceKey>();

export function rememberKey(path: string, key: WorkspaceKey): void {
  keys.set(resolve(path), { cipher: key.cipher, key: Buffer.from(key.key) });
}

export function forgetKey(path: string): void {
  const known = keys.get(resolve(path));
  known?.key.fill(0);
  keys.delete(resolve(path));
}

/** The key main holds for this file, or the one main handed this worker for it. */
export function keyFor(path: string): WorkspaceKey | null {
  const known = keys.get(resolve(path));
  if (known) return known;
  if (isMainThread) return null;
  const data = workerData as { workspaceKey?: { cipher: WorkspaceCipher; key: Uint8Array } | null; workspacePath?: string; path?: string } | null;
  const target = data?.workspacePath ?? data?.path;
  if (!data?.workspaceKey || !target || resolve(target) !== resolve(path)) return null;
  return { cipher: data.workspaceKey.cipher, key: Buffer.from(data.workspaceKey.key) };
}

/** What a worker's workerData carries for its workspace (structured-cloned, in memory). */
export function keyForWorker(path: string): { cipher: WorkspaceCipher; key: Uint8Array } | null {
  const key = keyFor(path);
  return key ? { cipher: key.cipher, key: new Uint8Array(key.key) } : null;
}

/**
 * Sets the cipher and key on a connection before its first read. The key is 256 random bits, so
 * the cipher's own password stretching (PBKDF2, 64k–256k rounds, paid at every open — and
 * workers open the file per request) adds nothing: one round. The passwords that unwrap the key
 * are stretched with scrypt instead (workspace-keys-file.ts).
 */
export function applyKey(db: Database.Database, key: WorkspaceKey): void {
  db.pragma(`cipher = '${key.cipher}'`);
  db.pragma('kdf_iter = 1');
  db.key(key.key);
}

/** Opens a SQLite connection to a workspace file (or a backup of it) with its key, if it has one. */
export function openSqlite(path: string, options: Database.Options = {}, key: WorkspaceKey | null = keyFor(path)): Database.Database {
  const db = new Database(path, options);
  if (key) {
    try {
      applyKey(db, key);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return db;
}

/** A fresh random workspace key. */
export function newWorkspaceKey(cipher: WorkspaceCipher = 'chacha20'): WorkspaceKey {
  return { cipher, key: randomBytes(32) };
}
