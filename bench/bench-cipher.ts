import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { rememberKey, type WorkspaceCipher, type WorkspaceKey } from '../src-main/db/workspace-key';

// Encryption at rest on the bench (session 15): the same cached demo workspace measured plain and
// encrypted. The bench key is fixed (it protects nothing: bench data), the cipher settings are
// the app's own (workspace-key.ts).

export type BenchCipher = 'none' | WorkspaceCipher;

export function parseCipher(value: string | undefined): BenchCipher {
  if (value === undefined || value === 'none') return 'none';
  if (value === 'chacha20' || value === 'sqlcipher') return value;
  throw new Error(`--cipher must be none, chacha20 or sqlcipher: ${value}`);
}

export function benchKey(cipher: WorkspaceCipher): WorkspaceKey {
  return { cipher, key: Buffer.alloc(32, 0x5a) };
}

/** The file to measure for this cipher: the plain one, or an encrypted copy of it (made once). */
export function cipherVariant(plain: string, cipher: BenchCipher, log: (line: string) => void): string {
  if (cipher === 'none') return plain;
  const target = plain.replace(/\.kecard$/, `.${cipher}.kecard`);
  if (existsSync(target)) return target;
  log(`encrypting a copy of ${plain} with ${cipher} …`);
  const started = performance.now();
  const partial = `${target}.partial`;
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${s}`, { force: true });
  copyFileSync(plain, partial);
  const db = new Database(partial, { fileMustExist: true });
  try {
    // SQLite3 Multiple Ciphers rekeys only a rollback-journal file; the app turns WAL back on.
    db.pragma('journal_mode = DELETE');
    const key = benchKey(cipher);
    db.pragma(`cipher = '${cipher}'`);
    db.pragma('kdf_iter = 1');
    db.rekey(key.key);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  renameSync(partial, target);
  log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return target;
}

/** In a measuring child: the app holds the key of the file it measures, as after a sign-in. */
export function useBenchKey(file: string, cipher: BenchCipher): void {
  if (cipher !== 'none') rememberKey(file, benchKey(cipher));
}
