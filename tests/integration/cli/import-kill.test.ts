import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { mulberry32 } from '../../support/seeded-random';
import { tempDir, testUser } from '../../support/temp-workspace';

// Kills a real `kecard import` process at random moments and checks that the workspace is exactly
// as before each time and passes integrity_check; then lets one run finish, to prove the file
// would have been imported.
const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'main', 'cli.mjs');
const ROWS = 40_000;

let dir: string;
let cleanup: () => void;
let workspace: string;
let csv: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  workspace = join(dir, 'kill.kecard');
  const ws = openWorkspace(workspace, { create: true });
  createCustomer(ws, testUser, { name: '原有客户有限公司', code: 'OLD-1' });
  ws.close();
  csv = join(dir, 'big.csv');
  writeFileSync(
    csv,
    [
      '客户名称,客户编号,手机,城市',
      ...Array.from({ length: ROWS }, (_, i) => `导入测试${i}贸易有限公司,IMP${i},139${String(i).padStart(8, '0')},杭州`),
    ].join('\n'),
  );
});
afterAll(() => cleanup());

function state(): { customers: number; log: number; integrity: string } {
  const db = new Database(workspace, { readonly: true });
  try {
    return {
      customers: db.prepare('SELECT count(*) FROM customers').pluck().get() as number,
      log: db.prepare('SELECT count(*) FROM change_log').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('killing an import', () => {
  it('leaves the workspace unchanged and sound, whenever it happens', async () => {
    const before = state();
    const random = mulberry32(20261123);
    const phasesSeen = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // Two kills at a random moment of the start (opening, the backup, the first rows), three
      // while rows are being written (on two threads: the CLI reads and prepares the file on a
      // second one); the moment within each is random. Writing is recognised from the CLI's
      // progress lines, so the test does not depend on how fast this machine is.
      const phase = attempt < 2 ? 'start' : '导入 / Importing';
      const child = spawn(process.execPath, [cli, 'import', '--workspace', workspace, '--file', csv], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (phase === 'start' || stderr.includes(phase)) {
            clearInterval(poll);
            resolve();
          }
        }, 5);
        child.once('exit', () => {
          clearInterval(poll);
          reject(new Error(`the import ended before its ${phase} phase was seen:\n${stderr}`));
        });
      });
      await new Promise((r) => setTimeout(r, random() * (attempt < 2 ? 600 : 250)));
      phasesSeen.add(phase);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(state()).toEqual(before);
    }
    expect([...phasesSeen].sort()).toEqual(['start', '导入 / Importing']);

    const done = spawnSync(process.execPath, [cli, 'import', '--workspace', workspace, '--file', csv, '--json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(done.status).toBe(0);
    const after = state();
    expect(after.customers).toBe(before.customers + ROWS);
    expect(after.integrity).toBe('ok');
  }, 300_000);
});
