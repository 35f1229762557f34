import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { composeApp } from '../../../src-main/app/compose-app';
import { backupDir, createBackup, listBackups } from '../../../src-main/backup/backup-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { defaultWorkspacePath } from '../../../src-main/workspace/user-paths';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const mode = (path: string) => statSync(path).mode & 0o777;

/** A workspace large enough (about 40 MB) that its backup takes many steps. */
function largeWorkspace(path: string): void {
  const ws = openWorkspace(path, { create: true });
  createCustomer(ws, testUser, { name: '大文件的客户' });
  ws.close();
  // Filler pages only make the copy long; they are not user data.
  const db = new Database(path);
  db.exec(
    'CREATE TABLE filler (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO filler SELECT randomblob(4000) FROM n;',
  );
  db.close();
}

describe.runIf(process.platform !== 'win32')('files Kecard writes are private', () => {
  it('workspaces, their -wal/-shm, backups, safety and saved copies are 0600; folders Kecard makes 0700; a chosen folder is left alone', async () => {
    const dataDir = join(dir, 'data');
    const host = new AppHost({ dataDir, shell: 'browser' });
    try {
      const { path } = host.openDefault();
      expect(path).toBe(defaultWorkspacePath(dataDir));
      createCustomer(host.workspace, host.context, { name: '私密的客户' });
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'workspaces'))).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, mode(file)]).toEqual([file, 0o600]);

      const backup = await createBackup(host.workspace, 'manual');
      expect(mode(backupDir(path))).toBe(0o700);
      expect(mode(join(backupDir(path), backup.file))).toBe(0o600);
      await host.restoreBackup(backup.file);
      const safety = listBackups(path).find((b) => b.reason === 'restore');
      expect(mode(join(backupDir(path), safety?.file ?? ''))).toBe(0o600);
      expect(mode(path)).toBe(0o600);

      const documents = join(dir, 'Documents');
      mkdirSync(documents, { mode: 0o755 });
      expect(mode(host.saveCopy(join(documents, 'copy.kecard')))).toBe(0o600);
      expect(mode(host.create(join(documents, 'shop.kecard')).path)).toBe(0o600);
      expect(mode(documents)).toBe(0o755);
    } finally {
      host.dispose();
    }
  });
});

describe('backups leave nothing half-done behind', () => {
  it('a backup is one file: no -wal, -shm or .partial beside it', async () => {
    const path = join(dir, 'shop.kecard');
    const ws = openWorkspace(path, { create: true });
    createCustomer(ws, testUser, { name: '客户' });
    const info = await createBackup(ws, 'manual');
    ws.close();
    expect(readdirSync(backupDir(path))).toEqual([info.file]);
  });

  it('a scheduled backup waits until the workspace has been left alone, not the moment it opens', async () => {
    const path = join(dir, 'idle.kecard');
    openWorkspace(path, { create: true }).close();
    const waiting = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    waiting.open(path);
    waiting.startBackupSchedule();
    // A backup that started would have made its folder before its first step.
    expect(existsSync(backupDir(path))).toBe(false);
    waiting.dispose();

    const soon = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser', backupIdleMs: 300 });
    soon.open(path);
    soon.startBackupSchedule();
    expect(listBackups(path)).toEqual([]);
    await vi.waitFor(() => expect(listBackups(path).map((b) => b.reason)).toEqual(['scheduled']), { timeout: 15_000 });
    soon.dispose();
  });

  it('quitting stops a running backup between steps and removes its partial file', async () => {
    const path = join(dir, 'large.kecard');
    largeWorkspace(path);
    const events: KecardEvent[] = [];
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
    app.setEventSink((e) => events.push(e));
    app.host.open(path);
    const running = app.host.backupIfDue();
    await vi.waitFor(() => expect(readdirSync(backupDir(path)).some((f) => f.endsWith('.partial'))).toBe(true));
    await app.dispose();
    await running;
    expect(readdirSync(backupDir(path))).toEqual([]);
    expect(events.some((e) => e.type === 'backup.failed')).toBe(false);
  });

  it('while a restore waits for a running backup to stop, no call can start work on the file it replaces', async () => {
    const path = join(dir, 'large.kecard');
    largeWorkspace(path);
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
    app.host.open(path);
    // Three days old, so the daily backup is due and starts at once.
    await createBackup(app.host.workspace, 'manual', new Date(Date.now() - 3 * 86_400_000));
    const [manual] = listBackups(path);
    const running = app.host.backupIfDue();
    await vi.waitFor(() => expect(readdirSync(backupDir(path)).some((f) => f.endsWith('.partial'))).toBe(true));
    const restoring = app.host.restoreBackup(manual?.file ?? '');
    // The restore is waiting for the backup to stop: a write now is refused, not run on the old file.
    const during = await app.dispatch('customers.create', { values: { name: '恢复期间写入' } }, testUser);
    expect(during).toMatchObject({ ok: false, error: { code: 'WORKSPACE_BUSY' } });
    await restoring;
    await running.catch(() => undefined);
    const after = await app.dispatch('customers.create', { values: { name: '恢复之后写入' } }, testUser);
    expect(after.ok).toBe(true);
    await app.dispose();
  });

  it('removes what a killed backup or restore left behind when the workspace opens next', async () => {
    const path = join(dir, 'crashed.kecard');
    const ws = openWorkspace(path, { create: true });
    const kept = await createBackup(ws, 'manual');
    ws.close();
    const partial = join(backupDir(path), `${kept.file.replace('.manual.', '.scheduled.')}.partial`);
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${partial}${suffix}`, 'half a copy');
    writeFileSync(`${path}.restoring`, 'half a restore');
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      host.open(path);
      expect(readdirSync(backupDir(path))).toEqual([kept.file]);
      expect(existsSync(`${path}.restoring`)).toBe(false);
    } finally {
      host.dispose();
    }
  });
});
