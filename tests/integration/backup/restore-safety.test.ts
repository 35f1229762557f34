import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../src-main/app/compose-app';
import { backupDir, createBackup, listBackups } from '../../../src-main/backup/backup-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { startHolder, type HolderProcess } from '../../support/holder-process';
import { tempDir, testUser } from '../../support/temp-workspace';

// A restore replaces the whole file: it must never do so under another process (whose writes
// would vanish), never lose what is still in the WAL, and a refused one changes nothing.
const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'main', 'cli.mjs');

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
  cleanup();
});

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace with one customer and a manual backup of that state. */
async function workspaceWithBackup(name: string): Promise<{ path: string; backup: string }> {
  const path = join(dir, name);
  const ws = openWorkspace(path, { create: true });
  createCustomer(ws, testUser, { name: '备份里的客户' });
  const backup = (await createBackup(ws, 'manual')).file;
  ws.close();
  return { path, backup };
}

function namesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM customers').pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

describe('restore', () => {
  it('is refused while another process has the workspace open, so a write that returned ok stays', { timeout: 90_000 }, async () => {
    const { path, backup } = await workspaceWithBackup('shared.kecard');
    holder = await startHolder(join(dir, 'data'), path);
    expect(await holder.ask('write 刚保存的客户')).toMatch(/^ok /);

    const restore = kecard('restore', '--workspace', path, '--backup', backup, '--json');
    expect(JSON.parse(restore.stdout)).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED' } });
    expect(restore.code).toBe(1);
    // Nothing was replaced: the holder goes on, and its write is in the file.
    expect(await holder.ask('write 又一个客户')).toMatch(/^ok /);
    expect(await holder.ask('names')).toBe(`names ${JSON.stringify(['备份里的客户', '刚保存的客户', '又一个客户'])}`);
    expect(listBackups(path).map((b) => b.reason)).toEqual(['manual']);

    // The same from an app: refused, and its own open workspace is untouched.
    const other = new AppHost({ dataDir: join(dir, 'data-b'), shell: 'electron' });
    await expect(other.restoreBackup(backup, path)).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED' });
    other.dispose();
    await holder.ask('exit').catch(() => undefined);
    await holder.exited;
    holder = null;
    expect(namesIn(path)).toEqual(['备份里的客户', '又一个客户', '刚保存的客户'].sort());
  });

  it('keeps a safety copy with the work of a killed app that was still in the WAL', { timeout: 90_000 }, async () => {
    const { path, backup } = await workspaceWithBackup('killed.kecard');
    holder = await startHolder(join(dir, 'data'), path);
    expect(await holder.ask('write 最后提交的客户')).toMatch(/^ok /);
    holder.kill('SIGKILL');
    await holder.exited;
    holder = null;
    // Committed, but only in the WAL: the main file alone does not have it.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    const restore = kecard('restore', '--workspace', path, '--backup', backup, '--json');
    expect(restore.code, restore.stderr + restore.stdout).toBe(0);
    expect(namesIn(path)).toEqual(['备份里的客户'].sort());
    const safety = listBackups(path).find((b) => b.reason === 'restore');
    expect(safety).toBeDefined();
    expect(namesIn(join(backupDir(path), safety?.file ?? ''))).toEqual(['备份里的客户', '最后提交的客户'].sort());
  });

  it('refused (bad name, missing or damaged backup), it leaves the open workspace open and working', async () => {
    const { path, backup } = await workspaceWithBackup('open.kecard');
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      host.open(path);
      createCustomer(host.workspace, host.context, { name: '未备份的客户' });
      await expect(host.restoreBackup('../../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(host.restoreBackup(backup.replace('.manual.', '.import.'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const damaged = backup.replace('.manual.', '.bulk.');
      writeFileSync(join(backupDir(path), damaged), 'not a database');
      await expect(host.restoreBackup(damaged)).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT' });

      expect(host.hasWorkspace).toBe(true);
      createCustomer(host.workspace, host.context, { name: '之后的客户' });
      expect(host.info()?.customerCount).toBe(3);
      expect(listBackups(path).some((b) => b.reason === 'restore')).toBe(false);

      // A good one goes through, keeping what it replaced.
      expect((await host.restoreBackup(backup)).customerCount).toBe(1);
      const safety = listBackups(path).find((b) => b.reason === 'restore');
      expect(namesIn(join(backupDir(path), safety?.file ?? ''))).toEqual(['之后的客户', '备份里的客户', '未备份的客户'].sort());
      expect(existsSync(`${path}.restoring`)).toBe(false);
    } finally {
      host.dispose();
    }
  });

  it('is refused while a job of the app itself writes to the workspace', { timeout: 90_000 }, async () => {
    const { path, backup } = await workspaceWithBackup('job.kecard');
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: pathToFileURL(join(root, 'dist', 'main') + '/') });
    try {
      app.host.open(path);
      const started = await app.dispatch('demo.generate', { customers: 200_000, seed: 3, target: 'current' }, app.host.context);
      expect(started.ok).toBe(true);
      expect(await app.dispatch('backups.restore', { file: backup }, app.host.context)).toMatchObject({
        ok: false,
        error: { code: 'WORKSPACE_BUSY', details: { jobs: ['demo'] } },
      });
      expect(app.host.hasWorkspace).toBe(true);
    } finally {
      await app.dispose();
    }
  });
});
