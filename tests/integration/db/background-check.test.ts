import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { tempDir, testUser } from '../../support/temp-workspace';

// Large workspaces open after a light check; the full check then runs in a worker and reports
// damage as an event with the backups. The size limit is lowered so a small file takes that path.
const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  vi.stubEnv('KECARD_FULL_CHECK_MAX_BYTES', '1024');
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllEnvs();
  cleanup();
});

describe('background integrity check of large workspaces', () => {
  it('opens a large file quickly, then reports the damage it finds with the backups', async () => {
    const { openWorkspace } = await import('../../../src-main/db/open-workspace');
    const { createCustomer } = await import('../../../src-main/services/customers/customer-service');
    const { createBackup } = await import('../../../src-main/backup/backup-service');
    const { composeApp } = await import('../../../src-main/app/compose-app');
    const path = join(dir, 'big.kecard');
    const ws = openWorkspace(path, { create: true });
    for (let i = 0; i < 400; i += 1) createCustomer(ws, testUser, { name: `大文件客户${i}`, notes: '备注'.repeat(80) });
    const backup = await createBackup(ws, 'manual');
    ws.close();
    // Damage pages near the end (customer rows), away from the schema and the small tables.
    const bytes = readFileSync(path);
    for (let i = bytes.length - 40_000; i < bytes.length - 8_000; i += 1) bytes[i] = (i * 13) % 251;
    writeFileSync(path, bytes);

    const events: KecardEvent[] = [];
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: pathToFileURL(join(root, 'dist', 'main') + '/') });
    app.setEventSink((e) => events.push(e));
    const damaged = new Promise<Extract<KecardEvent, { type: 'workspace.damaged' }>>((resolve) => {
      const timer = setInterval(() => {
        const hit = events.find((e): e is Extract<KecardEvent, { type: 'workspace.damaged' }> => e.type === 'workspace.damaged');
        if (hit) {
          clearInterval(timer);
          resolve(hit);
        }
      }, 20);
    });
    app.host.open(path); // the light check passes: schema, meta and staff are intact
    const event = await damaged;
    expect(event.path).toBe(path);
    expect(event.message).not.toBe('ok');
    expect(event.backups.map((b) => b.file)).toEqual([backup.file]);
    await app.dispose();
  }, 60_000);
});
