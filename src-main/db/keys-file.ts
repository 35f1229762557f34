import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { KecardError } from '../../src-shared/errors';
import { makePrivate, PRIVATE_FILE_MODE } from '../files/private-files';
import type { WorkspaceCipher, WorkspaceKey } from './workspace-key';
import { SQLITE_HEADER } from './workspace-format';

// The keys file of an encrypted workspace: "<workspace>.keys" beside it, JSON. It holds the
// workspace key wrapped (AES-256-GCM) once per user with a password — by a key scrypt derives
// from that password — and once by the recovery code, never the key itself. It is a sidecar and
// not part of the database because the app must read it before it can open the database, and
// SQLite3 Multiple Ciphers encrypts the whole file, header included. JSON with a format version,
// so later versions can add kinds of wrapping (an OS keychain, a second factor) and still read
// this one. Backups and "save copy" carry one beside the copy.

export const KEYS_FILE_FORMAT = 'kecard-workspace-keys';
export const KEYS_FILE_VERSION = 1;

/** scrypt as for password hashes (password-hash.ts): ~100 ms, 32 MB. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

const wrappedSchema = z.object({
  kind: z.enum(['password', 'recovery']),
  userId: z.string().min(1),
  /** Lower-cased login, to find the entry for a sign-in; the user row stays the authority. */
  login: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

const keysFileSchema = z.object({
  format: z.literal(KEYS_FILE_FORMAT),
  version: z.number().int(),
  cipher: z.enum(['chacha20', 'sqlcipher']),
  /** HMAC of a fixed text under the workspace key: tells a mismatched keys file from a wrong password. */
  keyCheck: z.string(),
  wrapped: z.array(wrappedSchema),
});

export type WrappedKey = z.infer<typeof wrappedSchema>;
export type KeysFile = z.infer<typeof keysFileSchema>;

export function keysFilePath(workspacePath: string): string {
  return `${workspacePath}.keys`;
}

export function hasKeysFile(workspacePath: string): boolean {
  return existsSync(keysFilePath(workspacePath));
}

/** A file whose first bytes are not SQLite's, with a keys file beside it. */
export function fileIsEncrypted(workspacePath: string): boolean {
  if (!hasKeysFile(workspacePath) || !existsSync(workspacePath)) return false;
  const header = Buffer.alloc(16);
  const fd = openSync(workspacePath, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') !== SQLITE_HEADER;
}

export function readKeysFile(workspacePath: string): KeysFile {
  const path = keysFilePath(workspacePath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw keysMissing(workspacePath);
    throw new KecardError('WORKSPACE_ENCRYPTED', `The keys file cannot be read: ${(err as Error).message}`, {
      path: workspacePath,
      reason: 'keysUnreadable',
    });
  }
  const parsed = keysFileSchema.safeParse(raw);
  if (!parsed.success || parsed.data.version > KEYS_FILE_VERSION) {
    throw new KecardError('WORKSPACE_ENCRYPTED', 'The keys file is not one this version of Kecard can read.', {
      path: workspacePath,
      reason: 'keysUnreadable',
    });
  }
  return parsed.data;
}

/** Written whole and renamed into place: a crash leaves the old keys file or the new one. */
export function writeKeysFile(workspacePath: string, file: KeysFile): void {
  const path = keysFilePath(workspacePath);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  makePrivate(partial);
  renameSync(partial, path);
}

/** A copy of an encrypted workspace (backup, save copy, restore) gets the keys file beside it. */
export function copyKeysFile(fromWorkspace: string, toWorkspace: string): void {
  writeKeysFile(toWorkspace, readKeysFile(fromWorkspace));
}

export function keysMissing(workspacePath: string): KecardError {
  return new KecardError(
    'WORKSPACE_ENCRYPTED',
    `This workspace is encrypted, but its keys file ${basename(keysFilePath(workspacePath))} is not beside it.`,
    { path: workspacePath, reason: 'keysMissing', keysFile: basename(keysFilePath(workspacePath)) },
  );
}

export function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('kecard workspace key check').digest('base64');
}

function aad(cipher: WorkspaceCipher, kind: WrappedKey['kind'], userId: string): Buffer {
  return Buffer.from(`${KEYS_FILE_FORMAT}/${KEYS_FILE_VERSION}/${cipher}/${kind}/${userId}`, 'utf8');
}

/** Wraps the workspace key under a secret (a password or the normalised recovery code). */
export function wrapKey(key: WorkspaceKey, kind: WrappedKey['kind'], userId: string, login: string, secret: string): WrappedKey {
  const salt = randomBytes(16);
  const kek = scryptSync(secret.normalize('NFKC'), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(key.cipher, kind, userId));
  const data = Buffer.concat([cipher.update(key.key), cipher.final()]);
  kek.fill(0);
  return {
    kind,
    userId,
    login: login.trim().toLowerCase(),
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The workspace key if `secret` opens this wrapping, otherwise null (GCM checks it). */
export function unwrapKey(file: KeysFile, entry: WrappedKey, secret: string): WorkspaceKey | null {
  const { N, r, p } = entry.kdf;
  if (N > 2 ** 20 || r > 16 || p > 4) return null; // a keys file cannot make us spend minutes or gigabytes
  const kek = scryptSync(secret.normalize('NFKC'), Buffer.from(entry.kdf.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r + SCRYPT_MAXMEM });
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(entry.iv, 'base64'));
    decipher.setAAD(aad(file.cipher, entry.kind, entry.userId));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]);
    const check = Buffer.from(keyCheckOf(key), 'base64');
    const expected = Buffer.from(file.keyCheck, 'base64');
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) return null;
    return { cipher: file.cipher, key };
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/** The wrapping a login's password would open (password kind), if any. */
export function passwordEntry(file: KeysFile, login: string): WrappedKey | null {
  const wanted = login.trim().toLowerCase();
  return file.wrapped.find((w) => w.kind === 'password' && w.login === wanted) ?? null;
}

/**
 * Unwraps with a login's password, or, for a login without an entry, spends the same scrypt work
 * and fails: the keys file must not tell which logins exist by how fast it answers.
 */
export function unwrapWithPassword(file: KeysFile, login: string, password: string): WorkspaceKey | null {
  const entry = passwordEntry(file, login);
  if (entry) return unwrapKey(file, entry, password);
  scryptSync(password.normalize('NFKC'), randomBytes(16), 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  return null;
}

export function newKeysFile(key: WorkspaceKey, wrapped: WrappedKey[]): KeysFile {
  return { format: KEYS_FILE_FORMAT, version: KEYS_FILE_VERSION, cipher: key.cipher, keyCheck: keyCheckOf(key.key), wrapped };
}

/** The same keys file with one user's wrappings of `kind` replaced (or removed, with null). */
export function withWrapping(file: KeysFile, kind: WrappedKey['kind'], userId: string, entry: WrappedKey | null): KeysFile {
  const rest = file.wrapped.filter((w) => !(w.kind === kind && w.userId === userId));
  return { ...file, wrapped: entry ? [...rest, entry] : rest };
}

/** Removes every wrapping of a user (disabled or deleted): their password no longer opens the file. */
export function withoutUser(file: KeysFile, userId: string): KeysFile {
  return { ...file, wrapped: file.wrapped.filter((w) => w.userId !== userId) };
}
