import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { Envelope } from '../../../src-shared/errors';
import type { UserSummary } from '../../../src-shared/domain/people';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { keysFilePath, readKeysFile } from '../../../src-main/db/keys-file';
import { forgetKey, keyFor } from '../../../src-main/db/workspace-key';
import { unlockWithPassword, unlockWithRecoveryCode } from '../../../src-main/people/workspace-encryption';
import { fileRequiresSignIn } from '../../../src-main/people/sign-in';
import { refusal } from '../../support/refusal';
import { tempDir } from '../../support/temp-workspace';
import { distWorkers, jobFinished } from '../../support/job-events';

// Encryption at rest (issue 19): real files in a temp folder, the app's router, its workers.
const NAME = '保密测试科技有限公司';
const PHONE = '13912345678';
const OWNER = (() => {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
})();

let files: { dir: string; cleanup: () => void };
let app: ComposedApp;
let events: KecardEvent[];
let path: string;

function newApp(): ComposedApp {
  const made = composeApp({ dataDir: join(files.dir, 'data'), shell: 'browser', workerDir: distWorkers, rememberRecent: false });
  made.setEventSink((e) => events.push(e));
  return made;
}

beforeEach(() => {
  files = tempDir();
  events = [];
  path = join(files.dir, 'secret.kecard');
  app = newApp();
  app.host.create(path);
});
afterEach(async () => {
  await app.dispose();
  for (const p of [path, join(files.dir, 'copy.kecard')]) forgetKey(p);
  files.cleanup();
});

