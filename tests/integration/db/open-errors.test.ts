import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../src-main/router/router';
import type { Handlers } from '../../../src-main/router/handlers';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { MAIN_BUSY_TIMEOUT_MS } from '../../../src-main/db/pragmas';
import { codeForSqliteError } from '../../../src-main/db/sqlite-errors';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { tempDir, testUser } from '../../support/temp-workspace';

// What is wrong with the surroundings is said as such: a read-only folder, a full disk, a busy
// file or an empty file is never "damaged" (which offers a restore) nor "internal".
const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  for (const sub of readdirSync(dir)) chmodSync(join(dir, sub), 0o755);
  cleanup();
});

describe('opening a workspace in the wrong surroundings', () => {
  it('reports a healthy file in a read-only folder as read-only, not damaged', () => {
    const folder = join(dir, 'readonly');
    mkdirSync(folder);
    const path = join(folder, 'shop.kecard');
    const ws = openWorkspace(path, { create: true });
    createCustomer(ws, testUser, { name: '只读文件夹里的客户' });
    ws.close();
    mkdirSync(join(dir, 'data'));
    // root may write anywhere: the folder is read-only for the (unprivileged) user who opens it.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if ('uid' in asUser) for (const p of [dir, folder, path, join(dir, 'data')]) chownSync(p, 65534, 65534);
    chmodSync(dir, 0o755);
    chmodSync(folder, 0o555);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests', 'support', 'open-report.ts'), join(dir, 'data'), path], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: dir },
      ...asUser,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ app: 'WORKSPACE_READ_ONLY', worker: 'WORKSPACE_READ_ONLY' });
  });

  it('refuses an existing empty file instead of quietly making it a workspace; an explicit create may', () => {
    const path = join(dir, 'empty.kecard');
    writeFileSync(path, '');
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      expect(() => host.open(path)).toThrow(expect.objectContaining({ code: 'WORKSPACE_EMPTY' }));
      expect(statSync(path).size).toBe(0);
      expect(host.create(path).customerCount).toBe(0);
      expect(statSync(path).size).toBeGreaterThan(0);
    } finally {
      host.dispose();
    }
  });

  it('a write from main that cannot get the lock fails fast as WORKSPACE_BUSY instead of freezing main', () => {
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      const { path } = host.create(join(dir, 'busy.kecard'));
      const writer = new Database(path);
      writer.exec('BEGIN IMMEDIATE');
      const dispatch = createRouter({
        'customers.create': ({ values }: { values: { name: string } }) => createCustomer(host.workspace, host.context, values),
      } as unknown as Handlers);
      const started = Date.now();
      return dispatch('customers.create', { values: { name: '等不到锁的客户' } }, host.context).then((envelope) => {
        // Main waited only its short busy timeout (5 s before): the UI stays responsive and says why.
        expect(Date.now() - started).toBeLessThan(MAIN_BUSY_TIMEOUT_MS + 2_000);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'WORKSPACE_BUSY' } });
        writer.exec('ROLLBACK');
        writer.close();
      });
    } finally {
      host.dispose();
    }
  });

  it('maps every environmental SQLite error to its own code, none to INTERNAL', async () => {
    const cases: [string, string][] = [
      ['SQLITE_READONLY', 'WORKSPACE_READ_ONLY'],
      ['SQLITE_READONLY_DIRECTORY', 'WORKSPACE_READ_ONLY'],
      ['SQLITE_FULL', 'DISK_FULL'],
      ['SQLITE_BUSY', 'WORKSPACE_BUSY'],
      ['SQLITE_BUSY_SNAPSHOT', 'WORKSPACE_BUSY'],
      ['SQLITE_LOCKED', 'WORKSPACE_BUSY'],
      ['SQLITE_CANTOPEN', 'WORKSPACE_CANNOT_OPEN'],
      ['SQLITE_CORRUPT', 'WORKSPACE_CORRUPT'],
      ['SQLITE_NOTADB', 'WORKSPACE_NOT_KECARD'],
      ['SQLITE_IOERR_WRITE', 'WORKSPACE_IO'],
      ['ENOSPC', 'DISK_FULL'],
    ];
    for (const [sqlite, code] of cases) expect(codeForSqliteError(Object.assign(new Error('x'), { code: sqlite }))).toBe(code);
    // Through the router, as the UI receives it.
    const dispatch = createRouter(
      {
        'workspace.info': () => {
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        },
      } as unknown as Handlers,
      () => undefined,
    );
    expect(await dispatch('workspace.info', {}, testUser)).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
  });
});
