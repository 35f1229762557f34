import Database from 'better-sqlite3-multiple-ciphers';
import i18next, { type TFunction } from 'i18next';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiErrorOf } from '../../../src-shared/errors';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { startHolder, type HolderProcess } from '../../support/holder-process';
import { createRouter } from '../../../src-main/router/router';
import type { Handlers } from '../../../src-main/router/handlers';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { MAIN_BUSY_TIMEOUT_MS } from '../../../src-main/db/pragmas';
import { codeForSqliteError } from '../../../src-main/db/sqlite-errors';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { tempDir, testUser } from '../../support/temp-workspace';

// What is wrong with the surroundings is said as such: a read-only folder, a full disk, a busy
// file or an empty file is never "damaged" (which offers a restore) nor "internal".
const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let cleanup: () => void;
let holder: HolderProcess | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  if (holder) {
    holder.kill();
    await holder.exited;
    holder = null;
  }
  for (const sub of readdirSync(dir)) chmodSync(join(dir, sub), 0o755);
  cleanup();
});

/** The sentence the UI shows for an error envelope (the renderer's own apiErrorText, in Chinese). */
let say: (error: { code: string; message: string; details?: unknown }) => string;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  // The renderer's error module reaches for the bridge when loaded; a stand-in window is enough.
  vi.stubGlobal('window', { kecard: { call: () => undefined, onEvent: () => () => undefined } });
  // Loaded by a computed path: the renderer's module is browser code, outside main's type check.
  const rendererErrors = '../../../src-renderer/api/errors';
  const { apiErrorText } = (await import(/* @vite-ignore */ rendererErrors)) as {
    apiErrorText: (t: TFunction, error: { code: string; message: string; details?: unknown }) => string;
  };
  const t = instance.t as TFunction;
  say = (error) => apiErrorText(t, error);
});

const customerHandlers = (ws: () => Workspace) =>
  ({ 'customers.create': ({ values }: { values: { name: string } }) => createCustomer(ws(), testUser, values) }) as unknown as Handlers;