async function call<T>(method: string, input: unknown = {}): Promise<Envelope<T>> {
  return (await app.dispatch(method, input, app.host.context)) as Envelope<T>;
}
async function value<T>(method: string, input: unknown = {}): Promise<T> {
  const envelope = await call<T>(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

/** A manager with a password, an assistant, a customer; then encryption on. */
async function encrypted(): Promise<{ recoveryCode: string; assistant: UserSummary }> {
  await value('account.setPassword', { newPassword: 'boss-pass-1' });
  const assistant = await value<UserSummary>('users.create', { login: 'XiaoLi', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
  await value('customers.create', { values: { name: NAME, phones: [PHONE] } });
  const { recoveryCode } = await value<{ recoveryCode: string }>('workspace.encrypt', { password: 'boss-pass-1' });
  return { recoveryCode, assistant };
}

function bytesOf(file: string): Buffer {
  return Buffer.concat(['', '-wal'].filter((s) => existsSync(`${file}${s}`)).map((s) => readFileSync(`${file}${s}`)));
}
function containsSecrets(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from(NAME)) || bytes.includes(Buffer.from(PHONE)) || bytes.includes(Buffer.from(NAME, 'utf16le'));
}

describe('an encrypted workspace', () => {
  it('keeps no customer name or phone in its file, its WAL or its backups, and its keys file no key', async () => {
    // Before: the plain file does hold them (the test can fail).
    await value('customers.create', { values: { name: NAME, phones: [PHONE] } });
    app.host.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(containsSecrets(bytesOf(path))).toBe(true);
    await value('account.setPassword', { newPassword: 'boss-pass-1' });
    await value('workspace.encrypt', { password: 'boss-pass-1' });
    // Written after encryption: lands in the WAL first.
    await value('customers.create', { values: { name: `${NAME}二`, phones: ['13900001111'] } });
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(containsSecrets(bytesOf(path))).toBe(false);
    expect(bytesOf(path).includes(Buffer.from('13900001111'))).toBe(false);
    const backup = await value<{ file: string }>('backups.create');
    const backupDir = `${path}.backups`;
    expect(readdirSync(backupDir)).toEqual(expect.arrayContaining([backup.file, `${backup.file}.keys`]));
    expect(containsSecrets(bytesOf(join(backupDir, backup.file)))).toBe(false);
    const keys = readFileSync(keysFilePath(path));
    const key = keyFor(path)?.key as Buffer;
    expect(keys.includes(key.toString('base64'))).toBe(false);
    expect(keys.includes(key.toString('hex'))).toBe(false);
    expect(readKeysFile(path)).toMatchObject({ format: 'kecard-workspace-keys', version: 1, cipher: 'chacha20' });
  });

  it('opens without a key only to say it is encrypted; a wrong password is a wrong password; the right one opens it', async () => {
    await encrypted();
    await app.dispose();
    forgetKey(path);
    app = newApp();
    const locked = refusal(() => app.host.open(path));
    expect(locked.code).toBe('WORKSPACE_ENCRYPTED');
    expect(locked.details).toMatchObject({ reason: 'signIn' });
    expect(locked.message).not.toMatch(/damaged|corrupt/i);
    expect(await value('session.state')).toEqual({ signInRequired: true, user: null });
    const wrong = await call('session.signIn', { login: OWNER, password: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', details: { reason: 'wrong' } } });
    expect(app.host.hasWorkspace).toBe(false);
    // The same pace as sign-in.ts: the next try right away is refused unheard.
    const soon = await call('session.signIn', { login: 'XiaoLi', password: 'li-pass-1' });
    expect(soon).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', details: { reason: 'tooSoon' } } });
    await new Promise((r) => setTimeout(r, 1100));
    // The assistant's password predates the encryption: main never saw it, so it has no copy yet.
    const before = await call('session.signIn', { login: 'XiaoLi', password: 'li-pass-1' });
    expect(before).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', details: { reason: 'wrong' } } });
    await new Promise((r) => setTimeout(r, 2100));
    const state = await value<{ user: { login: string } }>('session.signIn', { login: OWNER, password: 'boss-pass-1' });
    expect(state.user.login).toBe(OWNER);
    // Signed in on the open file, the assistant's password gets its copy.
    await value('session.signOut');
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-1')).toBeNull();
    await value('session.signIn', { login: 'XiaoLi', password: 'li-pass-1' });
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-1')).not.toBeNull();
    const found = await value<{ hits: { name: string }[] }>('customers.search', { q: '保密测试', limit: 5 });
    expect(found.hits.map((r) => r.name)).toContain(NAME);
  });

  it('a copy without its keys file says the keys file is missing; with it, the password opens the copy', async () => {
    await encrypted();
    app.host.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(files.dir, 'copy.kecard');
    copyFileSync(path, copy);
    const missing = refusal(() => openWorkspace(copy));
    expect(missing.code).toBe('WORKSPACE_ENCRYPTED');
    expect(missing.details).toMatchObject({ reason: 'keysMissing', keysFile: 'copy.kecard.keys' });
    expect(missing.message).toContain('copy.kecard.keys');
    copyFileSync(keysFilePath(path), keysFilePath(copy));
    expect(refusal(() => openWorkspace(copy)).details).toMatchObject({ reason: 'signIn' });
    // A restore over it needs its manager signed in, as for any workspace with passwords.
    expect(fileRequiresSignIn(copy)).toBe(true);
    expect(unlockWithPassword(copy, OWNER, 'wrong')).toBeNull();
    const key = unlockWithPassword(copy, OWNER, 'boss-pass-1');
    expect(key).not.toBeNull();
    const ws = openWorkspace(copy, { key });
    expect(ws.db.prepare('SELECT name FROM customers').pluck().all()).toContain(NAME);
    ws.close();
  });

  it('hands its key to workers in memory: a report job reads the encrypted file', async () => {
    await encrypted();
    const started = await value<{ jobId: string }>('reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
    const report = await jobFinished(events, started.jobId);
    expect(report).toMatchObject({ ok: true });
    // Nothing but the in-memory key: no key bytes in any file beside the workspace.
    const key = keyFor(path)?.key as Buffer;
    for (const entry of readdirSync(files.dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('secret.kecard')) continue;
      const bytes = readFileSync(join(files.dir, entry.name));
      expect(bytes.includes(key) || bytes.includes(key.toString('base64')) || bytes.includes(key.toString('hex'))).toBe(false);
    }
    expect(readFileSync(keysFilePath(path)).includes(key.toString('base64'))).toBe(false);
  });

  it('re-wraps on a password reset, drops a disabled user, and the recovery code unwraps', async () => {
    const { recoveryCode, assistant } = await encrypted();
    expect(unlockWithRecoveryCode(path, OWNER, recoveryCode)).not.toBeNull();
    await value('users.resetPassword', { id: assistant.id, password: 'li-pass-2' });
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-1')).toBeNull();
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-2')).not.toBeNull();
    await value('users.setActive', { id: assistant.id, active: false });
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-2')).toBeNull();
    expect(readKeysFile(path).wrapped.some((w) => w.userId === assistant.id)).toBe(false);
  });

  it("停用并移交 drops the leaving user's key only once the move has committed", async () => {
    const { assistant } = await encrypted();
    const heir = await value<{ id: string }>('employees.create', { values: { name: '接手人' } });
    // Users other than the one who encrypted get their copy at a reset or their next sign-in.
    await value('users.resetPassword', { id: assistant.id, password: 'li-pass-1' });
    const refused = await call('users.disableAndTransfer', { id: assistant.id, toEmployeeId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(refused.ok).toBe(false);
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-1')).not.toBeNull();
    await value('users.disableAndTransfer', { id: assistant.id, toEmployeeId: heir.id });
    expect(unlockWithPassword(path, 'XiaoLi', 'li-pass-1')).toBeNull();
    expect(readKeysFile(path).wrapped.some((w) => w.userId === assistant.id)).toBe(false);
  });

  it('backup and restore: the restored file is encrypted, with its keys file, and opens after sign-in', async () => {
    await encrypted();
    const backup = await value<{ file: string }>('backups.create');
    await value('customers.create', { values: { name: '备份之后的客户' } });
    await value('backups.restore', { file: backup.file });
    expect(containsSecrets(bytesOf(path))).toBe(false);
    expect(existsSync(keysFilePath(path))).toBe(true);
    await value('session.signIn', { login: OWNER, password: 'boss-pass-1' });
    const names = await value<{ hits: { name: string }[] }>('customers.search', { q: '备份之后', limit: 5 });
    expect(names.hits).toHaveLength(0);
    await app.dispose();
    forgetKey(path);
    app = newApp();
    expect(refusal(() => app.host.open(path)).code).toBe('WORKSPACE_ENCRYPTED');
    await value('session.signIn', { login: OWNER, password: 'boss-pass-1' });
    const found = await value<{ hits: { name: string }[] }>('customers.search', { q: '保密测试', limit: 5 });
    expect(found.hits.map((r) => r.name)).toContain(NAME);
  });

  it('decrypts back to a plain file without a keys file', async () => {
    await encrypted();
    await value('workspace.decrypt', { password: 'boss-pass-1' });
    expect(existsSync(keysFilePath(path))).toBe(false);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    await app.dispose();
    app = newApp();
    app.host.open(path);
    expect(app.host.hasWorkspace).toBe(true);
  });

  it('the CLI: without --as it says the workspace is encrypted; --as with KECARD_PASSWORD unlocks it', async () => {
    await encrypted();
    await app.dispose();
    forgetKey(path);
    app = newApp();
    const cli = join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'cli.mjs');
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [cli, ...args], {
        encoding: 'utf8',
        env: { ...process.env, KECARD_HOME: join(files.dir, 'home'), KECARD_PASSWORD: '', ...env },
      });
    const plain = run(['call', 'customers.search', '{"q":"保密测试","limit":5}', '-w', path]);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('此工作区已加密，请登录');
    expect(plain.stderr).not.toMatch(/损坏|damaged/);
    const wrong = run(['call', 'customers.search', '{"q":"保密测试","limit":5}', '-w', path, '--as', OWNER], { KECARD_PASSWORD: 'nope' });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).not.toContain(NAME);
    const right = run(['call', 'customers.search', '{"q":"保密测试","limit":5}', '-w', path, '--as', OWNER], { KECARD_PASSWORD: 'boss-pass-1' });
    expect(right.stderr).toBe('');
    expect(right.status).toBe(0);
    expect(right.stdout).toContain(NAME);
  }, 90_000);
});
