import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import type { Workspace } from '../../../src-main/db/workspace';
import { addToFolder, createFolder } from '../../../src-main/services/favourites/favourite-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { createNetwork, inviteStore, joinNetwork, revokeStore, syncStatus } from '../../../src-main/sync/network/network-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { dataVersionWatcher, deliver, enrolledNetwork } from '../../support/sync-sites';
import { refusal } from '../../support/refusal';
import { tempDir, testUser } from '../../support/temp-workspace';
import { writeFileSync } from 'node:fs';
import { exportBundles, importBundles } from '../../../src-main/sync/exchange/bundle-files';
import { join } from 'node:path';
import { readInvitationFile } from '../../../src-main/sync/network/invitation-file';

let dir: string;
let cleanup: () => void;
const open: Workspace[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  cleanup();
});

const names = (ws: Workspace) =>
  listCustomers(ws, { offset: 0, limit: 100 })
    .rows.map((c) => c.name)
    .sort();

describe('enrolment and the exchange of bundles', () => {
  it('HQ invites a store with data of its own; the store joins; after one exchange each way HQ holds everything and the store its 门店', () => {
    const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
    const store = openWorkspace(join(dir, 'nj.kecard'), { create: true });
    open.push(hq, store);
    createCustomer(hq, testUser, { name: '总部客户' });
    createCustomer(store, testUser, { name: '南京老客户' });

    expect(refusal(() => inviteStore(hq, { code: 'NJ01', name: '南京店' })).details?.reason).toBe('notInNetwork');
    createNetwork(hq, { code: 'HQ', name: '总部' });
    const { invitation } = inviteStore(hq, { code: 'NJ01', name: '南京店' });
    createCustomer(hq, testUser, { name: '分给南京的客户', storeCode: 'nj01' });
    // Before the store's first bundle, HQ knows neither its site nor its keys.
    expect(refusal(() => makeBundle(hq, 'NJ01')).details?.reason).toBe('notEnrolled');

    const joined = joinNetwork(store, testUser, invitation);
    expect(joined.hq).toEqual({ code: 'HQ', name: '总部' });
    expect(refusal(() => joinNetwork(store, testUser, invitation)).details?.reason).toBe('alreadyInNetwork');
    // The store's own customers become its own (logged, so HQ learns their 门店 too).
    expect(listCustomers(store, { offset: 0, limit: 10 }).rows.map((c) => c.storeCode)).toEqual(['NJ01']);

    const first = deliver(makeBundle(store, 'HQ'), hq);
    expect(first).toMatchObject({ enrolled: true, duplicate: false, from: { code: 'NJ01' } });
    // Both sides show the same safety code, to compare by phone.
    expect(first.safetyCode).toBe(joined.safetyCode);
    expect(syncStatus(hq).partners[0]).toMatchObject({ code: 'NJ01', enrolled: true, safetyCode: joined.safetyCode });
    expect(names(hq)).toEqual(['分给南京的客户', '南京老客户', '总部客户'].sort());
    expect(listCustomers(hq, { offset: 0, limit: 10 }).rows.find((c) => c.name === '南京老客户')?.storeCode).toBe('NJ01');

    // The store receives the customers of its 门店 (the default scope), not HQ's own.
    deliver(makeBundle(hq, 'NJ01'), store);
    expect(names(store)).toEqual(['分给南京的客户', '南京老客户'].sort());
    // Everything acknowledged both ways after one more bundle from the store.
    deliver(makeBundle(store, 'HQ'), hq);
    expect(syncStatus(hq).partners[0]?.waiting).toBe(0);
    expect(syncStatus(store).partners[0]?.waiting).toBe(0);
  });

  it('a lost bundle heals with the next one; old and repeated bundles are no-ops that write nothing', () => {
    const { hq, stores } = enrolledNetwork(dir, ['NJ01']);
    const store = stores[0] as Workspace;
    open.push(hq, store);
    const c = createCustomer(store, testUser, { name: '甲' });
    const lost = makeBundle(store, 'HQ');
    updateCustomer(store, testUser, c.id, { name: '甲公司' });
    const second = makeBundle(store, 'HQ');
    createCustomer(store, testUser, { name: '乙' });
    const third = makeBundle(store, 'HQ');

    expect(deliver(third, hq)).toMatchObject({ duplicate: false, applied: 3 });
    expect(names(hq)).toEqual(['乙', '甲公司'].sort());
    const watcher = dataVersionWatcher(hq.path);
    try {
      expect(deliver(second, hq)).toMatchObject({ duplicate: true, applied: 0 });
      expect(deliver(lost, hq)).toMatchObject({ duplicate: true });
      expect(deliver(third, hq)).toMatchObject({ duplicate: true });
      expect(watcher.changed()).toBe(false);
    } finally {
      watcher.close();
    }
    expect(names(hq)).toEqual(['乙', '甲公司'].sort());
  });

  it('a damaged, altered or oversized invitation is refused and the workspace stays on its own', () => {
    const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
    const store = openWorkspace(join(dir, 'nj.kecard'), { create: true });
    open.push(hq, store);
    createNetwork(hq, { code: 'HQ', name: '总部' });
    const { invitation } = inviteStore(hq, { code: 'NJ01', name: '南京店' });
    const altered = Buffer.from(invitation.toString('utf8').replace('"NJ01"', '"SH02"'), 'utf8');
    expect(refusal(() => joinNetwork(store, testUser, altered)).details?.reason).toBe('badInvitation');
    expect(refusal(() => joinNetwork(store, testUser, invitation.subarray(0, 100))).details?.reason).toBe('badInvitation');
    const big = join(dir, 'big.kcinvite');
    writeFileSync(big, Buffer.alloc(100 * 1024, 0x20));
    expect(refusal(() => readInvitationFile(big)).details?.reason).toBe('badInvitation');
    expect(syncStatus(store).networkId).toBeNull();
  });

  it('the same customer added to one shared folder at two sites makes one membership, not a failed bundle', () => {
    const { hq, stores } = enrolledNetwork(dir, ['NJ01']);
    const store = stores[0] as Workspace;
    open.push(hq, store);
    const c = createCustomer(hq, testUser, { name: '共享收藏的客户' });
    const folder = createFolder(hq, testUser, '重点跟进', 'customer');
    deliver(makeBundle(hq, 'NJ01'), store);
    addToFolder(hq, testUser, folder.id, [c.id]);
    addToFolder(store, testUser, folder.id, [c.id]);
    deliver(makeBundle(store, 'HQ'), hq);
    deliver(makeBundle(hq, 'NJ01'), store);
    for (const ws of [hq, store]) {
      expect(ws.db.prepare('SELECT count(*) FROM favourite_items WHERE folder_id = ? AND deleted = 0').pluck().get(folder.id)).toBe(1);
    }
  });

  it('refuses before any write: a bundle for another store, from a revoked store, with a flipped byte', () => {
    const { hq, stores } = enrolledNetwork(dir, ['NJ01', 'SH02']);
    const [nj, sh] = stores as [Workspace, Workspace];
    open.push(hq, nj, sh);
    createCustomer(hq, testUser, { name: '总部新客户' });
    const forNj = makeBundle(hq, 'NJ01');

    const watcher = dataVersionWatcher(sh.path);
    try {
      expect(refusal(() => deliver(forNj, sh)).details?.reason).toBe('notForThisSite');
      expect(watcher.changed()).toBe(false);
    } finally {
      watcher.close();
    }

    const bytes = Buffer.from(forNj.files[0]?.bytes as Buffer);
    bytes.writeUInt8((bytes.readUInt8(bytes.length - 40) ^ 0x01) & 0xff, bytes.length - 40);
    const njWatcher = dataVersionWatcher(nj.path);
    try {
      const err = refusal(() => deliver({ header: forNj.header, files: [{ name: 'x', bytes }] }, nj));
      expect(err.code).toBe('BUNDLE_INVALID');
      expect(njWatcher.changed()).toBe(false);
    } finally {
      njWatcher.close();
    }
    expect(names(nj)).not.toContain('总部新客户');
    expect(deliver(forNj, nj).applied).toBeGreaterThan(0);

    createCustomer(sh, testUser, { name: '上海客户' });
    const fromSh = makeBundle(sh, 'HQ');
    revokeStore(hq, 'SH02');
    const hqWatcher = dataVersionWatcher(hq.path);
    try {
      expect(refusal(() => deliver(fromSh, hq)).details?.reason).toBe('revoked');
      expect(hqWatcher.changed()).toBe(false);
    } finally {
      hqWatcher.close();
    }
    expect(refusal(() => makeBundle(hq, 'SH02')).details?.reason).toBe('revoked');
  });
});