/** Garbage over a real workspace's bytes, from `offset`, every other 4 KB page to the end when `pages`. */
function scribble(path: string, offset: number, length: number, everyOtherPage = false): void {
  const fd = openSync(path, 'r+');
  try {
    const size = statSync(path).size;
    for (let at = offset; at < (everyOtherPage ? size : offset + 1); at += 8192) writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at);
  } finally {
    closeSync(fd);
  }
}

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

  it('a full disk on a service write: DISK_FULL with its Chinese sentence, nothing half-written', async () => {
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      host.create(join(dir, 'full.kecard'));
      const db = host.workspace.db;
      createCustomer(host.workspace, host.context, { name: '磁盘满之前的客户' });
      db.pragma('wal_checkpoint(TRUNCATE)');
      // SQLite's own limit on the file's pages: the next page it needs gets SQLITE_FULL, exactly
      // as a full disk does.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const dispatch = createRouter(
        customerHandlers(() => host.workspace),
        () => undefined,
        { workspacePath: () => host.workspacePath },
      );
      const envelope = await dispatch('customers.create', { values: { name: '磁盘满时的客户', notes: '长'.repeat(5_000) } }, host.context);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      if (envelope.ok) return;
      expect(say(envelope.error)).toBe('磁盘已满，刚才的操作未保存。请清理磁盘空间后重试。');
      const names = (db.prepare('SELECT name FROM customers').all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(['磁盘满之前的客户']);
      db.pragma('max_page_count = 1073741823');
      expect(await dispatch('customers.create', { values: { name: '清理之后的客户' } }, host.context)).toMatchObject({ ok: true });
    } finally {
      host.dispose();
    }
  });

  it('a full disk at open: DISK_FULL from the app and from a worker, not an I/O error or INTERNAL', { timeout: 60_000 }, () => {
    const source = join(dir, 'source.kecard');
    const ws = openWorkspace(source, { create: true });
    createCustomer(ws, testUser, { name: '满盘上的客户' });
    ws.close();
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    mkdirSync(join(dir, 'data'));
    // A real full file system: a small tmpfs in a private mount namespace (unshare works for
    // an unprivileged user too), the workspace copied in and the rest filled up.
    const size = statSync(source).size + 64 * 1024;
    const script = [
      `mount -t tmpfs -o size=${size} tmpfs "${disk}"`,
      `cp "${source}" "${disk}/shop.kecard"`,
      `head -c 1000000000 /dev/zero > "${disk}/filler" 2>/dev/null`,
      `exec "${process.execPath}" --import tsx "${join(root, 'tests', 'support', 'open-report.ts')}" "${join(dir, 'data')}" "${disk}/shop.kecard"`,
    ].join('; ');
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    // Before: the app's lock file failed to write (INTERNAL, an empty lock left behind) and a
    // worker's -shm could not grow (SQLITE_IOERR_SHMSIZE → WORKSPACE_IO).
    expect(JSON.parse(r.stdout)).toEqual({ app: 'DISK_FULL', worker: 'DISK_FULL' });
  });

  it('cannot open: a path through a regular file, a folder chosen as the file — WORKSPACE_CANNOT_OPEN, not INTERNAL', () => {
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, '不是文件夹');
    const through = join(plain, 'shop.kecard');
    const folder = join(dir, 'folder.kecard');
    mkdirSync(folder);
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      for (const attempt of [
        () => host.create(through),
        () => openWorkspace(through, { create: true }),
        () => host.open(folder),
        () => openWorkspace(folder),
      ]) {
        let error: unknown = null;
        try {
          attempt();
        } catch (err) {
          error = err;
        }
        const api = apiErrorOf(error);
        expect(api.code).toBe('WORKSPACE_CANNOT_OPEN');
        expect(say(api)).toMatch(/^无法打开该文件：/);
      }
      expect(existsSync(`${folder}.lock`)).toBe(false);
    } finally {
      host.dispose();
    }
  });

  it('a truly damaged workspace: pages overwritten → WORKSPACE_CORRUPT (restore offered), header overwritten → not a workspace', () => {
    const make = (name: string) => {
      const path = join(dir, name);
      const ws = openWorkspace(path, { create: true });
      for (let i = 0; i < 200; i += 1) createCustomer(ws, testUser, { name: `受损客户${i}`, notes: '备注'.repeat(200) });
      ws.close();
      return path;
    };
    const pages = make('pages.kecard');
    scribble(pages, 4096, 4096, true);
    const header = make('header.kecard');
    scribble(header, 16, 84);
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      const outcome = (path: string) => {
        try {
          host.open(path);
          return null;
        } catch (err) {
          return apiErrorOf(err);
        }
      };
      const damaged = outcome(pages);
      expect(damaged).toMatchObject({ code: 'WORKSPACE_CORRUPT', details: { path: pages } });
      expect(say(damaged!)).toBe('该工作区文件已损坏，未打开。');
      expect(outcome(header)).toMatchObject({ code: 'WORKSPACE_NOT_KECARD' });
      // Neither file was touched by the attempt, and no lock stayed behind.
      expect(existsSync(`${pages}.lock`) || existsSync(`${header}.lock`)).toBe(false);
    } finally {
      host.dispose();
    }
  });

  it('busy at run time names who holds the workspace: app, user, machine, pid', { timeout: 90_000 }, async () => {
    const path = join(dir, 'shared.kecard');
    openWorkspace(path, { create: true }).close();
    holder = await startHolder(join(dir, 'data-holder'), path);
    expect(await holder.ask('begin')).toBe('ok');
    // This process writes without the workspace lock, as a worker does, and meets the holder's
    // write transaction.
    const ws = openWorkspace(path, { busyTimeoutMs: MAIN_BUSY_TIMEOUT_MS });
    try {
      const dispatch = createRouter(
        customerHandlers(() => ws),
        () => undefined,
        { workspacePath: () => ws.path },
      );
      const envelope = await dispatch('customers.create', { values: { name: '等锁的客户' } }, testUser);
      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'WORKSPACE_BUSY', details: { path, app: 'browser', user: userInfo().username, host: hostname(), pid: holder.pid } },
      });
      if (envelope.ok) return;
      const text = say(envelope.error);
      expect(text).toContain(`${userInfo().username} 在 ${hostname()} 上的客卡浏览器版（进程 ${holder.pid}）`);
      expect(text).toMatch(/^工作区正忙/);
    } finally {
      ws.close();
    }
    expect(await holder.ask('rollback')).toBe('ok');
  });
});
