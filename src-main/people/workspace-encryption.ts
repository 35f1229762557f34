import { rmSync } from 'node:fs';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import {
  keysFilePath,
  newKeysFile,
  readKeysFile,
  unwrapKey,
  unwrapWithPassword,
  withoutUser,
  withWrapping,
  wrapKey,
  writeKeysFile,
} from '../db/keys-file';
import { forgetKey, keyFor, newWorkspaceKey, rememberKey, type WorkspaceCipher, type WorkspaceKey } from '../db/workspace-key';
import { appendAudit } from './audit-log';
import { listPlainCopies } from '../backup/plain-copies';
import type { EncryptionState } from '../../src-shared/contract/people-methods';
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, verifySecret } from './password-hash';
import { requireUserRow } from './user-rows';

// Encryption at rest (issue 19): the key hierarchy. A random workspace key encrypts the file
// (SQLite3 Multiple Ciphers, workspace-key.ts); each user with a password has a copy wrapped by
// a key scrypt derives from that password, and the manager's recovery code wraps another
// (keys-file.ts). Passwords are known only when typed, so a user's copy is (re)made whenever main
// sees their password: turning encryption on (the manager), setting or resetting a password,
// recovery, and a sign-in of a user who has no copy yet. Disabling a user removes their copies.
// Every function here is a no-op on a workspace that is not encrypted.

export function isEncrypted(ws: Workspace): boolean {
  return keyFor(ws.path) !== null;
}

/** What the 数据加密 panel shows: on/off, the cipher, the file and its keys file, and plain backups left over. */
export function encryptionState(ws: Workspace): EncryptionState {
  const key = keyFor(ws.path);
  return {
    encrypted: key !== null,
    cipher: key?.cipher ?? null,
    path: ws.path,
    keysFile: keysFilePath(ws.path),
    // While the file is plain, its plain backups are no news; once it is encrypted they are the leak.
    plainCopies: key ? listPlainCopies(ws) : [],
  };
}

/**
 * Turns encryption on for the open workspace: the signed-in manager's password (checked again)
 * wraps the new key, and a new recovery code — returned to be shown once, its hash replacing the
 * old one — wraps another copy. The file is rewritten encrypted in place (rekey). Workers that
 * hold the file open must be ended by the caller first: they would go on reading it without key.
 */
export async function encryptWorkspace(
  ws: Workspace,
  ctx: CallContext,
  password: string,
  cipher: WorkspaceCipher = 'chacha20',
  now: Date = new Date(),
): Promise<{ recoveryCode: string }> {
  if (isEncrypted(ws)) throw new KecardError('CONFLICT', 'The workspace is already encrypted.', { reason: 'alreadyEncrypted' });
  const me = requireUserRow(ws, ctx.userId);
  if (!me.password_hash || !(await verifySecret(password, me.password_hash))) {
    throw new KecardError('VALIDATION', 'The password is wrong.', { fields: { password: 'wrongPassword' } });
  }
  const key = newWorkspaceKey(cipher);
  const recoveryCode = newRecoveryCode();
  const normalised = normaliseRecoveryCode(recoveryCode);
  const file = newKeysFile(key, [wrapKey(key, 'password', me.id, me.login, password), wrapKey(key, 'recovery', me.id, me.login, normalised)]);
  // The keys file first: a crash during the rekey leaves a plain file (SQLite rolls the rekey
  // back), which opens as plain whatever lies beside it (open-workspace.ts reads the header).
  writeKeysFile(ws.path, file);
  try {
    rekey(ws, key);
  } catch (err) {
    rmSync(keysFilePath(ws.path), { force: true });
    throw err;
  }
  rememberKey(ws.path, key);
  ws.db.prepare('UPDATE users SET recovery_hash = ?, updated_at = ? WHERE id = ?').run(await hashSecret(normalised), now.toISOString(), me.id);
  appendAudit(ws, { action: 'encryptionOn', actor: { userId: me.id, userName: me.display_name }, targetId: me.id, detail: { cipher } }, now);
  return { recoveryCode };
}

