import { spawn } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { versionVector } from '../../../src-main/changelog/site-identity';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

const HOUR = 3_600_000;
const root = join(import.meta.dirname, '..', '..', '..');

let ws: Workspace;
let path: string;
let cleanup: () => void;
beforeEach(() => ({ ws, path, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

interface Stamped {
  n: number;
  seq: number;
  hlc: number;
  site: number;
}
const logRows = (db: Workspace['db']) => db.prepare('SELECT n, seq, hlc, site FROM change_log ORDER BY n').all() as Stamped[];

/** What one clock per workspace promises: in commit order, stamps rise and numbers run 1, 2, 3 … */
function expectOneClock(rows: Stamped[]): void {
  rows.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
    if (i > 0) expect(r.hlc).toBeGreaterThan(rows[i - 1]!.hlc);
  });
  expect(new Set(rows.map((r) => r.site)).size).toBe(1);
}

describe('one clock per workspace', () => {
  it('a connection whose wall clock is hours behind still stamps after one that ran ahead', () => {
    const ahead = openWorkspace(path, { wallClock: () => Date.now() + 2 * HOUR });
    const behind = openWorkspace(path, { wallClock: () => Date.now() - 2 * HOUR });
    try {
      const c = createCustomer(ahead, testUser, { name: '时钟有限公司', industry: '制造' });
      // Later in real time, on the slow connection: must sort later, or a merge would bring back 制造.
      updateCustomer(behind, testUser, c.id, { industry: '贸易' });
      updateCustomer(ws, testUser, c.id, { industry: '服务' });
      expectOneClock(logRows(ws.db));
    } finally {
      ahead.close();
      behind.close();
    }
  });

  it('holds for any interleaving of writers with skewed clocks (property)', () => {
    const skews = [0, 5 * HOUR, -5 * HOUR, 1, -1];
    const conns = skews.map((skew) => openWorkspace(path, { wallClock: () => Date.now() + skew }));
    try {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: skews.length - 1 }), { minLength: 1, maxLength: 20 }), (writers) => {
          for (const w of writers) createCustomer(conns[w]!, testUser, { name: `客户${w}` });
          expectOneClock(logRows(ws.db));
        }),
        { numRuns: 60 },
      );
    } finally {
      for (const c of conns) c.close();
    }
  });

  it('holds across processes with skewed clocks writing at the same time', async () => {
    const run = (skew: number, count: number) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(root, 'tests', 'support', 'skewed-writer.ts'), path, String(skew), String(count)],
          { cwd: root },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`writer ${skew} exited ${code}: ${err}`))));
      });
    const writers = Promise.all([run(3 * HOUR, 40), run(-3 * HOUR, 40)]);
    for (let i = 0; i < 20; i += 1) {
      createCustomer(ws, testUser, { name: `主进程客户${i}` });
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await writers).toEqual(['done 40', 'done 40']);
    const rows = logRows(ws.db);
    expect(rows).toHaveLength(100);
    expectOneClock(rows);
    expect(versionVector(ws.db)).toEqual({ [ws.siteId]: 100 });
  }, 60_000);

  it('a rolled-back write leaves no gap in the numbers', () => {
    createCustomer(ws, testUser, { name: '第一有限公司' });
    expect(() => createCustomer(ws, testUser, { name: '' })).toThrow();
    expect(() =>
      ws.db.transaction(() => {
        createCustomer(ws, testUser, { name: '回滚有限公司' });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    createCustomer(ws, testUser, { name: '第二有限公司' });
    expectOneClock(logRows(ws.db));
    expect(logRows(ws.db)).toHaveLength(2);
  });
});
