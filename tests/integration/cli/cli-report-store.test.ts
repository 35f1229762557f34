import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-workspace';

// `kecard report KIND --store CODE`: HQ's scripts read a report for one 门店, as the app does.
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, KECARD_HOME: join(dir, 'home') },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Envelope {
  ok: boolean;
  value?: { request: Record<string, unknown>; result: unknown };
  error?: { code: string };
}

describe('kecard report --store', () => {
  it('reads a report for one store, upper-casing the code; a code of the wrong shape is refused', () => {
    const file = join(dir, 'hq.kecard');
    expect(kecard('init', '-w', file).code).toBe(0);
    expect(kecard('site', 'create-network', '--code', 'HQ', '--name', '总部', '-w', file).code).toBe(0);
    for (const code of ['NJ01', 'SH01']) {
      const r = kecard('site', 'invite', '--code', code, '--name', code, '--out', join(dir, `${code}.kcinvite`), '-w', file);
      expect(r.code, r.stderr).toBe(0);
    }
    for (const [name, storeCode, relationshipLevel] of [
      ['南京甲', 'NJ01', 3],
      ['南京乙', 'NJ01', 4],
      ['上海丙', 'SH01', 3],
    ] as const) {
      const r = kecard('call', 'customers.create', JSON.stringify({ values: { name, storeCode, relationshipLevel } }), '-w', file);
      expect(r.code, r.stderr).toBe(0);
    }
    const run = (...extra: string[]) => JSON.parse(kecard('report', 'relationship', '-w', file, '--json', ...extra).stdout) as Envelope;
    expect(run().value?.result).toEqual([
      { level: 3, customers: 2 },
      { level: 4, customers: 1 },
    ]);
    const nanjing = run('--store', 'nj01');
    expect(nanjing.value?.request).toEqual({ kind: 'relationship', store: 'nj01' });
    expect(nanjing.value?.result).toEqual([
      { level: 3, customers: 1 },
      { level: 4, customers: 1 },
    ]);
    expect(run('--store', 'SH01').value?.result).toEqual([{ level: 3, customers: 1 }]);
    const bad = kecard('report', 'relationship', '-w', file, '--json', '--store', '南京店');
    expect(bad.code).toBe(1);
    expect((JSON.parse(bad.stdout) as Envelope).error?.code).toBe('VALIDATION');
  }, 180_000);
});
