import Database from 'better-sqlite3-multiple-ciphers';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_SPACE, backupDir, createBackup, listBackups, restoreBackupFile } from '../../../src-main/backup/backup-service';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { AppHost } from '../../../src-main/workspace/app-host';
import type { KecardError } from '../../../src-shared/errors';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('backups', () => {
  it('takes a verified online backup while the workspace is in use, and restores it', async () => {
    const path = join(dir, 'shop.kecard');
    const ws = openWorkspace(path, { create: true });
    createCustomer(ws, testUser, { name: '备份前的客户' });
    const reader = ws.db.prepare('SELECT name FROM customers').iterate(); // an open read cursor during the backup
    reader.next();
    const info = await createBackup(ws, 'manual');
    reader.return?.();
    createCustomer(ws, testUser, { name: '备份后的客户' });
    expect(listBackups(path).map((b) => b.file)).toEqual([info.file]);
    const copy = new Database(join(backupDir(path), info.file), { readonly: true });
    expect(copy.prepare('SELECT name FROM customers').pluck().all()).toEqual(['备份前的客户']);
    copy.close();
    ws.close();

    await restoreBackupFile(path, info.file);
    const restored = openWorkspace(path);
    expect(listCustomers(restored, { offset: 0, limit: 10 }).rows.map((c) => c.name)).toEqual(['备份前的客户']);
    restored.close();
    // The replaced file was kept, so the restore itself can be undone.
    expect(
      listBackups(path)
        .map((b) => b.reason)
        .sort(),
    ).toEqual(['manual', 'restore']);
  });

  it('gives two backups taken within one second two names: the second never replaces the first', async () => {
    const path = join(dir, 'shop.kecard');
    const ws = openWorkspace(path, { create: true });
    const at = new Date('2026-12-07T09:00:00.100Z');
    createCustomer(ws, testUser, { name: '第一次备份前' });
    const first = await createBackup(ws, 'manual', at);
    createCustomer(ws, testUser, { name: '第二次备份前' });
    const second = await createBackup(ws, 'manual', new Date('2026-12-07T09:00:00.900Z'));
    ws.close();
    expect(second.file).not.toBe(first.file);
    expect(second.takenAt).toBe('2026-12-07T09:00:01Z');
    const names = (file: string) => {
      const copy = new Database(join(backupDir(path), file), { readonly: true });
      const out = copy.prepare('SELECT name FROM customers ORDER BY name').pluck().all();
      copy.close();
      return out;
    };
    expect(names(first.file)).toEqual(['第一次备份前']);
    expect(names(second.file)).toHaveLength(2);
  });

  it('refuses a damaged backup, and offers backups when the workspace itself is damaged', async () => {
    const path = join(dir, 'damaged.kecard');
    const ws = openWorkspace(path, { create: true });
    for (let i = 0; i < 300; i += 1) createCustomer(ws, testUser, { name: `客户${i}`, notes: '备注'.repeat(60) });
    const good = await createBackup(ws, 'manual');
    ws.close();

    const bytes = readFileSync(path);
    for (let i = 8192; i < Math.min(bytes.length, 8192 * 8); i += 1) bytes[i] = (i * 17) % 253;
    writeFileSync(path, bytes);

    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    let refusal: KecardError | null = null;
    try {
      host.open(path);
    } catch (err) {
      refusal = err as KecardError;
    }
    expect(refusal?.code).toBe('WORKSPACE_CORRUPT');
    expect((refusal?.details?.backups as { file: string }[]).map((b) => b.file)).toEqual([good.file]);

    const broken = `${good.file.replace('.manual.bak', '')}.import.bak`;
    writeFileSync(join(backupDir(path), broken), 'not a database');
    await expect(host.restoreBackup(broken, path)).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT' });

    const info = await host.restoreBackup(good.file, path);
    expect(info.customerCount).toBe(300);
    host.dispose();
  });

  it('refuses a backup the disk has no room for before writing anything, and tells the user of a scheduled one', async () => {
    const path = join(dir, 'big.kecard');
    const saved = { ...BACKUP_SPACE };
    const events: KecardEvent[] = [];
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser', emit: (e) => events.push(e), backupIdleMs: 0 });
    try {
      host.create(path);
      // Room to spare larger than any disk: as if the workspace were bigger than the free space.
      BACKUP_SPACE.reserveBytes = Number.MAX_SAFE_INTEGER;
      const ws = openWorkspace(path);
      const refused = (await createBackup(ws, 'manual').catch((err: unknown) => err)) as KecardError;
      expect(refused.code).toBe('BACKUP_NO_SPACE');
      // The file and its WAL: what the copy would hold.
      expect(refused.details?.neededBytes).toBeGreaterThanOrEqual(statSync(path).size);
      ws.close();
      expect(readdirSync(backupDir(path))).toEqual([]);

      host.startBackupSchedule();
      await vi.waitFor(() => expect(events.some((e) => e.type === 'backup.failed')).toBe(true));
      expect(events.find((e) => e.type === 'backup.failed')).toMatchObject({ reason: 'scheduled', error: { code: 'BACKUP_NO_SPACE' } });
      expect(listBackups(path)).toEqual([]);
      // Kept for a window that opens later, until a backup succeeds.
      expect(host.info()?.backupFailure).toMatchObject({ code: 'BACKUP_NO_SPACE' });
      Object.assign(BACKUP_SPACE, saved);
      await host.backupIfDue();
      expect(listBackups(path).map((b) => b.reason)).toEqual(['scheduled']);
      expect(host.info()?.backupFailure).toBeNull();
    } finally {
      Object.assign(BACKUP_SPACE, saved);
      host.dispose();
    }
  });
});
