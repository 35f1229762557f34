import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, listBackups, backupDir } from '../../../src-main/backup/backup-service';
import { verifyBackupOffMain } from '../../../src-main/backup/verify-off-main';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { tempDir, testUser } from '../../support/temp-workspace';

// A backup's integrity_check runs on a thread of its own (dist/main/backup-verify-worker.mjs,
// built once for the test run): a 10 GB check must not freeze the app, and quitting must end it.
const worker = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'backup-verify-worker.mjs'));

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function aBackup(): Promise<string> {
  const ws = openWorkspace(join(dir, 'w.kecard'), { create: true });
  try {
    for (let i = 0; i < 200; i += 1) createCustomer(ws, testUser, { name: `客户${i}有限公司`, notes: '备注'.repeat(200) });
    await createBackup(ws, 'manual');
    return join(backupDir(ws.path), listBackups(ws.path)[0]?.file ?? '');
  } finally {
    ws.close();
  }
}

describe('backup verification off main', () => {
  it('vouches for a sound backup on its thread and refuses a damaged one as WORKSPACE_CORRUPT', async () => {
    const file = await aBackup();
    await expect(verifyBackupOffMain(file, () => false, worker)).resolves.toBeUndefined();

    // Overwrite pages in the middle of the file: a backup that would restore garbage.
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(file, 'r+');
    const pages = Math.floor(statSync(file).size / pageSize);
    writeSync(fd, Buffer.alloc(pageSize * 3, 0x5a), 0, pageSize * 3, Math.floor(pages / 2) * pageSize);
    closeSync(fd);
    await expect(verifyBackupOffMain(file, () => false, worker)).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT' });
  });

  it('stops at once when the app quits, and says so', async () => {
    const file = await aBackup();
    await expect(verifyBackupOffMain(file, () => true, worker)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });
});
