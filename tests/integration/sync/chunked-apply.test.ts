import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { readBundleHeader } from '../../../src-main/sync/bundle/bundle-file';
import { applyBundle, type ApplyOptions } from '../../../src-main/sync/exchange/apply-bundle';
import { makeBundle, type MadeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { partnerByCode } from '../../../src-main/sync/network/sync-tables';
import { setPartnerScope } from '../../../src-main/sync/scope/scope-rules';
import { canonicalDump } from '../../support/random-operations';
import { dataVersionWatcher, deliver, enrolledNetwork, type Network } from '../../support/sync-sites';
import { refusal } from '../../support/refusal';
import { tempDir, testUser } from '../../support/temp-workspace';

// A large bundle (a store's first) goes in chunks, each committed on its own (issue 18: "a large
// first bundle in resumable chunks with progress and cancel"). Cancelled after a chunk, what
// committed stays and acknowledges nothing; importing the same bundle again goes on and ends
// exactly where one uninterrupted apply ends. A smaller bundle is still all or nothing.

let dir: string;
let cleanup: () => void;
let nets: Network[];
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  nets = [];
});
afterEach(() => {
  for (const net of nets) for (const ws of [net.hq, ...net.stores]) ws.close();
  cleanup();
});

function network(name: string, scope: 'all' | 'own' = 'all'): Network {
  const net = enrolledNetwork(
    mkdirSync(join(dir, name), { recursive: true }) ?? join(dir, name),
    ['NJ01'],
    () => {},
    () => ({ customers: scope }),
  );
  nets.push(net);
  return net;
}

const customerCount = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
const history = (ws: Workspace) => ws.db.prepare("SELECT number, changes, applied, removed FROM sync_bundles WHERE direction = 'in'").all();

function apply(bundle: MadeBundle, to: Workspace, options: ApplyOptions) {
  const parts = bundle.files.map((f) => f.bytes);
  return applyBundle(to, testUser, parts, readBundleHeader(parts[0] as Buffer), options);
}

/** Cancels once `after` entries have gone through (the check between batches of 1,000 sees it). */
function cancelAfter(after: number): Pick<ApplyOptions, 'isCancelled' | 'onProgress'> & { seen: number[] } {
  const seen: number[] = [];
  return {
    seen,
    onProgress: (done) => seen.push(done),
    isCancelled: () => (seen.at(-1) ?? 0) >= after,
  };
}

