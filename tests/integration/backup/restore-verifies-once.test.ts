import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupDir, createBackup, listBackups } from '../../../src-main/backup/backup-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { AppHost } from '../../../src-main/workspace/app-host';
import type * as VerifyModule from '../../../src-main/backup/verify-off-main';
import { tempDir } from '../../support/temp-workspace';

// A restore from the app checks the backup once: the integrity check reads every page, and at
// 10 GB a second check doubled minutes of waiting. Every check goes through verifyBackupOffMain;
// it is wrapped here (the real check still runs) to count the checks of each file.
const verified: string[] = [];
vi.mock('../../../src-main/backup/verify-off-main', async (importOriginal) => {
  const real = await importOriginal<typeof VerifyModule>();
  return {
    ...real,
    verifyBackupOffMain: (...args: Parameters<typeof real.verifyBackupOffMain>) => {
      verified.push(args[0]);
      return real.verifyBackupOffMain(...args);
    },
  };
});

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('restoring a backup from the app', () => {
  it('verifies the backup once, still refuses a damaged one, and restores it', async () => {
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    try {
      const { path } = host.create(join(dir, 'shop.kecard'));
      createCustomer(host.workspace, host.context, { name: '备份里的客户' });
      const backup = await createBackup(host.workspace, 'manual');
      createCustomer(host.workspace, host.context, { name: '备份之后的客户' });
      verified.length = 0;

      await host.restoreBackup(backup.file);
      const source = join(backupDir(path), backup.file);
      expect(verified.filter((p) => p === source)).toHaveLength(1);
      expect(listCustomers(host.workspace, { offset: 0, limit: 10 }).rows.map((c) => c.name)).toEqual(['备份里的客户']);
      expect(
        listBackups(path)
          .map((b) => b.reason)
          .sort(),
      ).toEqual(['manual', 'restore']);

      // The one check still stands between a damaged backup and the open workspace.
      const fd = openSync(source, 'r+');
      for (let at = 4096; at < statSync(source).size; at += 4096) writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, at);
      closeSync(fd);
      await expect(host.restoreBackup(backup.file)).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT' });
      expect(listCustomers(host.workspace, { offset: 0, limit: 10 }).rows.map((c) => c.name)).toEqual(['备份里的客户']);
    } finally {
      host.dispose();
    }
  });
});
