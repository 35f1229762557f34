import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { ensureHostCertificate, hostCertificateDir } from '../../../src-main/host/host-certificate';
import { fetchHostCertificate, HostClient, pairingCodeMatches, type HostCertificate } from '../../../src-main/host/host-client';
import type { HostModeOptions } from '../../../src-main/host/host-mode';
import type { HostStatus } from '../../../src-shared/contract/host-methods';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { UserSummary } from '../../../src-shared/domain/people';
import type { Envelope } from '../../../src-shared/errors';
import { tempDir } from '../../support/temp-workspace';

// 共享给同事 (issue 20, host mode's first slice): a real workspace file shared over HTTPS on
// 127.0.0.1, a colleague's client pinning the certificate by its pairing code.

let files: { dir: string; cleanup: () => void } | null = null;
let app: ComposedApp | null = null;

afterEach(async () => {
  await app?.dispose();
  app = null;
  files?.cleanup();
  files = null;
});

function setup(hostMode: HostModeOptions = {}): ComposedApp {
  files = tempDir();
  app = composeApp({
    dataDir: join(files.dir, 'data'),
    shell: 'browser',
    workerDir: pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/'),
    rememberRecent: false,
    hostMode,
  });
  app.host.create(join(files.dir, 'shared.kecard'));
  return app;
}

