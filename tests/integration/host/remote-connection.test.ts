import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import type { HostStatus } from '../../../src-shared/contract/host-methods';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { WorkspaceInfo } from '../../../src-shared/contract/methods-base';
import type { RemoteStatus } from '../../../src-shared/contract/remote-methods';
import type { UserSummary } from '../../../src-shared/domain/people';
import type { Envelope } from '../../../src-shared/errors';
import { tempDir } from '../../support/temp-workspace';

// 连接同事的工作区 (issue 20, the client side): two composed apps in one process, each with its own
// data folder and workspace file, as two computers. The manager's app shares on 127.0.0.1; the
// assistant's app connects through `remote.connect` and its window's calls (the same dispatch the
// IPC and HTTP bridges use) are then served by the host.

const WORKERS = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/');
let files: { dir: string; cleanup: () => void } | null = null;
const apps: ComposedApp[] = [];

afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
  files?.cleanup();
  files = null;
});

function compose(name: string, workspace: string, events?: KecardEvent[]): ComposedApp {
  files ??= tempDir();
  const a = composeApp({
    dataDir: join(files.dir, name),
    shell: 'browser',
    workerDir: WORKERS,
    rememberRecent: false,
    remote: { retryMs: [100, 200], timeoutMs: 3_000 },
  });
  if (events) a.setEventSink((event) => events.push(event));
  a.host.create(join(files.dir, workspace));
  apps.push(a);
  return a;
}

