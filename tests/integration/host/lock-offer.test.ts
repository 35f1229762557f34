import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { lockPathOf } from '../../../src-main/db/workspace-lock';
import type { HostStatus } from '../../../src-shared/contract/host-methods';
import type { WorkspaceInfo } from '../../../src-shared/contract/methods-base';
import type { Envelope } from '../../../src-shared/errors';
import { tempDir } from '../../support/temp-workspace';

// Issue 20, the shared-file case: a second app opening a workspace another app holds is told who
// holds it — and, while the holder shares it, where to connect — or opens it read-only.

const WORKERS = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/');
let files: { dir: string; cleanup: () => void } | null = null;
const apps: ComposedApp[] = [];

afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
  files?.cleanup();
  files = null;
});

function compose(name: string): ComposedApp {
  files ??= tempDir();
  const a = composeApp({ dataDir: join(files.dir, name), shell: 'browser', workerDir: WORKERS, rememberRecent: false });
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
function refusal(envelope: Envelope<unknown>): { code: string; details: Record<string, unknown> } {
  if (envelope.ok) throw new Error('expected a refusal');
  return { code: envelope.error.code, details: envelope.error.details ?? {} };
}

describe('a workspace held by another app', () => {
  it('names its holder, and where it is shared while it is', async () => {
    const holder = compose('holder');
    const path = join((files as { dir: string }).dir, 'shop.kecard');
    holder.host.create(path);
    const second = compose('second');

    const plain = refusal(await call(second, 'workspace.open', { path }));
    expect(plain.code).toBe('WORKSPACE_LOCKED');
    expect(plain.details).toMatchObject({ host: hostname(), app: 'browser', pid: process.pid });
    expect(typeof plain.details.since).toBe('string');
    expect(plain.details.hostAddress).toBeUndefined();

    await value(holder, 'account.setPassword', { newPassword: 'boss-pass-1' });
    const status = await value<HostStatus>(holder, 'host.start', { address: '127.0.0.1', port: 0 });
    const sharing = refusal(await call(second, 'workspace.open', { path }));
    expect(sharing.details).toMatchObject({ hostAddress: '127.0.0.1', hostPort: status.port, hostPairingCode: status.pairingCode });
    // Rewritten in place: the same holder (token), still a private file.
    const lock = JSON.parse(readFileSync(lockPathOf(path), 'utf8')) as { hosting: unknown; pid: number };
    expect(lock).toMatchObject({ pid: process.pid, hosting: { address: '127.0.0.1', port: status.port } });

    await value(holder, 'host.stop');
    expect(refusal(await call(second, 'workspace.open', { path })).details.hostAddress).toBeUndefined();
    // The holder still holds it after all that: its lock was never let go.
    expect(holder.host.hasWorkspace).toBe(true);
    await value(holder, 'customers.create', { values: { name: '持有者的客户' } });
  });

  it('opens read-only beside its holder: reads, sees the holder’s saves, refuses its own', async () => {
    const holder = compose('holder');
    const path = join((files as { dir: string }).dir, 'shop.kecard');
    holder.host.create(path);
    await value(holder, 'customers.create', { values: { name: '第一位客户' } });
    const second = compose('second');

    const info = await value<WorkspaceInfo>(second, 'workspace.open', { path, readOnly: true });
    expect(info).toMatchObject({ path, readOnly: true });
    const list = await value<{ total: number }>(second, 'customers.list', { offset: 0, limit: 10 });
    expect(list.total).toBe(1);
    expect(refusal(await call(second, 'customers.create', { values: { name: '只读里新建' } })).code).toBe('WORKSPACE_READ_ONLY');
    // The holder goes on working, and the read-only window reads what it saved.
    await value(holder, 'customers.create', { values: { name: '第二位客户' } });
    expect((await value<{ total: number }>(second, 'customers.list', { offset: 0, limit: 10 })).total).toBe(2);
    // Its lock is the holder's alone: the read-only app took none.
    expect((JSON.parse(readFileSync(lockPathOf(path), 'utf8')) as { token: string }).token).toBe(
      (holder.host.workspace as unknown as { lock: { holder: { token: string } } }).lock.holder.token,
    );
  });
});
