import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-shared/errors';
import type { SessionState } from '../../../src-shared/domain/people';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { forgetKey, keyFor } from '../../../src-main/db/workspace-key';
import { refusal } from '../../support/refusal';
import { tempDir } from '../../support/temp-workspace';
import { distWorkers } from '../../support/job-events';

// The sign-in screen of a locked (encrypted, not yet open) workspace: its two ways out besides the
// password — the recovery code, and 其他工作区 (closing it).
const OWNER = (() => {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
})();

let files: { dir: string; cleanup: () => void };
let app: ComposedApp;
let path: string;

const newApp = () => composeApp({ dataDir: join(files.dir, 'data'), shell: 'browser', workerDir: distWorkers, rememberRecent: false });

beforeEach(() => {
  files = tempDir();
  path = join(files.dir, 'locked.kecard');
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

/** Encrypted with a recovery code, then closed and opened cold: locked. */
async function lockedFile(): Promise<string> {
  await value('account.setPassword', { newPassword: 'boss-pass-1' });
  await value('customers.create', { values: { name: '锁定测试客户' } });
  const { recoveryCode } = await value<{ recoveryCode: string }>('workspace.encrypt', { password: 'boss-pass-1' });
  await app.dispose();
  forgetKey(path);
  app = newApp();
  expect(refusal(() => app.host.open(path)).details).toMatchObject({ reason: 'signIn' });
  expect((await value<SessionState>('session.state')).signInRequired).toBe(true);
  return recoveryCode;
}

describe('a locked encrypted workspace', () => {
  it('opens with the recovery code, which sets a new password and is replaced', async () => {
    const code = await lockedFile();
    const wrong = await call('session.recover', { login: OWNER, recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', newPassword: 'new-pass-22' });
    expect(wrong.ok ? null : wrong.error.code).toBe('SIGN_IN_FAILED');
    expect(app.host.hasWorkspace).toBe(false);
    // The failed try started the slow-down (1 s): wait it out.
    await new Promise((r) => setTimeout(r, 1100));
    const state = await value<SessionState & { recoveryCode: string }>('session.recover', {
      login: OWNER,
      recoveryCode: code,
      newPassword: 'new-pass-22',
    });
    expect(state.user?.login).toBe(OWNER.toLowerCase());
    expect(state.recoveryCode).not.toBe(code);
    const found = await value<{ hits: { name: string }[] }>('customers.search', { q: '锁定测试', limit: 5 });
    expect(found.hits).toHaveLength(1);
    // Cold again: the new password opens it.
    await app.dispose();
    forgetKey(path);
    app = newApp();
    refusal(() => app.host.open(path));
    expect((await call('session.signIn', { login: OWNER, password: 'new-pass-22' })).ok).toBe(true);
  });

  it('其他工作区 (workspace.close) leaves the sign-in screen for the start screen', async () => {
    await lockedFile();
    await value('workspace.close');
    expect(await value<SessionState>('session.state')).toEqual({ signInRequired: false, user: null });
    // Signing in has no file to unlock any more.
    const refused = await call('session.signIn', { login: OWNER, password: 'boss-pass-1' });
    expect(refused.ok).toBe(false);
  });

  it('closing an encrypted workspace forgets its key: opened again in the same app, it is locked', async () => {
    await value('account.setPassword', { newPassword: 'boss-pass-1' });
    await value('workspace.encrypt', { password: 'boss-pass-1' });
    expect(keyFor(path)).not.toBeNull();
    await value('workspace.close');
    expect(keyFor(path)).toBeNull();
    expect(refusal(() => app.host.open(path)).details).toMatchObject({ reason: 'signIn' });
    expect((await value<SessionState>('session.state')).signInRequired).toBe(true);
    expect((await call('session.signIn', { login: OWNER, password: 'boss-pass-1' })).ok).toBe(true);
    expect(app.host.hasWorkspace).toBe(true);
  });

  it('opening a locked file while another workspace is open switches to its sign-in screen', async () => {
    await lockedFile();
    await value('session.signIn', { login: OWNER, password: 'boss-pass-1' });
    const other = join(files.dir, 'other.kecard');
    app.host.create(other);
    const refused = await call('workspace.open', { path });
    expect(refused.ok ? null : refused.error.details).toMatchObject({ reason: 'signIn' });
    expect(app.host.hasWorkspace).toBe(false);
    expect(keyFor(path)).toBeNull();
    expect((await value<SessionState>('session.state')).signInRequired).toBe(true);
    expect((await call('session.signIn', { login: OWNER, password: 'boss-pass-1' })).ok).toBe(true);
    expect(app.host.workspace.path).toBe(path);
  });

  it('started on a copy without its keys file: workspace.missing says why, naming the file', async () => {
    await value('account.setPassword', { newPassword: 'boss-pass-1' });
    await value('workspace.encrypt', { password: 'boss-pass-1' });
    const copy = join(files.dir, 'copy.kecard');
    await value('workspace.saveCopy', { path: copy });
    rmSync(`${copy}.keys`);
    await app.dispose();
    forgetKey(path);
    app = newApp();
    expect(refusal(() => app.host.openRequested(copy)).details).toMatchObject({ reason: 'keysMissing' });
    const { failure } = await value<{ failure: { path: string; error: { code: string; details: Record<string, unknown> } } | null }>(
      'workspace.missing',
    );
    expect(failure).toMatchObject({
      path: copy,
      error: { code: 'WORKSPACE_ENCRYPTED', details: { reason: 'keysMissing', keysFile: 'copy.kecard.keys' } },
    });
    // Not a locked file: nothing to sign in to.
    expect((await value<SessionState>('session.state')).signInRequired).toBe(false);
  });
});
