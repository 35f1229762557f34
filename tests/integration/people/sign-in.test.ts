import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { hashSecret, parseHash, verifySecret } from '../../../src-main/people/password-hash';
import { LOCK_MS, MAX_FAILURES, signIn, signInRequired, slowDownMs } from '../../../src-main/people/sign-in';
import { WindowSession } from '../../../src-main/people/window-session';
import type { KecardError, Envelope } from '../../../src-shared/errors';
import type { SessionState, UserSummary } from '../../../src-shared/domain/people';
import type { ChangeEntry } from '../../../src-shared/domain/change-log';
import { tempDir } from '../../support/temp-workspace';

// Users, sign-in and sessions through the same router as the app (issue 19, first slice).
let files: { dir: string; cleanup: () => void };
let app: ComposedApp;

beforeEach(() => {
  files = tempDir();
  app = composeApp({
    dataDir: join(files.dir, 'data'),
    shell: 'browser',
    workerDir: pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/'),
    rememberRecent: false,
  });
  app.host.create(join(files.dir, 'people.kecard'));
});
afterEach(async () => {
  await app.dispose();
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
const osUser = (() => {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
})();
const db = () => app.host.workspace.db;
const audit = () =>
  db().prepare('SELECT action, user_id AS userId, target_id AS targetId FROM audit_events ORDER BY id').all() as {
    action: string;
    userId: string | null;
    targetId: string | null;
  }[];

/** The manager sets a password and adds an assistant (as the E2E does). */
async function managerWithAssistant(): Promise<{ recoveryCode: string; assistant: UserSummary }> {
  const { recoveryCode } = await value<{ recoveryCode: string | null }>('account.setPassword', { newPassword: 'boss-pass-1' });
  const assistant = await value<UserSummary>('users.create', { login: 'XiaoLi', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
  return { recoveryCode: recoveryCode as string, assistant };
}

describe('password hashes', () => {
  it('are scrypt with their parameters and a per-hash salt, and verify only the right password', async () => {
    const a = await hashSecret('秘密 password');
    const b = await hashSecret('秘密 password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifySecret('秘密 password', a)).toBe(true);
    expect(await verifySecret('秘密 passwor', a)).toBe(false);
    expect(await verifySecret('x', null)).toBe(false);
    expect(parseHash('scrypt$99999999$8$1$AAAA$BBBB')).toBeNull();
    // Weaker parameters stored with an old hash still verify.
    expect(await verifySecret('old', await hashSecret('old', { N: 1024, r: 8, p: 1 }))).toBe(true);
  });
});

describe('a one-person workspace', () => {
  it('opens without sign-in as its owner, a real manager row named like the change log always did', async () => {
    const state = await value<SessionState>('session.state');
    expect(state.signInRequired).toBe(false);
    expect(state.user).toMatchObject({ id: `local:${osUser}`, role: 'manager', hasPassword: false });
    const customer = await value<{ id: string }>('customers.create', { values: { name: '一人公司客户' } });
    const history = await value<ChangeEntry[]>('customers.history', { id: customer.id });
    expect(history[0]?.userId).toBe(`local:${osUser}`);
    expect(audit().map((a) => a.action)).toEqual(['ownerCreated']);
    // Signing out of a workspace without passwords simply signs the owner in again.
    expect((await value<SessionState>('session.signOut')).user?.id).toBe(`local:${osUser}`);
  });

  it('asks for sign-in once the owner sets a password, and the recovery code is shown once, stored only hashed', async () => {
    const { recoveryCode } = await value<{ recoveryCode: string | null }>('account.setPassword', { newPassword: 'boss-pass-1' });
    expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    const row = db().prepare('SELECT password_hash, recovery_hash FROM users').get() as { password_hash: string; recovery_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.recovery_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(row)).not.toContain((recoveryCode as string).replace(/-/g, ''));
    expect(signInRequired(app.host.workspace)).toBe(true);
    // A second change of one's own password asks for the current one and issues no new code.
    const wrong = await call('account.setPassword', { currentPassword: 'nope', newPassword: 'boss-pass-2' });
    expect(wrong.ok ? null : wrong.error.details?.fields).toEqual({ currentPassword: 'wrongPassword' });
    expect(await value('account.setPassword', { currentPassword: 'boss-pass-1', newPassword: 'boss-pass-2' })).toEqual({ recoveryCode: null });

    await value('session.signOut');
    const refused = await call('customers.list', { offset: 0, limit: 10 });
    expect(refused.ok ? null : refused.error.code).toBe('SIGN_IN_REQUIRED');
    // The start of the window still works: which workspace, and the sign-in itself.
    expect((await value<{ customerCount: number }>('workspace.info')).customerCount).toBe(0);
    const signedIn = await value<SessionState>('session.signIn', { login: osUser.toUpperCase(), password: 'boss-pass-2' });
    expect(signedIn.user?.id).toBe(`local:${osUser}`);
    expect((await call('customers.list', { offset: 0, limit: 10 })).ok).toBe(true);
  });
});

describe('users and sessions', () => {
  it('the assistant signs in and is named in the change log; cannot manage users; wrong passwords slow down', async () => {
    const { assistant } = await managerWithAssistant();
    await value('session.signOut');
    const wrong = await call('session.signIn', { login: 'xiaoli', password: 'bad' });
    expect(wrong.ok ? null : wrong.error.details).toMatchObject({ reason: 'wrong', waitMs: 1000 });
    const tooSoon = await call('session.signIn', { login: 'xiaoli', password: 'li-pass-1' });
    expect(tooSoon.ok ? null : tooSoon.error.details?.reason).toBe('tooSoon');
    // An unknown login answers exactly like a wrong password.
    const unknown = await call('session.signIn', { login: 'nobody', password: 'x' });
    expect(unknown.ok ? null : unknown.error.details).toEqual(wrong.ok ? null : wrong.error.details);

    db()
      .prepare('UPDATE users SET last_failed_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 5000).toISOString(), assistant.id);
    await value('session.signIn', { login: 'xiaoli', password: 'li-pass-1' });
    expect(app.host.context).toMatchObject({ userId: assistant.id, userName: '小李', role: 'assistant', origin: 'local' });
    const customer = await value<{ id: string }>('customers.create', { values: { name: '助理录入的客户' } });
    const history = await value<ChangeEntry[]>('customers.history', { id: customer.id });
    expect(history[0]).toMatchObject({ userId: assistant.id, userName: '小李' });
    const forbidden = await call('users.list');
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    expect(audit().map((a) => a.action)).toEqual(['ownerCreated', 'passwordSet', 'userCreated', 'signOut', 'signInFailed', 'signInFailed', 'signIn']);
  });

  it('disabling a user ends their session at once; a disabled user is told so only with the right password', async () => {
    const { assistant } = await managerWithAssistant();
    // The assistant's window (a second client of this process, like a second shell session).
    const theirs = new WindowSession(app.host.sessions, osUser);
    await theirs.signIn(app.host.workspace, 'XiaoLi', 'li-pass-1');
    expect(theirs.context(app.host.workspace).userId).toBe(assistant.id);
    const sessionsBefore = app.host.sessions.size;

    await value('users.setActive', { id: assistant.id, active: false });
    expect(app.host.sessions.size).toBe(sessionsBefore - 1);
    expect(theirs.context(app.host.workspace).signedOut).toBe(true);
    await expect(theirs.signIn(app.host.workspace, 'XiaoLi', 'li-pass-1')).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      details: { reason: 'disabled' },
    });
    await expect(theirs.signIn(app.host.workspace, 'XiaoLi', 'wrong-one')).rejects.toMatchObject({ details: { reason: 'wrong' } });
    // The last manager cannot be disabled.
    const me = await call('users.setActive', { id: `local:${osUser}`, active: false });
    expect(me.ok ? null : me.error.details?.reason).toBe('lastManager');
    const actions = audit().map((a) => a.action);
    expect(actions).toContain('userDisabled');
    expect(() => db().prepare('UPDATE audit_events SET action = ?').run('x')).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it('adding a second user needs the manager to have a password first', async () => {
    const refused = await call('users.create', { login: 'a', displayName: 'A', role: 'staff', password: 'aaaaaa' });
    expect(refused.ok ? null : refused.error.details?.reason).toBe('setOwnPasswordFirst');
    expect(signInRequired(app.host.workspace)).toBe(false);
  });

  it('locks after repeated failures; the manager unlocks; the slow-down doubles', async () => {
    const { assistant } = await managerWithAssistant();
    const ws = app.host.workspace;
    let t = Date.parse('2026-12-01T08:00:00Z');
    for (let i = 1; i <= MAX_FAILURES; i += 1) {
      const err = (await signIn(ws, 'xiaoli', 'bad', new Date(t)).catch((e: unknown) => e)) as KecardError;
      expect(err.details?.reason).toBe(i < MAX_FAILURES ? 'wrong' : 'locked');
      if (i < MAX_FAILURES) {
        // Half-way through the wait the next try is refused unheard, and does not count.
        const early = (await signIn(ws, 'xiaoli', 'bad', new Date(t + slowDownMs(i) / 2)).catch((e: unknown) => e)) as KecardError;
        expect(early.details?.reason).toBe('tooSoon');
      }
      t += slowDownMs(i) + 1;
    }
    expect(slowDownMs(4)).toBe(8000);
    const locked = (await signIn(ws, 'xiaoli', 'li-pass-1', new Date(t)).catch((e: unknown) => e)) as KecardError;
    expect(locked.details?.reason).toBe('locked');
    expect((await signIn(ws, 'xiaoli', 'li-pass-1', new Date(t + LOCK_MS + 10_000))).id).toBe(assistant.id);

    for (let i = 0; i < MAX_FAILURES; i += 1) await signIn(ws, 'xiaoli', 'bad', new Date(t + LOCK_MS + 100_000 * (i + 1))).catch(() => undefined);
    const list = await value<UserSummary[]>('users.list');
    expect(list.find((u) => u.id === assistant.id)?.failedAttempts).toBe(MAX_FAILURES);
    await value('users.unlock', { id: assistant.id });
    expect((await signIn(ws, 'xiaoli', 'li-pass-1')).id).toBe(assistant.id);
    expect(audit().filter((a) => a.action === 'userUnlocked')).toHaveLength(1);
  });

  it('tries side by side run one at a time: the slow-down is not outrun', async () => {
    await managerWithAssistant();
    const ws = app.host.workspace;
    const now = new Date('2026-12-01T08:00:00Z');
    const tries = await Promise.all(Array.from({ length: 12 }, () => signIn(ws, 'xiaoli', 'bad', now).catch((e: unknown) => e as KecardError)));
    const reasons = tries.map((e) => (e as KecardError).details?.reason);
    expect(reasons.filter((r) => r === 'wrong')).toHaveLength(1);
    expect(reasons.filter((r) => r === 'tooSoon')).toHaveLength(11);
    expect(db().prepare("SELECT failed_attempts FROM users WHERE login = 'XiaoLi'").pluck().get()).toBe(1);
  });

  it('a login that does not exist is answered and paced like a real one', async () => {
    await managerWithAssistant();
    const ws = app.host.workspace;
    const t = Date.parse('2026-12-01T08:00:00Z');
    const answer = async (login: string, at: number) => {
      const err = (await signIn(ws, login, 'bad', new Date(at)).catch((e: unknown) => e)) as KecardError;
      return { code: err.code, details: err.details };
    };
    const real = [await answer('xiaoli', t), await answer('xiaoli', t + 10), await answer('xiaoli', t + slowDownMs(1) + 1)];
    const ghost = [await answer('nobody', t), await answer('nobody', t + 10), await answer('nobody', t + slowDownMs(1) + 1)];
    expect(ghost).toEqual(real);
    expect(real.map((r) => r.details?.reason)).toEqual(['wrong', 'tooSoon', 'wrong']);
  });

  it('a lost manager password: the recovery code sets a new one, once', async () => {
    const { recoveryCode } = await managerWithAssistant();
    await value('session.signOut');
    const bad = await call('session.recover', { login: osUser, recoveryCode: 'AAAA-AAAA-AAAA-AAAA-AAAA', newPassword: 'new-boss-1' });
    expect(bad.ok ? null : bad.error.code).toBe('SIGN_IN_FAILED');
    db().prepare('UPDATE users SET last_failed_at = NULL').run();
    const recovered = await value<SessionState & { recoveryCode: string }>('session.recover', {
      login: osUser,
      recoveryCode: recoveryCode.toLowerCase(),
      newPassword: 'new-boss-1',
    });
    expect(recovered.user?.role).toBe('manager');
    expect(recovered.recoveryCode).not.toBe(recoveryCode);
    await value('session.signOut');
    expect((await call('session.recover', { login: osUser, recoveryCode, newPassword: 'again-123' })).ok).toBe(false);
    db().prepare('UPDATE users SET last_failed_at = NULL, failed_attempts = 0').run();
    expect((await value<SessionState>('session.signIn', { login: osUser, password: 'new-boss-1' })).user?.role).toBe('manager');
    expect(audit().map((a) => a.action)).toContain('recoveryUsed');
  });

  it("a reset password ends the user's sessions and works at once", async () => {
    const { assistant } = await managerWithAssistant();
    const theirs = new WindowSession(app.host.sessions, osUser);
    await theirs.signIn(app.host.workspace, 'xiaoli', 'li-pass-1');
    await value('users.resetPassword', { id: assistant.id, password: 'reset-pass-9' });
    expect(theirs.context(app.host.workspace).signedOut).toBe(true);
    expect((await theirs.signIn(app.host.workspace, 'xiaoli', 'reset-pass-9')).user?.id).toBe(assistant.id);
    const viewer = await value<UserSummary>('users.update', { id: assistant.id, patch: { role: 'viewer' } });
    expect(viewer.role).toBe('viewer');
    // Role changes apply at the next call: a viewer reads and writes nothing.
    expect(theirs.context(app.host.workspace).role).toBe('viewer');
    const write = await app.dispatch('customers.create', { values: { name: '只读不能写' } }, theirs.context(app.host.workspace));
    expect(write.ok ? null : write.error.code).toBe('FORBIDDEN');
  });
});

describe('restoring a backup', () => {
  it('of a workspace with sign-in needs its manager signed in to it, not a window that closed it', async () => {
    await value('customers.create', { values: { name: '备份前的客户' } });
    const backup = await value<{ file: string }>('backups.create');
    await value('account.setPassword', { newPassword: 'boss-pass-1' });
    const path = app.host.workspace.path;
    const before = db().prepare('SELECT count(*) FROM users WHERE password_hash IS NOT NULL').pluck().get();
    // On the sign-in screen a window may close the workspace; nothing is open then.
    await value('workspace.close');
    const restored = await call('backups.restore', { file: backup.file, path });
    expect(restored.ok ? null : restored.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'signInFirst' } });
    app.host.open(path);
    expect(db().prepare('SELECT count(*) FROM users WHERE password_hash IS NOT NULL').pluck().get()).toBe(before);
  });
});
