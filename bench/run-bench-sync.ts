// `npm run bench:sync`: the sync figures of issue 18 (docs/performance.md, "Sync"). Not a test.
//
//   export / apply of N changes (a store's first bundle: N customers made at the store), bytes
//   per change, apply compared with plain prepared inserts of the same rows in the same run, and
//   HQ applying S store bundles of M changes each. Workspaces live in a temp folder, removed after.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../src-main/db/open-workspace';
import type { Workspace } from '../src-main/db/workspace';
import { runWrite } from '../src-main/changelog/write-tx';
import { demoCustomer } from '../src-main/demo/demo-records';
import { insertCustomer } from '../src-main/services/customers/customer-service';
import { readBundleHeader } from '../src-main/sync/bundle/bundle-file';
import { applyBundle } from '../src-main/sync/exchange/apply-bundle';
import { makeBundle, type MadeBundle } from '../src-main/sync/exchange/make-bundle';
import { createNetwork, inviteStore, joinNetwork } from '../src-main/sync/network/network-service';
import { localUserContext } from '../src-main/workspace/app-host';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '100000' },
    stores: { type: 'string', default: '50' },
    'store-changes': { type: 'string', default: '10000' },
    dir: { type: 'string', default: '' },
  },
});
const CHANGES = Number(values.changes);
const STORES = Number(values.stores);
const STORE_CHANGES = Number(values['store-changes']);
const user = localUserContext();
const root = values.dir || mkdtempSync(join(tmpdir(), 'kecard-bench-sync-'));

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
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

const results: Record<string, unknown> = {};
try {
  // 1. A store's first bundle: N changes.
  const hq = network(join(root, 'hq.kecard'));
  const store = enrol(hq, join(root, 'store.kecard'), 'NJ01');
  let t = process.hrtime.bigint();
  fill(store, CHANGES, 1);
  const writeSeconds = seconds(t);
  t = process.hrtime.bigint();
  const first = makeBundle(store, 'HQ');
  const exportSeconds = seconds(t);
  const bundleBytes = first.files.reduce((n, f) => n + f.bytes.length, 0);
  t = process.hrtime.bigint();
  deliver(first, hq);
  const applySeconds = seconds(t);

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
    applySeconds,
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
    results.storeBundles = {
      stores: STORES,
      changesEach: STORE_CHANGES,
      applySeconds: total,
      perBundleSeconds: total / STORES,
      hqFileBytes: statSync(hub.path).size,
    };
    hub.close();
  }
  results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  if (!values.dir) rmSync(root, { recursive: true, force: true });
}