/** Turns encryption off: the file is rewritten plain and its keys file removed. */
export async function decryptWorkspace(ws: Workspace, ctx: CallContext, password: string, now: Date = new Date()): Promise<void> {
  if (!isEncrypted(ws)) throw new KecardError('CONFLICT', 'The workspace is not encrypted.', { reason: 'notEncrypted' });
  const me = requireUserRow(ws, ctx.userId);
  if (!me.password_hash || !(await verifySecret(password, me.password_hash))) {
    throw new KecardError('VALIDATION', 'The password is wrong.', { fields: { password: 'wrongPassword' } });
  }
  rekey(ws, null);
  forgetKey(ws.path);
  rmSync(keysFilePath(ws.path), { force: true });
  appendAudit(ws, { action: 'encryptionOff', actor: { userId: me.id, userName: me.display_name }, targetId: me.id }, now);
}

/**
 * Rewrites every page under the new key (or plain, with null). SQLite3 Multiple Ciphers refuses
 * to rekey a file in WAL mode, so it runs in rollback-journal mode (SQLite makes it one
 * transaction: a crash leaves the file as it was) and the journal mode is put back after.
 */
function rekey(ws: Workspace, key: WorkspaceKey | null): void {
  const wal = String(ws.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (wal) ws.db.pragma('journal_mode = DELETE');
  try {
    if (key) {
      ws.db.pragma(`cipher = '${key.cipher}'`);
      ws.db.pragma('kdf_iter = 1');
      ws.db.rekey(key.key);
    } else ws.db.rekey(Buffer.alloc(0));
  } finally {
    if (wal) ws.db.pragma('journal_mode = WAL');
  }
}

/** A user's password (just set, reset, recovered or signed in with) wraps their copy of the key. */
export function wrapForUser(ws: Workspace, userId: string, password: string): void {
  const key = keyFor(ws.path);
  if (!key) return;
  const row = requireUserRow(ws, userId);
  const file = readKeysFile(ws.path);
  writeKeysFile(ws.path, withWrapping(file, 'password', row.id, wrapKey(key, 'password', row.id, row.login, password)));
}

/** After a sign-in: a user whose password predates encryption gets their copy now. */
export function wrapAtSignIn(ws: Workspace, userId: string, password: string): void {
  const key = keyFor(ws.path);
  if (!key) return;
  const file = readKeysFile(ws.path);
  if (file.wrapped.some((w) => w.kind === 'password' && w.userId === userId)) return;
  wrapForUser(ws, userId, password);
}

/** A new recovery code (issued by setOwnPassword or recovery) wraps the manager's recovery copy. */
export function wrapRecovery(ws: Workspace, userId: string, recoveryCode: string): void {
  const key = keyFor(ws.path);
  if (!key) return;
  const row = requireUserRow(ws, userId);
  const file = readKeysFile(ws.path);
  writeKeysFile(ws.path, withWrapping(file, 'recovery', row.id, wrapKey(key, 'recovery', row.id, row.login, normaliseRecoveryCode(recoveryCode))));
}

/** A disabled user's password (and recovery code) no longer opens the file. */
export function dropUserKeys(ws: Workspace, userId: string): void {
  if (!keyFor(ws.path)) return;
  writeKeysFile(ws.path, withoutUser(readKeysFile(ws.path), userId));
}

/**
 * Before an encrypted file is opened: the key a login's password unwraps from its keys file, or
 * null (a wrong password, an unknown login, or a user without a copy — all the same answer, for
 * the same scrypt work). Nothing is written: the file cannot be opened to count failures; the
 * scrypt cost of each try is what slows guessing down (see docs/security.md).
 */
export function unlockWithPassword(path: string, login: string, password: string): WorkspaceKey | null {
  return unwrapWithPassword(readKeysFile(path), login, password);
}

/** Recovery for an encrypted file: the login's recovery code unwraps the key. */
export function unlockWithRecoveryCode(path: string, login: string, code: string): WorkspaceKey | null {
  const file = readKeysFile(path);
  const wanted = login.trim().toLowerCase();
  const entry = file.wrapped.find((w) => w.kind === 'recovery' && w.login === wanted);
  return entry ? unwrapKey(file, entry, normaliseRecoveryCode(code)) : null;
}

/** Signing in to a locked (encrypted, not yet open) file: main keeps the key, then opens as usual. */
export function unlockFile(path: string, login: string, password: string): void {
  const key = unlockWithPassword(path, login, password);
  if (!key) throw new KecardError('SIGN_IN_FAILED', 'Wrong login or password.', { reason: 'wrong' });
  rememberKey(path, key);
}
