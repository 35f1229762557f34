import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { ImportOutcomeOutput, SyncExportResult, SyncJoinResult, SyncStatusOutput } from '../../../src-shared/contract/sync-methods';
import type { ComposedApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { createNetwork, inviteStore, joinNetwork } from '../../../src-main/sync/network/network-service';
import { startAppOnTempWorkspace } from '../../support/app-on-temp-workspace';
import { jobFinished } from '../../support/job-events';
import { testUser } from '../../support/temp-workspace';

// 导入同步包, 立即同步 and 导出同步包 through the router run as 'sync' jobs on a worker's own
// connection (issue 18: long work off the UI thread, with progress and cancel): the answer comes
// with job.finished, and what the worker learned about a partner (a refused bundle) reaches the
// 同步中心's status, which main reads from its own connection.

let app: ComposedApp;
let events: KecardEvent[];
let dir: string;
let stop: () => Promise<void>;
let store: Workspace | null = null;
beforeEach(() => ({ app, events, dir, stop } = startAppOnTempWorkspace()));
afterEach(async () => {
  store?.close();
  store = null;
  await stop();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const envelope = await app.dispatch(method, input, app.host.context);
  if (!envelope.ok) throw Object.assign(new Error('call failed'), { error: envelope.error });
  return envelope.value as T;
}

async function job<T>(method: string, input: unknown): Promise<Extract<KecardEvent, { type: 'job.finished' }> & { result?: T }> {
  const { jobId } = await call<{ jobId: string }>(method, input);
  return (await jobFinished(events, jobId, 120_000)) as Extract<KecardEvent, { type: 'job.finished' }> & { result?: T };
}

/** HQ is the app's workspace; NJ01 a workspace file beside it that opened its invitation and made its first bundle. */
async function storeWithFirstBundle(customers: number): Promise<string[]> {
  await call('sync.createNetwork', { code: 'HQ', name: '总部' });
  const invite = await call<{ downloadToken: string }>('sync.invite', { code: 'NJ01', name: '南京店' });
  const nj = openWorkspace(join(dir, 'nj01.kecard'), { create: true });
  store = nj;
  joinNetwork(nj, testUser, readFileSync(app.host.staged.get(invite.downloadToken).path));
  for (let i = 0; i < customers; i += 1) createCustomer(nj, testUser, { name: `南京客户${i}` });
  const made = makeBundle(nj, 'HQ');
  const out = join(dir, 'inbox');
  mkdirSync(out, { recursive: true });
  return made.files.map((f) => {
    writeFileSync(join(out, f.name), f.bytes);
    return app.host.staged.stagePath(join(out, f.name), f.name);
  });
}

describe('sync jobs', () => {
  it('导入同步包 applies in the worker, reports progress, and answers with job.finished', { timeout: 180_000 }, async () => {
    const tokens = await storeWithFirstBundle(2500);
    const finished = await job<ImportOutcomeOutput>('sync.import', { fileTokens: tokens });
    expect(finished).toMatchObject({ ok: true, kind: 'sync' });
    expect(finished.result?.applied).toEqual([expect.objectContaining({ from: { code: 'NJ01', name: '南京店' }, applied: 2500, enrolled: true })]);
    const progress = events.filter((e) => e.type === 'job.progress' && e.jobId === finished.jobId);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ done: 2500, total: 2500 });
    // Main's own connection sees what the worker committed.
    const status = await call<SyncStatusOutput>('sync.status', {});
    expect(status.partners.find((p) => p.code === 'NJ01')).toMatchObject({ enrolled: true, receivedNumber: 1, lastError: null });
    expect(app.host.workspace.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2500);

    // 导出同步包 answers with the files to download.
    const exported = await job<SyncExportResult>('sync.export', { to: 'NJ01' });
    expect(exported.result?.bundles).toEqual([expect.objectContaining({ to: 'NJ01', number: 1 })]);
    expect(exported.result?.bundles[0]?.files[0]?.fileName).toMatch(/\.kcsync$/);
  });

  it('a refused bundle is the partner’s last error in main’s status, though the worker refused it', { timeout: 120_000 }, async () => {
    const tokens = await storeWithFirstBundle(3);
    await call('sync.revoke', { code: 'NJ01' });
    const finished = await job<ImportOutcomeOutput>('sync.import', { fileTokens: tokens });
    expect(finished.ok).toBe(true);
    expect(finished.result?.refused).toEqual([expect.objectContaining({ code: 'SYNC_REFUSED', reason: 'revoked' })]);
    const status = await call<SyncStatusOutput>('sync.status', {});
    expect(status.partners.find((p) => p.code === 'NJ01')?.lastError).toMatchObject({ code: 'SYNC_REFUSED', reason: 'revoked' });
    expect(app.host.workspace.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });

  it('cancelled, it says so; the same files can be imported again', { timeout: 180_000 }, async () => {
    const tokens = await storeWithFirstBundle(4000);
    const { jobId } = await call<{ jobId: string }>('sync.import', { fileTokens: tokens });
    // Cancelled at once: the worker hears it before its first batch (4,000 changes take far longer to apply).
    await call('jobs.cancel', { jobId });
    const finished = await jobFinished(events, jobId, 120_000);
    expect(finished).toMatchObject({ ok: false, cancelled: true, error: { code: 'JOB_CANCELLED', details: { reason: 'nothing' } } });
    expect(app.host.workspace.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    const again = await job<ImportOutcomeOutput>('sync.import', { fileTokens: tokens });
    expect(again.result?.applied[0]).toMatchObject({ applied: 4000 });
  });

  it('打开邀请文件 joins in the worker: the workspace’s own customers become the store’s', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 300; i += 1) await call('customers.create', { values: { name: `本店老客户${i}` } });
    const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
    store = hq;
    createNetwork(hq, { code: 'HQ', name: '总部' });
    const { invitation } = inviteStore(hq, { code: 'SZ01', name: '苏州店' });
    const path = join(dir, 'invite.kcinvite');
    writeFileSync(path, invitation);
    const finished = await job<SyncJoinResult>('sync.join', { fileToken: app.host.staged.stagePath(path, 'invite.kcinvite') });
    expect(finished).toMatchObject({ ok: true, kind: 'sync', result: { hq: { code: 'HQ', name: '总部' } } });
    expect(finished.result?.safetyCode).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);
    expect(app.host.workspace.db.prepare("SELECT count(*) FROM customers WHERE store_code = 'SZ01'").pluck().get()).toBe(300);
    expect((await call<SyncStatusOutput>('sync.status', {})).role).toBe('store');
    // A second invitation is refused in words, through the job's error.
    const again = await job<SyncJoinResult>('sync.join', { fileToken: app.host.staged.stagePath(path, 'invite.kcinvite') });
    expect(again).toMatchObject({ ok: false, error: { code: 'SYNC_REFUSED', details: { reason: 'alreadyInNetwork' } } });
  });

  it('an export that fails says why and leaves nothing in staging', async () => {
    await call('sync.createNetwork', { code: 'HQ', name: '总部' });
    await call('sync.invite', { code: 'NJ01', name: '南京店' });
    const staged = () => readdirSync(app.host.staged.folder as string).length;
    const before = staged();
    const failed = await job('sync.export', { to: 'NJ01' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'SYNC_REFUSED', details: { reason: 'notEnrolled' } } });
    expect(staged()).toBe(before);
  });

  it('立即同步 with a folder that cannot be reached says so at once and keeps it as the last error', async () => {
    await storeWithFirstBundle(1);
    const gone = join(dir, 'share');
    mkdirSync(gone);
    await call('sync.setFolder', { code: 'NJ01', folder: gone });
    rmSync(gone, { recursive: true });
    await expect(call('sync.now', { code: 'NJ01' })).rejects.toMatchObject({ error: { code: 'SYNC_FOLDER', details: { reason: 'missing' } } });
    const status = await call<SyncStatusOutput>('sync.status', {});
    expect(status.partners.find((p) => p.code === 'NJ01')?.lastError).toMatchObject({ code: 'SYNC_FOLDER', reason: 'missing' });
    expect(events.some((e) => e.type === 'job.finished' && e.kind === 'sync')).toBe(false);
  });
});
