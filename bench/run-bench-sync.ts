// `npm run bench:sync`: the sync figures of issue 18 (docs/performance.md, "Sync"). Not a test.
//
//   export / apply of N changes (a store's first bundle: N customers made at the store), bytes
//   per change, apply compared with plain prepared inserts of the same rows in the same run, and
//   HQ applying S store bundles of M changes each, and a store removing R demo customers (with
//   their departments, contacts, orders and receipts) when its scope narrows. Workspaces live in a temp folder, removed after.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../src-main/db/open-workspace';
import type { Workspace } from '../src-main/db/workspace';
import { runWrite } from '../src-main/changelog/write-tx';
import { demoCustomer } from '../src-main/demo/demo-records';
import { insertCustomer } from '../src-main/services/customers/customer-service';
import { readBundleHeader } from '../src-main/sync/bundle/bundle-file';
import { indexPendingSearch } from '../src-main/services/search/index-pending-search';
import { applyBundle } from '../src-main/sync/exchange/apply-bundle';
import { makeBundle, type MadeBundle } from '../src-main/sync/exchange/make-bundle';
import { changeStoreScope, createNetwork, inviteStore, joinNetwork } from '../src-main/sync/network/network-service';
import { localUserContext } from '../src-main/workspace/app-host';
import { generateDemo } from '../src-main/demo/generate-demo';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '100000' },
    stores: { type: 'string', default: '50' },
    'store-changes': { type: 'string', default: '10000' },
    removal: { type: 'string', default: '10000' },
    join: { type: 'string', default: '10000' },
    dir: { type: 'string', default: '' },
  },
});
const CHANGES = Number(values.changes);
const STORES = Number(values.stores);
const STORE_CHANGES = Number(values['store-changes']);
const REMOVAL = Number(values.removal);
const JOIN = Number(values.join);
const user = localUserContext();
const root = values.dir || mkdtempSync(join(tmpdir(), 'kecard-bench-sync-'));

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** CPU seconds of this process since `start` (all threads): beside wall time on a shared machine. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** `count` customers made at `ws` (one change each), in transactions of 10,000. */
function fill(ws: Workspace, count: number, seed: number): void {
  for (let done = 0; done < count; done += 10_000) {
    runWrite(ws, user, (tx) => {
      for (let i = done; i < Math.min(count, done + 10_000); i += 1) {
        const { customer } = demoCustomer(seed, i, i + 1, []);
        insertCustomer(tx, { ...customer, code: `S${seed}-${i + 1}` } as Parameters<typeof insertCustomer>[1]);
      }
    });
  }
}

function deliver(bundle: MadeBundle, to: Workspace): void {
  const parts = bundle.files.map((f) => f.bytes);
  applyBundle(to, user, parts, readBundleHeader(parts[0] as Buffer));
}

function network(hqPath: string): Workspace {
  const hq = openWorkspace(hqPath, { create: true });
  createNetwork(hq, { code: 'HQ', name: '总部' });
  return hq;
}

function enrol(hq: Workspace, path: string, code: string): Workspace {
  const store = openWorkspace(path, { create: true });
  const { invitation } = inviteStore(hq, { code, name: code });
  joinNetwork(store, user, invitation);
  return store;
}

