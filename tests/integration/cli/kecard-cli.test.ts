import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src-main/db/migrations-folder';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { generateDemo } from '../../../src-main/demo/generate-demo';
import { demoSnapshot } from '../../support/demo-snapshot';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// End to end through the bundled CLI, as a user or a script would run it.
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
// dist/main/cli.mjs is built once for all test files by tests/support/build-once.ts.
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

interface Info {
  path: string;
  siteId: string;
  schemaVersion: number;
  counts: { customers: number; contacts: number; departments: number; employees: number; changeLog: number };
  fileSizeBytes: number;
}
interface DemoOut {
  customers: number;
  departments: number;
  contacts: number;
  employees: number;
  created: boolean;
}

describe('kecard CLI', () => {
  it('builds a demo workspace and reports it with info --json', () => {
    const file = join(dir, 'demo.kecard');
    // 6,000 customers is above the threshold where the worker builds customers on a second thread.
    const demo = kecard('demo', '--workspace', file, '--customers', '6000', '--seed', '4', '--json');
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stderr).toBe('');
    const made = json<{ ok: true; value: DemoOut }>(demo.stdout).value;
    expect(made).toMatchObject({ customers: 6000, created: true });

    const info = kecard('info', '--workspace', file, '--json');
    expect(info.code, info.stderr).toBe(0);
    const value = json<{ ok: true; value: Info }>(info.stdout).value;
    expect(value.path).toBe(file);
    expect(value.siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(value.schemaVersion).toBe(latestSchemaVersion());
    expect(value.counts).toEqual({
      customers: 6000,
      contacts: made.contacts,
      departments: made.departments,
      employees: made.employees,
      changeLog: 6000 + made.contacts + made.departments + made.employees,
    });
    expect(value.fileSizeBytes).toBeGreaterThan(1_000_000);

    // The threaded worker and the in-process generator build the same content from one seed.
    const local = tempWorkspace();
    try {
      generateDemo(local.ws, testUser, { customers: 6000, seed: 4 });
      const ws = openWorkspace(file);
      try {
        expect(demoSnapshot(ws.db)).toEqual(demoSnapshot(local.ws.db));
      } finally {
        ws.close();
      }
    } finally {
      local.cleanup();
    }

    const search = kecard('search', '--workspace', file, 'KH0000042', '--json');
    expect(search.code).toBe(0);
    expect(json<{ value: { hits: { code: string }[] } }>(search.stdout).value.hits.map((h) => h.code)).toContain('KH0000042');
    expect(kecard('info', '--workspace', file).stdout).toContain('6,000');
  }, 120_000);

  it('refuses a file that is not a Kecard workspace, leaving it untouched', () => {
    const text = join(dir, 'notes.kecard');
    writeFileSync(text, 'just some text, not a database');
    const r = kecard('info', '--workspace', text);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法打开工作区 / Cannot open workspace');
    expect(r.stderr).toContain('not a Kecard workspace');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(text, 'utf8')).toBe('just some text, not a database');

    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = readFileSync(other);
    const demo = kecard('demo', '--workspace', other, '--customers', '5', '--json');
    expect(demo.code).toBe(1);
    expect(json<{ ok: false; error: { code: string } }>(demo.stdout)).toMatchObject({ ok: false, error: { code: 'WORKSPACE_NOT_KECARD' } });
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it('reports usage mistakes with exit code 2', () => {
    expect(kecard('demo', '--workspace', join(dir, 'x.kecard'), '--customers', '0').code).toBe(2);
    expect(kecard('demo', '--workspace', join(dir, 'x.kecard'), '--customers', 'many').code).toBe(2);
    expect(kecard('info').code).toBe(2);
    expect(kecard('frobnicate').stderr).toContain('unknown command');
    expect(kecard('info', '--workspace', join(dir, 'x.kecard'), '--bogus').code).toBe(2);
    const help = kecard('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('kecard <command>');
  });

  it('cancels on Ctrl+C (SIGINT) and leaves the workspace unchanged', async () => {
    const file = join(dir, 'cancel.kecard');
    expect(kecard('demo', '--workspace', file, '--customers', '3').code).toBe(0);
    const child = spawn(process.execPath, [cliFile, 'demo', '--workspace', file, '--customers', '500000'], { cwd: root });
    let stderr = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/Generating demo data: [1-9]/.test(stderr)) resolve();
      });
    });
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr).toContain('Cancelled; the workspace is unchanged.');
    const info = json<{ value: Info }>(kecard('info', '--workspace', file, '--json').stdout).value;
    expect(info.counts.customers).toBe(3);
  }, 120_000);
});
