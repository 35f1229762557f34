import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { tempDir, testUser } from '../../support/temp-workspace';

const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let cleanup: () => void;
let host: AppHost;
let events: KecardEvent[];
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  events = [];
  host = new AppHost({ dataDir: join(dir, 'data'), shell: 'browser', emit: (e) => events.push(e) });
  host.create(join(dir, 'ws.kecard'));
});
afterEach(() => {
  host.dispose();
  cleanup();
});

const changes = () => events.filter((e): e is Extract<KecardEvent, { type: 'data.changed' }> => e.type === 'data.changed');
async function waitFor<T>(check: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('writes by anyone else reach open screens', () => {
  it('a customer created by another process is announced within 2 s, with its card', async () => {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'support', 'skewed-writer.ts'), host.workspace.path, '0', '1'], {
        cwd: root,
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
    });
    // From the writer's commit (its exit) the event must come within 2 s.
    const event = await waitFor(() => changes()[0], 2_000);
    const id = host.workspace.db.prepare('SELECT id FROM customers').pluck().get() as string;
    expect(event).toEqual({ type: 'data.changed', entities: ['customer'], ids: [id] });
  }, 20_000);

  it('a second connection in this process (a job worker) is announced too, entity by entity', async () => {
    const other = openWorkspace(host.workspace.path);
    try {
      const c = createCustomer(other, testUser, { name: '工作线程客户有限公司' });
      createContact(other, testUser, { customerId: c.id, name: '李雷' });
      const event = await waitFor(() => changes()[0], 2_000);
      expect(event.entities.sort()).toEqual(['contact', 'customer']);
      expect(event.ids).toEqual([c.id]);
    } finally {
      other.close();
    }
  });

  it("the app's own writes are not announced twice (the router already did)", async () => {
    createCustomer(host.workspace, testUser, { name: '自己的客户有限公司' });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(changes()).toEqual([]);
  });
});
