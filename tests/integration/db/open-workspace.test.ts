import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { latestSchemaVersion, migrationsFolder } from '../../../src-main/db/migrations-folder';
import { KECARD_APPLICATION_ID } from '../../../src-main/db/workspace-format';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { refusal } from '../../support/refusal';
import { tempDir, testUser } from '../../support/temp-workspace';
import { buildWorkspaceAtVersion } from '../../support/old-workspace';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('opening workspace files', () => {
  it('creates a new workspace with every migration, pragmas and an identity', () => {
    const path = join(dir, 'new.kecard');
    const ws = openWorkspace(path, { create: true });
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(ws.db.pragma('application_id', { simple: true })).toBe(KECARD_APPLICATION_ID);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(ws.identity.siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ws.backupPath).toBeNull();
    const applied = ws.db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(migrationsFolder().entries.length);
    ws.close();
    // Reopening keeps the identity and does not migrate again (so no backup).
    const again = openWorkspace(path);
    expect(again.identity).toEqual(ws.identity);
    expect(again.backupPath).toBeNull();
    again.close();
  });

  it('refuses to create over an existing file and to open a missing one', () => {
    const path = join(dir, 'a.kecard');
    openWorkspace(path, { create: true }).close();
    expect(refusal(() => openWorkspace(path, { create: true })).code).toBe('WORKSPACE_EXISTS');
    expect(refusal(() => openWorkspace(join(dir, 'missing.kecard'))).code).toBe('WORKSPACE_NOT_FOUND');
  });

  it('migrates an older workspace, keeping its data, after writing a backup beside it', () => {
    const path = join(dir, 'old.kecard');
    buildWorkspaceAtVersion(path, 1, (db) => {
      db.prepare(
        `INSERT INTO customers (id, site_id, name, sort_key, created_at, updated_at) VALUES ('c-old', 's-old', '老客户贸易有限公司', 'lao', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`,
      ).run();
    });
    const ws = openWorkspace(path);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(ws.backupPath).not.toBeNull();
    expect(existsSync(ws.backupPath as string)).toBe(true);
    const backup = new Database(ws.backupPath as string, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect((backup.prepare('SELECT name FROM customers').get() as { name: string }).name).toBe('老客户贸易有限公司');
    backup.close();
    expect(listCustomers(ws, { offset: 0, limit: 10 }).rows.map((c) => c.name)).toEqual(['老客户贸易有限公司']);
    // New capabilities work on migrated data written after the migration.
    createCustomer(ws, testUser, { name: '新客户科技有限公司' });
    expect(quickSearch(ws, 'xkh').hits.map((h) => h.name)).toEqual(['新客户科技有限公司']);
    ws.close();
  });

  it('refuses a workspace from a newer Kecard and leaves the file byte-for-byte untouched', () => {
    const path = join(dir, 'future.kecard');
    openWorkspace(path, { create: true }).close();
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    const before = readFileSync(path);
    const err = refusal(() => openWorkspace(path));
    expect(err.code).toBe('WORKSPACE_NEWER');
    expect(err.details).toMatchObject({ fileVersion: latestSchemaVersion() + 1, appVersion: latestSchemaVersion() });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['future.kecard']);
  });

  it('refuses a file that is not a Kecard workspace', () => {
    const text = join(dir, 'customers.xlsx');
    writeFileSync(text, 'PK\u0003\u0004 this is a zip, not SQLite');
    expect(refusal(() => openWorkspace(text)).code).toBe('WORKSPACE_NOT_KECARD');

    const foreign = join(dir, 'other-app.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    const before = readFileSync(foreign);
    expect(refusal(() => openWorkspace(foreign)).code).toBe('WORKSPACE_NOT_KECARD');
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });

  it('refuses a damaged workspace without touching it', () => {
    const path = join(dir, 'damaged.kecard');
    const ws = openWorkspace(path, { create: true });
    for (let i = 0; i < 300; i += 1) createCustomer(ws, testUser, { name: `损坏测试公司${i}`, notes: '备注'.repeat(50) });
    ws.close();
    const bytes = readFileSync(path);
    // Overwrite pages in the middle of the file (after the header page) with garbage.
    for (let i = 8192; i < Math.min(bytes.length, 8192 * 6); i += 1) bytes[i] = (i * 31) % 251;
    writeFileSync(path, bytes);
    const err = refusal(() => openWorkspace(path));
    expect(err.code).toBe('WORKSPACE_CORRUPT');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
