import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('journal mode by file system', () => {
  it('WAL on a local disk; a rollback journal with synchronous FULL on a network share, also for a file that had WAL', () => {
    const path = join(dir, 'shop.kecard');
    const local = openWorkspace(path, { create: true, network: false });
    expect(local.db.pragma('journal_mode', { simple: true })).toBe('wal');
    local.close();

    const shared = openWorkspace(path, { network: true });
    expect(shared.db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(shared.db.pragma('synchronous', { simple: true })).toBe(2);
    createCustomer(shared, testUser, { name: '共享盘上的客户' });
    // No shared-memory index beside a file another machine may open.
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
    shared.close();
  });
});