describe('each partner’s last error', () => {
  it('a refused import is kept as the partner’s last error, in words, without writing to the file; the next good bundle clears it', () => {
    const { hq, stores } = enrolledNetwork(dir, ['NJ01', 'SH02']);
    open.push(hq, ...stores);
    const nj = stores[0] as Workspace;
    createCustomer(hq, testUser, { name: '总部新客户' });
    // HQ's bundle for 上海店 put in 南京店's inbox by mistake.
    const misplaced = join(dir, 'misplaced');
    exportBundles(hq, misplaced, ['SH02']);
    const watcher = dataVersionWatcher(nj.path);
    try {
      const outcome = importBundles(nj, testUser, [misplaced]);
      expect(outcome.refused).toMatchObject([{ code: 'SYNC_REFUSED', reason: 'notForThisSite' }]);
      expect(watcher.changed()).toBe(false);
    } finally {
      watcher.close();
    }
    const [partner] = syncStatus(nj).partners;
    expect(partner?.lastError).toMatchObject({ code: 'SYNC_REFUSED', reason: 'notForThisSite' });
    expect(Date.parse(partner?.lastError?.at ?? '')).not.toBeNaN();

    const inbox = join(dir, 'inbox');
    exportBundles(hq, inbox, ['NJ01']);
    expect(importBundles(nj, testUser, [inbox]).applied).toHaveLength(1);
    expect(syncStatus(nj).partners[0]?.lastError).toBeNull();
  });
});
