import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, restoreBackupFile } from '../../../src-main/backup/backup-service';
import { sameSiteDiverged, siteOrigin, versionVector } from '../../../src-main/changelog/site-identity';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('site identity', () => {
  it('a saved copy is a site of its own that remembers where it came from', () => {
    const host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser' });
    const original = host.create(join(dir, '总部.kecard'));
    const hq = host.workspace;
    createCustomer(hq, testUser, { name: '总部客户有限公司' });
    createCustomer(hq, testUser, { name: '第二客户有限公司' });
    const copyPath = host.saveCopy(join(dir, '南京店'));
    createCustomer(hq, testUser, { name: '副本之后有限公司' });

    const copy = openWorkspace(copyPath);
    try {
      expect(copy.siteId).not.toBe(original.siteId);
      expect(siteOrigin(copy.db)).toMatchObject({ siteId: original.siteId, how: 'copy' });
      createCustomer(copy, testUser, { name: '门店客户有限公司' });
      // The copy holds HQ's first two changes under HQ's site, and numbers its own from 1.
      expect(versionVector(copy.db)).toEqual({ [original.siteId]: 2, [copy.siteId]: 1 });
      expect(versionVector(hq.db)).toEqual({ [original.siteId]: 3 });
      expect(sameSiteDiverged(hq.db, copy.db, original.siteId)).toBe(false);
    } finally {
      copy.close();
      host.close();
    }
  });

  it('a restored backup goes on as a new site, so numbers already handed out are never reused', async () => {
    const path = join(dir, 'ws.kecard');
    const ws = openWorkspace(path, { create: true });
    const c = createCustomer(ws, testUser, { name: '备份有限公司' });
    const backup = await createBackup(ws, 'manual');
    updateCustomer(ws, testUser, c.id, { industry: '备份之后' });
    const before = ws.siteId;
    ws.close();

    await restoreBackupFile(path, backup.file);
    const restored = openWorkspace(path);
    try {
      expect(restored.siteId).not.toBe(before);
      expect(siteOrigin(restored.db)).toMatchObject({ siteId: before, how: 'restore' });
      updateCustomer(restored, testUser, c.id, { industry: '恢复之后' });
      expect(versionVector(restored.db)).toEqual({ [before]: 1, [restored.siteId]: 1 });
    } finally {
      restored.close();
    }
  });

  it('two files that share a site id and went their own ways are told apart from a file that is only behind', () => {
    const a = join(dir, 'a.kecard');
    const ws = openWorkspace(a, { create: true });
    const c = createCustomer(ws, testUser, { name: '分叉有限公司' });
    ws.close();
    // Copies made outside Kecard (a file manager): same site id.
    mkdirSync(join(dir, 'b'));
    const b = join(dir, 'b', 'b.kecard');
    const behind = join(dir, 'b', 'behind.kecard');
    copyFileSync(a, b);
    copyFileSync(a, behind);
    const wa = openWorkspace(a);
    const wb = openWorkspace(b);
    updateCustomer(wa, testUser, c.id, { industry: '甲' });
    updateCustomer(wb, testUser, c.id, { industry: '乙' });
    const siteId = wa.siteId;
    wa.close();
    wb.close();
    const [da, db, dBehind] = [a, b, behind].map((p) => new Database(p, { readonly: true })) as [
      Database.Database,
      Database.Database,
      Database.Database,
    ];
    try {
      expect(sameSiteDiverged(da, db, siteId)).toBe(true);
      expect(sameSiteDiverged(da, dBehind, siteId)).toBe(false);
    } finally {
      for (const d of [da, db, dBehind]) d.close();
    }
  });
});
