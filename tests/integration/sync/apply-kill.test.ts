import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWrite } from '../../../src-main/changelog/write-tx';
import { insertCustomer } from '../../../src-main/services/customers/customer-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { enrolledNetwork } from '../../support/sync-sites';
import { mulberry32 } from '../../support/seeded-random';
import { tempDir, testUser } from '../../support/temp-workspace';

// kill -9 during the apply of a bundle (issue 18, "Done means"): a real `kecard sync import`
// process is killed at random moments; each time HQ's file is as before or as after the whole
// bundle, and sound; then the same bundle applies.
const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'main', 'cli.mjs');
const CUSTOMERS = 10_000;

let dir: string;
let cleanup: () => void;
let hqPath: string;
let pristine: string;
let bundleFiles: string[];
let bundleNumber: number;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const { hq, stores } = enrolledNetwork(dir, ['NJ01']);
  const store = stores[0];
  if (!store) throw new Error('no store');
  runWrite(store, testUser, (tx) => {
    for (let i = 0; i < CUSTOMERS; i += 1)
      insertCustomer(tx, { name: `门店客户${i}有限公司`, phones: [`139${String(i).padStart(8, '0')}`] } as never);
  });
  const made = makeBundle(store, 'HQ');
  // The store's first bundle (its enrolment) was number 1.
  bundleNumber = made.header.number;
  bundleFiles = made.files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes);
    return path;
  });
  hqPath = hq.path;
  hq.close();
  store.close();
  pristine = join(dir, 'hq-pristine.kecard');
  copyFileSync(hqPath, pristine);
}, 120_000);
afterAll(() => cleanup());

function state(): { customers: number; log: number; received: number; integrity: string } {
  const db = new Database(hqPath, { readonly: true });
  try {
    return {
      customers: db.prepare('SELECT count(*) FROM customers').pluck().get() as number,
      log: db.prepare('SELECT count(*) FROM change_log').pluck().get() as number,
      received: db.prepare('SELECT received_number FROM sync_partners').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('killing the apply of a bundle', () => {
  it('leaves HQ as before or as after, sound, and the bundle applies afterwards', async () => {
    const before = state();
    const random = mulberry32(20261206);
    let killedBefore = 0;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      for (const suffix of ['', '-wal', '-shm', '-journal', '.lock']) rmSync(`${hqPath}${suffix}`, { force: true });
      copyFileSync(pristine, hqPath);
      const child = spawn(process.execPath, [cli, 'sync', 'import', ...bundleFiles, '--workspace', hqPath], { cwd: root, stdio: 'ignore' });
      // The CLI starts in about half a second and applies 10k changes in one to a few seconds.
      await new Promise((r) => setTimeout(r, 200 + random() * 1500));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const now = state();
      expect(now.integrity).toBe('ok');
      if (now.customers === before.customers) {
        expect(now).toEqual(before);
        killedBefore += 1;
      } else {
        expect(now.customers).toBe(before.customers + CUSTOMERS);
        expect(now.received).toBe(bundleNumber);
      }
    }
    // The kills must have caught the apply unfinished at least once, or the test proves nothing.
    expect(killedBefore).toBeGreaterThan(0);

    const done = spawnSync(process.execPath, [cli, 'sync', 'import', ...bundleFiles, '--workspace', hqPath, '--json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(done.status).toBe(0);
    const after = state();
    expect(after.customers).toBe(before.customers + CUSTOMERS);
    expect(after.integrity).toBe('ok');
  }, 300_000);
});