async function call<T>(a: ComposedApp, method: string, input: unknown = {}): Promise<Envelope<T>> {
  return (await a.dispatch(method, input, a.host.context)) as Envelope<T>;
}
async function value<T>(a: ComposedApp, method: string, input: unknown = {}): Promise<T> {
  const envelope = await call<T>(a, method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}
function refusal(envelope: Envelope<unknown>): { code: string; reason?: unknown } {
  if (envelope.ok) throw new Error('expected a refusal');
  return { code: envelope.error.code, reason: (envelope.error.details as { reason?: unknown } | undefined)?.reason };
}
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The manager's app with a password, an assistant, sharing on 127.0.0.1. */
async function managerSharing(): Promise<{ manager: ComposedApp; status: HostStatus; assistant: UserSummary }> {
  const manager = compose('manager', 'shared.kecard');
  await value(manager, 'account.setPassword', { newPassword: 'boss-pass-1' });
  const assistant = await value<UserSummary>(manager, 'users.create', {
    login: 'xiaoli',
    displayName: '小李',
    role: 'assistant',
    password: 'li-pass-1',
  });
  const status = await value<HostStatus>(manager, 'host.start', { address: '127.0.0.1', port: 0 });
  return { manager, status, assistant };
}

function connectInput(status: HostStatus, overrides: Record<string, unknown> = {}) {
  return { address: '127.0.0.1', port: status.port, pairingCode: status.pairingCode, login: 'xiaoli', password: 'li-pass-1', ...overrides };
}

describe('connecting to a colleague’s shared workspace', () => {
  it('refuses a wrong pairing code before signing in, and a wrong password; the own workspace stays open', async () => {
    const { manager, status } = await managerSharing();
    const li = compose('assistant', 'own.kecard');
    expect(refusal(await call(li, 'remote.connect', connectInput(status, { pairingCode: 'AAAA-BBBB-CCCC-DDDD' })))).toEqual({
      code: 'PAIRING_MISMATCH',
      reason: undefined,
    });
    // Nothing reached the host's sign-in: no try was audited.
    const tries = manager.host.workspace.db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'signIn%'").get() as { n: number };
    expect(tries.n).toBe(0);
    expect(refusal(await call(li, 'remote.connect', connectInput(status, { password: 'not-hers' })))).toEqual({
      code: 'SIGN_IN_FAILED',
      reason: 'wrong',
    });
    expect(refusal(await call(li, 'remote.connect', connectInput(status, { port: 1 })))).toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(li.host.hasWorkspace).toBe(true);
    expect((await value<RemoteStatus>(li, 'remote.status')).connected).toBe(false);
    expect((await value<WorkspaceInfo>(li, 'workspace.info')).path).toBe(li.host.workspacePath);
  });

  it('forwards the window’s calls with the assistant’s role; the host’s events reach this window', async () => {
    const { manager, status, assistant } = await managerSharing();
    const events: KecardEvent[] = [];
    const li = compose('assistant', 'own.kecard', events);
    // The code as a person types it: lower case, spaces for dashes.
    const connected = await value<RemoteStatus>(
      li,
      'remote.connect',
      connectInput(status, { pairingCode: (status.pairingCode as string).toLowerCase().replaceAll('-', ' ') }),
    );
    expect(connected).toMatchObject({ connected: true, phase: 'connected', user: { login: 'xiaoli', displayName: '小李', role: 'assistant' } });
    // Its own workspace is closed; the window now shows the host's, under the host's address.
    expect(li.host.hasWorkspace).toBe(false);
    const info = await value<WorkspaceInfo>(li, 'workspace.info');
    expect(info).toMatchObject({ path: `https://127.0.0.1:${status.port}`, name: 'shared', role: 'assistant', userName: '小李' });
    expect(await value(li, 'session.state')).toMatchObject({ signInRequired: true, user: { id: assistant.id, role: 'assistant' } });
    expect(events.some((e) => e.type === 'workspace.changed' && e.info?.path === info.path)).toBe(true);
    expect((await value<HostStatus>(manager, 'host.status')).clients).toEqual([
      expect.objectContaining({ login: 'xiaoli', displayName: '小李', role: 'assistant', address: '127.0.0.1' }),
    ]);

    // A customer the assistant creates is in the manager's file, logged as the assistant's.
    const created = await value<{ id: string }>(li, 'customers.create', { values: { name: '远程客户有限公司' } });
    expect((await value<{ customer: { name: string } }>(manager, 'customers.get', { id: created.id })).customer.name).toBe('远程客户有限公司');
    const authors = manager.host.workspace.db.prepare('SELECT DISTINCT user_id AS u FROM change_log_entries WHERE entity_id = ?').all(created.id) as {
      u: string;
    }[];
    expect(authors.map((a) => a.u)).toEqual([assistant.id]);
    // The status bar's count is the host's, re-read.
    expect((await value<WorkspaceInfo>(li, 'workspace.info')).customerCount).toBe(1);

    // The manager's write reaches the assistant's window as data.changed within a second.
    const before = Date.now();
    const local = await value<{ id: string }>(manager, 'customers.create', { values: { name: '经理新客户' } });
    await until(
      'data.changed of the manager’s customer',
      () => events.some((e) => e.type === 'data.changed' && (e.ids ?? []).includes(local.id)),
      1_000,
    );
    expect(Date.now() - before).toBeLessThan(1_000);

    // The host checks the role and refuses its own files; this computer's choosers stay here.
    expect(refusal(await call(li, 'users.list'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await call(li, 'backups.list'))).toEqual({ code: 'FORBIDDEN', reason: 'localOnly' });
    expect(await value(li, 'workspace.choosePath', { purpose: 'open' })).toEqual({ native: false, path: null });

    // Leaving: the start screen (no workspace), and the host's session ends.
    await value(li, 'remote.disconnect');
    expect(await value(li, 'workspace.info')).toBeNull();
    expect(events.at(-2)).toEqual({ type: 'workspace.changed', info: null });
    await until('the host to forget the session', async () => (await value<HostStatus>(manager, 'host.status')).sessions === 0);
  });

  it('says when the host is gone, keeps the window as it is, and reconnects by itself when it is back', async () => {
    const { manager, status } = await managerSharing();
    const events: KecardEvent[] = [];
    const li = compose('assistant', 'own.kecard', events);
    await value(li, 'remote.connect', connectInput(status));
    events.length = 0; // from here on: what the host's going away does to the window
    const phases = () => events.filter((e) => e.type === 'remote.changed').map((e) => (e as { status: RemoteStatus }).status.phase);

    await value(manager, 'host.stop');
    await until('reconnecting', () => phases().includes('reconnecting'));
    const during = await call(li, 'customers.list', { offset: 0, limit: 10 });
    expect(refusal(during).code).toBe('HOST_UNREACHABLE');
    // The window is not sent back to the start screen while the host is away.
    expect(events.some((e) => e.type === 'workspace.changed' && e.info === null)).toBe(false);

    // The host shares again on the same port: its sessions are gone, the client signs in again.
    await value(manager, 'host.start', { address: '127.0.0.1', port: status.port });
    await until('connected again', () => phases().at(-1) === 'connected');
    const created = await value<{ id: string }>(li, 'customers.create', { values: { name: '重连后的客户' } });
    expect((await value<{ customer: { name: string } }>(manager, 'customers.get', { id: created.id })).customer.name).toBe('重连后的客户');
  });

  it('ends the connection when the address shares another workspace (another certificate), back to the start screen', async () => {
    const { manager, status } = await managerSharing();
    const events: KecardEvent[] = [];
    const li = compose('assistant', 'own.kecard', events);
    await value(li, 'remote.connect', connectInput(status));
    // The manager opens another file (sharing stops with it) and shares that one on the same port:
    // its certificate is another (one per workspace), so the client never signs in to it.
    const other = join((files as { dir: string }).dir, 'other.kecard');
    await value(manager, 'workspace.create', { path: other });
    expect(existsSync(other)).toBe(true);
    await value(manager, 'account.setPassword', { newPassword: 'boss-pass-2' });
    await value(manager, 'users.create', { login: 'xiaoli', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
    await value(manager, 'host.start', { address: '127.0.0.1', port: status.port });
    await until('the connection to end', async () => !(await value<RemoteStatus>(li, 'remote.status')).connected);
    expect(await value<RemoteStatus>(li, 'remote.status')).toMatchObject({ connected: false, ended: 'otherCertificate' });
    expect(await value(li, 'workspace.info')).toBeNull();
  });
});
