import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let path: string;
let cleanup: () => void;
beforeEach(() => ({ ws, path, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

/**
 * Another process takes the workspace's write lock, writes a row and holds the lock for `holdMs`,
 * as a worker's connection does while main is busy. Resolves once the lock is held.
 */
function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO meta (key, value) VALUES ('lock_test', 'held')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  const released = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`)))),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('locked')) resolve({ released });
    });
    child.on('error', reject);
  });
}

describe('the write lock of another connection', () => {
  it('a business type made from a template waits for the lock instead of failing', async () => {
    createCustomer(ws, testUser, { name: '宁波港务贸易有限公司' });
    const { released } = await holdWriteLock(path, 300);
    // A deferred transaction would read first and then fail its upgrade at once (SQLITE_BUSY).
    const type = createFromTemplate(ws, testUser, 'visit');
    await released;
    expect(type.name).toBe('客户回访');
    expect(ws.db.prepare(`SELECT value FROM meta WHERE key = 'lock_test'`).pluck().get()).toBe('held');
  });

  it('opening and closing the workspace again (as each worker request does) never waits for the lock', () => {
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const again = openWorkspace(path);
      again.close();
      // The busy timeout is 5 s: a write at open, or a checkpoint that waits for writers at close,
      // would wait for all of it.
      expect(Date.now() - started).toBeLessThan(2_000);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
  });
});