async function local<T>(method: string, input: unknown = {}): Promise<Envelope<T>> {
  const a = app as ComposedApp;
  return (await a.dispatch(method, input, a.host.context)) as Envelope<T>;
}
async function localValue<T>(method: string, input: unknown = {}): Promise<T> {
  const envelope = await local<T>(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

/** The manager sets a password, adds an assistant and shares on 127.0.0.1 (any free port). */
async function sharing(): Promise<{ status: HostStatus; assistant: UserSummary; cert: HostCertificate }> {
  await localValue('account.setPassword', { newPassword: 'boss-pass-1' });
  const assistant = await localValue<UserSummary>('users.create', { login: 'XiaoLi', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
  const status = await localValue<HostStatus>('host.start', { address: '127.0.0.1', port: 0 });
  // First contact: the colleague's app is shown the certificate and checks the code read out.
  const cert = await fetchHostCertificate('127.0.0.1', status.port as number);
  expect(pairingCodeMatches(cert, (status.pairingCode as string).toLowerCase().replaceAll('-', ' '))).toBe(true);
  return { status, assistant, cert };
}

function client(status: HostStatus, cert: HostCertificate): HostClient {
  return new HostClient({ address: '127.0.0.1', port: status.port as number, pinned: cert });
}

function errorOf(envelope: Envelope<unknown>): { code: string; reason?: unknown } {
  if (envelope.ok) throw new Error('expected a refusal');
  return { code: envelope.error.code, reason: (envelope.error.details as { reason?: unknown } | undefined)?.reason };
}

describe('sharing a workspace', () => {
  it('is refused for a one-person workspace without a password, and is off by default', async () => {
    setup();
    const status = await localValue<HostStatus>('host.status');
    expect(status).toMatchObject({ running: false, port: null, refusal: 'needsPassword' });
    expect(errorOf(await local('host.start', { address: '127.0.0.1', port: 0 }))).toEqual({ code: 'FORBIDDEN', reason: 'needsPassword' });
    // Only an IP address is taken, never a host name.
    expect(errorOf(await local('host.start', { address: 'localhost', port: 0 })).code).toBe('VALIDATION');
  });

  it('serves an assistant over pinned HTTPS with their role, and the manager sees their customer', async () => {
    setup();
    const { status, assistant, cert } = await sharing();
    expect(status).toMatchObject({ running: true, address: '127.0.0.1', refusal: null });
    expect(status.pairingCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(cert.fingerprint).toBe(status.fingerprint);
    // The key is the host's own: private, in the app's data folder, not beside the workspace.
    const keyDir = hostCertificateDir(join((files as { dir: string }).dir, 'data'), (app as ComposedApp).host.workspace.identity.workspaceId);
    if (process.platform !== 'win32') expect(statSync(join(keyDir, 'key.pem')).mode & 0o777).toBe(0o600);

    const li = client(status, cert);
    const signedIn = await li.signIn('xiaoli', 'li-pass-1');
    expect(signedIn.ok && signedIn.value.user).toMatchObject({ id: assistant.id, role: 'assistant' });
    const created = await li.call<{ id: string }>('customers.create', { values: { name: '远程客户有限公司' } });
    if (!created.ok) throw new Error(created.error.message);

    // The manager's own window reads it, and the change log names the assistant.
    const card = await localValue<{ customer: { name: string } }>('customers.get', { id: created.value.id });
    expect(card.customer.name).toBe('远程客户有限公司');
    const author = (app as ComposedApp).host.workspace.db
      .prepare('SELECT DISTINCT user_id AS userId FROM change_log_entries WHERE entity_id = ?')
      .all(created.value.id) as { userId: string }[];
    expect(author.map((a) => a.userId)).toEqual([assistant.id]);
    expect((await localValue<HostStatus>('host.status')).sessions).toBe(1);

    // The role is checked on the host: an assistant does not administer users.
    expect(errorOf(await li.call('users.list'))).toMatchObject({ code: 'FORBIDDEN' });
    // This computer's files and window are never a remote caller's, whatever their role.
    for (const [method, input] of [
      ['workspace.close', {}],
      ['workspace.open', { path: '/etc/passwd' }],
      ['backups.restore', { file: 'x.kecard' }],
      ['session.signOut', {}],
      ['host.stop', {}],
    ] as const) {
      expect(errorOf(await li.call(method, input))).toEqual({ code: 'FORBIDDEN', reason: 'localOnly' });
    }
    expect((app as ComposedApp).host.hasWorkspace).toBe(true);
    expect((await localValue<HostStatus>('host.status')).running).toBe(true);
  });

  it('refuses a host presenting another certificate than the paired one, before anything is sent', async () => {
    setup();
    const { status } = await sharing();
    const other = await ensureHostCertificate(join((files as { dir: string }).dir, 'other'), '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b');
    const impostor = new HostClient({
      address: '127.0.0.1',
      port: status.port as number,
      pinned: { pem: other.cert, fingerprint: other.fingerprint, pairingCode: other.pairingCode },
    });
    await expect(impostor.signIn('xiaoli', 'li-pass-1')).rejects.toThrow();
    // Nothing reached the sign-in: no audit row of any try.
    const tries = (app as ComposedApp).host.workspace.db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'signIn%'").get() as {
      n: number;
    };
    expect(tries.n).toBe(0);
  });

  it('refuses calls without a session, with a made-up one, after sign-out and for a disabled user', async () => {
    setup();
    const { status, assistant, cert } = await sharing();
    const li = client(status, cert);
    expect(errorOf(await li.call('customers.list', { offset: 0, limit: 10 }))).toEqual({ code: 'UNAUTHORIZED', reason: 'noSession' });
    li.token = 'A'.repeat(43);
    expect(errorOf(await li.call('customers.list', { offset: 0, limit: 10 }))).toEqual({ code: 'UNAUTHORIZED', reason: 'sessionEnded' });

    await li.signIn('XiaoLi', 'li-pass-1');
    expect((await li.call('customers.list', { offset: 0, limit: 10 })).ok).toBe(true);
    const token = li.token;
    await li.signOut();
    li.token = token;
    expect(errorOf(await li.call('customers.list', { offset: 0, limit: 10 }))).toEqual({ code: 'UNAUTHORIZED', reason: 'sessionEnded' });

    await li.signIn('XiaoLi', 'li-pass-1');
    await localValue('users.setActive', { id: assistant.id, active: false });
    expect(errorOf(await li.call('customers.list', { offset: 0, limit: 10 }))).toEqual({ code: 'UNAUTHORIZED', reason: 'sessionEnded' });
  });

  it('ends a session left idle', async () => {
    setup({ idleMs: 1500 });
    const { status, cert } = await sharing();
    const li = client(status, cert);
    await li.signIn('XiaoLi', 'li-pass-1');
    expect((await li.call('customers.list', { offset: 0, limit: 10 })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    expect(errorOf(await li.call('customers.list', { offset: 0, limit: 10 }))).toEqual({ code: 'UNAUTHORIZED', reason: 'sessionEnded' });
    expect((await localValue<HostStatus>('host.status')).sessions).toBe(0);
  });

  it('paces wrong passwords like a local sign-in, and limits tries per address', async () => {
    setup({ signInLimit: { tries: 3, windowMs: 60_000 } });
    const { status, cert } = await sharing();
    const li = client(status, cert);
    expect(errorOf(await li.signIn('XiaoLi', 'wrong-pass'))).toEqual({ code: 'SIGN_IN_FAILED', reason: 'wrong' });
    // The right password right after a wrong one waits out the slow-down, as on the host's screen.
    expect(errorOf(await li.signIn('XiaoLi', 'li-pass-1'))).toEqual({ code: 'SIGN_IN_FAILED', reason: 'tooSoon' });
    expect(li.token).toBeNull();
    // A third try is allowed by the address limit (another login); the fourth from this address is not.
    expect(errorOf(await li.signIn('nobody', 'x'))).toEqual({ code: 'SIGN_IN_FAILED', reason: 'wrong' });
    const limited = await li.signIn('XiaoLi', 'li-pass-1');
    expect(errorOf(limited)).toEqual({ code: 'SIGN_IN_FAILED', reason: 'tooSoon' });
    expect((limited as { error: { message: string } }).error.message).toMatch(/address/);
  });

  it('sends a local write to the colleague within 1 s, and stops serving when the manager stops', async () => {
    setup();
    const { status, cert } = await sharing();
    const li = client(status, cert);
    await li.signIn('XiaoLi', 'li-pass-1');
    const seen: { event: KecardEvent; at: number }[] = [];
    const stream = await li.events((event) => seen.push({ event, at: Date.now() }));

    const before = Date.now();
    await localValue('customers.create', { values: { name: '本地新客户有限公司' } });
    const deadline = before + 1000;
    while (Date.now() < deadline && !seen.some((s) => s.event.type === 'data.changed')) await new Promise((r) => setTimeout(r, 20));
    const changed = seen.find((s) => s.event.type === 'data.changed');
    expect(changed, 'data.changed within 1 s').toBeDefined();
    expect((changed as { event: { entities: string[] } }).event.entities).toContain('customer');
    expect((changed as { at: number }).at - before).toBeLessThan(1000);
    // The host's own concerns (its window's workspace changes) are not sent.
    expect(seen.every((s) => s.event.type === 'data.changed')).toBe(true);

    await localValue('host.stop');
    await stream.closed;
    await expect(li.call('customers.list', { offset: 0, limit: 10 })).rejects.toThrow();
    expect((await localValue<HostStatus>('host.status')).sessions).toBe(0);
  });

  it("sends a colleague who sees only their own customers no other customer's id", async () => {
    setup();
    const { status, cert } = await sharing();
    const wang = await localValue<{ id: string }>('employees.create', { values: { name: '王五' } });
    const zhao = await localValue<{ id: string }>('employees.create', { values: { name: '赵六' } });
    await localValue('users.create', { login: 'wangwu', displayName: '王五', role: 'staff', employeeId: wang.id, password: 'wang-pass-1' });
    const staff = client(status, cert);
    await staff.signIn('wangwu', 'wang-pass-1');
    const seen: KecardEvent[] = [];
    await staff.events((event) => seen.push(event));
    const theirs = await localValue<{ id: string }>('customers.create', { values: { name: '赵六的客户', ownerId: zhao.id } });
    const mine = await localValue<{ id: string }>('customers.create', { values: { name: '王五的客户', ownerId: wang.id } });
    const deadline = Date.now() + 2000;
    const ids = () => seen.flatMap((e) => (e.type === 'data.changed' ? (e.ids ?? []) : []));
    while (Date.now() < deadline && !ids().includes(mine.id)) await new Promise((r) => setTimeout(r, 20));
    expect(ids()).toContain(mine.id);
    expect(ids()).not.toContain(theirs.id);
    await localValue('host.stop');
  });

  it('stops sharing when the workspace is closed', async () => {
    setup();
    const { status, cert } = await sharing();
    await localValue('workspace.close');
    await new Promise((r) => setTimeout(r, 50));
    expect((await localValue<HostStatus>('host.status')).running).toBe(false);
    await expect(fetchHostCertificate('127.0.0.1', status.port as number)).rejects.toThrow();
    void cert;
  });
});