describe('a large bundle in chunks', () => {
  it('cancelled after a chunk keeps it, acknowledges nothing, and goes on when imported again', () => {
    const net = network('a');
    const store = net.stores[0] as Workspace;
    for (let i = 0; i < 2500; i += 1) createCustomer(store, testUser, { name: `门店客户${i}` });
    const bundle = makeBundle(store, 'HQ');
    const before = partnerByCode(net.hq.db, 'NJ01');

    const first = cancelAfter(1000);
    expect(refusal(() => apply(bundle, net.hq, { ...first, chunkEntries: 1000 }))).toMatchObject({
      code: 'JOB_CANCELLED',
      details: { reason: 'partly', done: 1000, total: 2500 },
    });
    // The first chunk committed; the partner's numbers and the history did not move.
    expect(customerCount(net.hq)).toBe(1000);
    expect(partnerByCode(net.hq.db, 'NJ01')?.receivedNumber).toBe(before?.receivedNumber);
    expect(history(net.hq)).toHaveLength(1); // the enrolment bundle only

    const second = cancelAfter(Infinity);
    const done = apply(bundle, net.hq, { ...second, chunkEntries: 1000 });
    // It went on from 1,000, and the answer counts the whole bundle.
    expect(second.seen[0]).toBe(1000);
    expect(second.seen.at(-1)).toBe(2500);
    expect(done).toMatchObject({ changes: 2500, applied: 2500, duplicate: false });
    expect(customerCount(net.hq)).toBe(2500);
    expect(partnerByCode(net.hq.db, 'NJ01')?.receivedNumber).toBe(bundle.header.number);
    expect(history(net.hq).at(-1)).toMatchObject({ number: bundle.header.number, changes: 2500, applied: 2500 });
    expect(net.hq.db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'sync_partial_apply:%'").pluck().get()).toBe(0);
    // Again: a no-op.
    expect(apply(bundle, net.hq, { chunkEntries: 1000 })).toMatchObject({ duplicate: true, applied: 0 });

    // The same as one uninterrupted apply of the same store's bundle in another network.
    const control = network('b');
    const controlStore = control.stores[0] as Workspace;
    for (let i = 0; i < 2500; i += 1) createCustomer(controlStore, testUser, { name: `门店客户${i}` });
    deliver(makeBundle(controlStore, 'HQ'), control.hq);
    const names = (ws: Workspace) => (canonicalDump(ws).customers ?? []).map((c) => (c as { name: string }).name).sort();
    expect(names(net.hq)).toEqual(names(control.hq));
  });

  it('cancelled inside the first chunk writes nothing', () => {
    const net = network('c');
    const store = net.stores[0] as Workspace;
    // Below the chunk size: one transaction, so a cancel at 2,000 of 2,500 rolls all of it back.
    for (let i = 0; i < 2500; i += 1) createCustomer(store, testUser, { name: `客户${i}` });
    const bundle = makeBundle(store, 'HQ');
    const watcher = dataVersionWatcher(net.hq.path);
    expect(refusal(() => apply(bundle, net.hq, cancelAfter(1000)))).toMatchObject({ code: 'JOB_CANCELLED', details: { reason: 'nothing', done: 0 } });
    expect(customerCount(net.hq)).toBe(0);
    expect(net.hq.db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'sync_partial_apply:%'").pluck().get()).toBe(0);
    expect(watcher.changed()).toBe(false);
    watcher.close();
    expect(apply(bundle, net.hq, {})).toMatchObject({ applied: 2500 });
  });

  it('an older bundle arriving after a newer one went in partly is superseded: it writes nothing', () => {
    const net = network('e');
    const store = net.stores[0] as Workspace;
    for (let i = 0; i < 1500; i += 1) createCustomer(store, testUser, { name: `早的客户${i}` });
    const older = makeBundle(store, 'HQ');
    for (let i = 0; i < 1500; i += 1) createCustomer(store, testUser, { name: `晚的客户${i}` });
    const newer = makeBundle(store, 'HQ');
    expect(refusal(() => apply(newer, net.hq, { ...cancelAfter(1000), chunkEntries: 1000 })).code).toBe('JOB_CANCELLED');
    const watcher = dataVersionWatcher(net.hq.path);
    expect(apply(older, net.hq, { chunkEntries: 1000 })).toMatchObject({ duplicate: true, applied: 0 });
    expect(watcher.changed()).toBe(false);
    watcher.close();
    expect(apply(newer, net.hq, { chunkEntries: 1000 })).toMatchObject({ duplicate: false, applied: 3000 });
    expect(customerCount(net.hq)).toBe(3000);
  });

  it('names the customers its first chunk removed in the answer of the run that finishes it', () => {
    const net = network('d');
    const store = net.stores[0] as Workspace;
    const leaving = createCustomer(net.hq, testUser, { name: '总部的客户' });
    deliver(makeBundle(net.hq, 'NJ01'), store);
    deliver(makeBundle(store, 'HQ'), net.hq);
    expect(customerCount(store)).toBe(1);
    // HQ narrows the store to its own customers and gives it 1,500 new ones in the same bundle.
    setPartnerScope(net.hq.db, 'NJ01', { customers: 'own' });
    for (let i = 0; i < 1500; i += 1) createCustomer(net.hq, testUser, { name: `南京客户${i}`, storeCode: 'NJ01' });
    const bundle = makeBundle(net.hq, 'NJ01');
    const first = cancelAfter(1000);
    expect(refusal(() => apply(bundle, store, { ...first, chunkEntries: 1000 })).code).toBe('JOB_CANCELLED');
    expect(store.db.prepare('SELECT count(*) FROM customers WHERE id = ?').pluck().get(leaving.id)).toBe(0);
    const done = apply(bundle, store, { chunkEntries: 1000 });
    expect(done.removed).toEqual([{ id: leaving.id, name: '总部的客户' }]);
    expect(customerCount(store)).toBe(1500);
    expect(history(store).at(-1)).toMatchObject({ removed: 1 });
  });
});
