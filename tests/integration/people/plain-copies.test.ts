import type { CallContext } from '../../../src-main/changelog/call-context';
import type { PermissionPolicy } from '../../../src-shared/domain/permissions';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-shared/errors';
import type { EncryptionState } from '../../../src-shared/contract/people-methods';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { keysFilePath } from '../../../src-main/db/keys-file';
import { forgetKey } from '../../../src-main/db/workspace-key';
import { refusal } from '../../support/refusal';
import { tempDir } from '../../support/temp-workspace';
import { distWorkers } from '../../support/job-events';

// Plain copies of an encrypted workspace (session 15 review, finding 9): backups written before
// encryption are listed, can be encrypted under the workspace key or deleted, and a plain backup
// never turns encryption off unasked. Real files in a temp folder, through the app's router.
const NAME = '明文备份测试有限公司';
const OWNER = (() => {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
})();

interface Backup {
  file: string;
  reason: string;
  encrypted: boolean;
  bytes: number;
}

let files: { dir: string; cleanup: () => void };
let app: ComposedApp;
let path: string;

function newApp(): ComposedApp {
  return composeApp({ dataDir: join(files.dir, 'data'), shell: 'browser', workerDir: distWorkers, rememberRecent: false });
}

beforeEach(() => {
  files = tempDir();
  path = join(files.dir, 'shop.kecard');
  app = newApp();
  app.host.create(path);
});
afterEach(async () => {
  await app.dispose();
  forgetKey(path);
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

const backupPath = (file: string) => join(`${path}.backups`, file);
const holdsName = (file: string) => readFileSync(file).includes(Buffer.from(NAME));

/** A customer and a plain manual backup; then the password changes and encryption goes on. */
async function plainBackupThenEncrypt(): Promise<Backup> {
  await value('account.setPassword', { newPassword: 'old-pass-1' });
  await value('customers.create', { values: { name: NAME } });
  const backup = await value<Backup>('backups.create');
  expect(backup.encrypted).toBe(false);
  // Today's password differs from the one in the backup's users table.
  await value('account.setPassword', { currentPassword: 'old-pass-1', newPassword: 'new-pass-2' });
  await value('workspace.encrypt', { password: 'new-pass-2' });
  return backup;
}

async function reopenAndSignIn(password: string): Promise<Envelope<unknown>> {
  await app.dispose();
  forgetKey(path);
  app = newApp();
  expect(refusal(() => app.host.open(path)).code).toBe('WORKSPACE_ENCRYPTED');
  return call('session.signIn', { login: OWNER, password });
}

describe('plain copies of an encrypted workspace', () => {
  it('are listed by workspace.encryption (encrypted backups are not)', async () => {
    const before = await value<EncryptionState>('workspace.encryption');
    expect(before).toMatchObject({ encrypted: false, cipher: null, path, keysFile: keysFilePath(path), plainCopies: [] });
    const plain = await plainBackupThenEncrypt();
    const after = await value<Backup>('backups.create');
    expect(after.encrypted).toBe(true);
    const state = await value<EncryptionState>('workspace.encryption');
    expect(state).toMatchObject({ encrypted: true, cipher: 'chacha20' });
    expect(state.plainCopies.map((b) => b.file)).toEqual([plain.file]);
    const listed = await value<Backup[]>('backups.list');
    expect(listed.find((b) => b.file === after.file)?.encrypted).toBe(true);
    expect(listed.find((b) => b.file === plain.file)?.encrypted).toBe(false);
  });

  it('encrypted in place: no customer name left, a keys file beside, and it restores and opens with today’s password', async () => {
    const plain = await plainBackupThenEncrypt();
    expect(holdsName(backupPath(plain.file))).toBe(true);
    const listed = await value<Backup[]>('backups.encryptPlain', { files: [plain.file] });
    expect(listed.find((b) => b.file === plain.file)?.encrypted).toBe(true);
    expect(holdsName(backupPath(plain.file))).toBe(false);
    expect(existsSync(keysFilePath(backupPath(plain.file)))).toBe(true);
    expect((await value<EncryptionState>('workspace.encryption')).plainCopies).toEqual([]);
    // Asked again: refused, nothing rewritten twice.
    const again = await call('backups.encryptPlain', { files: [plain.file] });
    expect(again.ok ? null : again.error.details).toMatchObject({ reason: 'alreadyEncrypted' });

    await value('customers.create', { values: { name: '备份之后的客户' } });
    await value('backups.restore', { file: plain.file });
    expect(holdsName(path)).toBe(false);
    expect(existsSync(keysFilePath(path))).toBe(true);
    // Cold: the keys file (today's wrappings) and the copy's users table agree on today's password.
    const old = await reopenAndSignIn('old-pass-1');
    expect(old.ok).toBe(false);
    await app.dispose();
    app = newApp();
    const signedIn = await reopenAndSignIn('new-pass-2');
    expect(signedIn.ok).toBe(true);
    const found = await value<{ hits: { name: string }[] }>('customers.search', { q: '明文备份', limit: 5 });
    expect(found.hits.map((h) => h.name)).toEqual([NAME]);
    const later = await value<{ hits: unknown[] }>('customers.search', { q: '备份之后', limit: 5 });
    expect(later.hits).toHaveLength(0);
  });

  it('deleted on request; encrypted backups and names that are not backups are refused', async () => {
    const plain = await plainBackupThenEncrypt();
    const encrypted = await value<Backup>('backups.create');
    const refused = await call('backups.deletePlain', { files: [encrypted.file] });
    expect(refused.ok ? null : refused.error.details).toMatchObject({ reason: 'alreadyEncrypted' });
    expect(existsSync(backupPath(encrypted.file))).toBe(true);
    const unknown = await call('backups.deletePlain', { files: ['../shop.kecard'] });
    expect(unknown.ok ? null : unknown.error.code).toBe('VALIDATION');
    const gone = await call('backups.deletePlain', { files: ['shop.kecard.20200101T000000Z.manual.bak'] });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
    expect(existsSync(path)).toBe(true);
    const listed = await value<Backup[]>('backups.deletePlain', { files: [plain.file] });
    expect(listed.map((b) => b.file)).toEqual([encrypted.file]);
    expect(existsSync(backupPath(plain.file))).toBe(false);
    const audit = app.host.workspace.db.prepare("SELECT row_count, detail FROM audit_events WHERE action = 'plainCopiesDeleted'").all();
    expect(audit).toEqual([{ row_count: 1, detail: JSON.stringify({ files: [plain.file] }) }]);
  });

  it('a plain backup is not restored over an encrypted workspace unless the user accepts a plain result', async () => {
    const plain = await plainBackupThenEncrypt();
    await value('customers.create', { values: { name: '加密之后的客户' } });
    const refused = await call('backups.restore', { file: plain.file });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'restoresPlain' } });
    // Nothing changed: still encrypted, its keys file there, the later customer still in it.
    expect(existsSync(keysFilePath(path))).toBe(true);
    expect((await value<EncryptionState>('workspace.encryption')).encrypted).toBe(true);
    expect((await value<{ hits: unknown[] }>('customers.search', { q: '加密之后', limit: 5 })).hits).toHaveLength(1);

    // Turning encryption off this way is a manager's decision, whatever the backups area grants.
    const { policy } = await value<{ policy: PermissionPolicy }>('permissions.get');
    await value('permissions.save', {
      policy: { ...policy, assistant: { ...policy.assistant, areas: { ...policy.assistant.areas, backups: 'manage' } } },
    });
    const assistant: CallContext = { userId: 'user-assistant', userName: '助理', role: 'assistant', origin: 'local' };
    const byAssistant = await app.dispatch('backups.restore', { file: plain.file, plainOk: true }, assistant);
    expect(byAssistant).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'managersOnly' } } });
    expect(existsSync(keysFilePath(path))).toBe(true);

    await value('backups.restore', { file: plain.file, plainOk: true });
    expect(existsSync(keysFilePath(path))).toBe(false);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    await value('session.signIn', { login: OWNER, password: 'old-pass-1' });
    expect((await value<EncryptionState>('workspace.encryption')).encrypted).toBe(false);
  });

  it('are refused while the workspace is plain', async () => {
    await value('account.setPassword', { newPassword: 'old-pass-1' });
    const backup = await value<Backup>('backups.create');
    const refused = await call('backups.encryptPlain', { files: [backup.file] });
    expect(refused.ok ? null : refused.error.details).toMatchObject({ reason: 'notEncrypted' });
  });
});