const results: Record<string, unknown> = { loadAverageAtStart: loadavg() };
try {
  // 1. A store's first bundle: N changes.
  const hq = network(join(root, 'hq.kecard'));
  const store = enrol(hq, join(root, 'store.kecard'), 'NJ01');
  let t = process.hrtime.bigint();
  fill(store, CHANGES, 1);
  const writeSeconds = seconds(t);
  let cpu = process.cpuUsage();
  t = process.hrtime.bigint();
  const first = makeBundle(store, 'HQ');
  const exportSeconds = seconds(t);
  const exportCpuSeconds = cpuSeconds(cpu);
  const bundleBytes = first.files.reduce((n, f) => n + f.bytes.length, 0);
  cpu = process.cpuUsage();
  t = process.hrtime.bigint();
  deliver(first, hq);
  const applySeconds = seconds(t);
  const applyCpuSeconds = cpuSeconds(cpu);
  // A large bundle's new customers get their search documents after the commit, from the backlog
  // (the app's index job, or the CLI right after the import): timed apart.
  t = process.hrtime.bigint();
  const indexed = indexPendingSearch(hq).indexed;
  const searchIndexSeconds = seconds(t);

  // The same rows written with plain prepared inserts (no log, no checks) into a fresh file.
  const plain = openWorkspace(join(root, 'plain.kecard'), { create: true });
  const rows = store.db.prepare('SELECT * FROM customers ORDER BY seq').all() as Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'seq');
  const insert = plain.db.prepare(`INSERT INTO customers (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  t = process.hrtime.bigint();
  plain.db.transaction(() => {
    for (const row of rows) insert.run(...columns.map((c) => row[c]));
  })();
  const plainSeconds = seconds(t);
  plain.close();

  results.firstBundle = {
    changes: first.header.counts.changes,
    parts: first.files.length,
    bundleBytes,
    bytesPerChange: Math.round((bundleBytes / Math.max(1, first.header.counts.changes)) * 10) / 10,
    writeAtStoreSeconds: writeSeconds,
    exportSeconds,
    exportCpuSeconds,
    applySeconds,
    applyCpuSeconds,
    searchDocumentsAfter: indexed,
    searchIndexSeconds,
    plainInsertSeconds: plainSeconds,
    applyOverPlain: Math.round((applySeconds / plainSeconds) * 10) / 10,
    hqFileBytes: statSync(hq.path).size,
  };
  store.close();
  hq.close();

  // 2. HQ applying S store bundles of M changes each.
  if (STORES > 0) {
    const hub = network(join(root, 'hub.kecard'));
    const bundles: MadeBundle[] = [];
    for (let s = 0; s < STORES; s += 1) {
      const code = `S${String(s + 1).padStart(3, '0')}`;
      const ws = enrol(hub, join(root, `${code}.kecard`), code);
      fill(ws, STORE_CHANGES, 100 + s);
      bundles.push(makeBundle(ws, 'HQ'));
      ws.close();
    }
    t = process.hrtime.bigint();
    for (const b of bundles) deliver(b, hub);
    const total = seconds(t);
    t = process.hrtime.bigint();
    const hubIndexed = indexPendingSearch(hub).indexed;
    const hubIndexSeconds = seconds(t);
    results.storeBundles = {
      stores: STORES,
      changesEach: STORE_CHANGES,
      applySeconds: total,
      perBundleSeconds: total / STORES,
      searchDocumentsAfter: hubIndexed,
      searchIndexSeconds: hubIndexSeconds,
      hqFileBytes: statSync(hub.path).size,
    };
    hub.close();
  }
  // 3. A store holding R of HQ's customers (scope all) whose scope narrows to its own 门店 (none):
  //    every one is removed with everything hanging from it, in one transaction.
  if (REMOVAL > 0) {
    const hub = network(join(root, 'removal-hq.kecard'));
    generateDemo(hub, user, { customers: REMOVAL, seed: 7, ordersPerCustomer: 2, salesUntil: '2026-06-30' });
    const shop = enrol(hub, join(root, 'removal-store.kecard'), 'NJ01');
    changeStoreScope(hub, 'NJ01', { customers: 'all' });
    deliver(makeBundle(shop, 'HQ'), hub);
    deliver(makeBundle(hub, 'NJ01'), shop);
    deliver(makeBundle(shop, 'HQ'), hub);
    const count = (table: string): number => (shop.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const held = { customers: count('customers'), departments: count('departments'), orders: count('orders'), receipts: count('receipts') };
    changeStoreScope(hub, 'NJ01', { customers: 'own' });
    const removal = makeBundle(hub, 'NJ01');
    t = process.hrtime.bigint();
    deliver(removal, shop);
    const removalSeconds = seconds(t);
    results.scopeRemoval = { held, removalSeconds, customersLeft: count('customers') };
    shop.close();
    hub.close();
  }
  // 4. A workspace with J customers of its own joins as a store: each customer gets the store's
  //    门店, one logged update each, in the joining transaction.
  if (JOIN > 0) {
    const hub = network(join(root, 'join-hq.kecard'));
    const joining = openWorkspace(join(root, 'join-store.kecard'), { create: true });
    generateDemo(joining, user, { customers: JOIN, seed: 9 });
    const { invitation } = inviteStore(hub, { code: 'SZ01', name: 'SZ01' });
    t = process.hrtime.bigint();
    joinNetwork(joining, user, invitation);
    const joinSeconds = seconds(t);
    const claimed = (joining.db.prepare("SELECT count(*) FROM customers WHERE store_code = 'SZ01'").get() as { 'count(*)': number })['count(*)'];
    results.joinWithCustomers = { customers: JOIN, claimed, joinSeconds };
    joining.close();
    hub.close();
  }
  results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  results.loadAverageAtEnd = loadavg();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  if (!values.dir) rmSync(root, { recursive: true, force: true });
}
