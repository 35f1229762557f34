import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { AppHost } from '../../../src-main/workspace/app-host';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
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

  it('a write outside any call (a service on main) is announced by the timer, once', async () => {
    const c = createCustomer(host.workspace, testUser, { name: '自己的客户有限公司' });
    const event = await waitFor(() => changes()[0], 2_000);
    expect(event).toEqual({ type: 'data.changed', entities: ['customer'], ids: [c.id] });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(changes()).toHaveLength(1);
  });
});

describe('data.changed comes from the log, not from hand-written lists (issue 17)', () => {
  let app: ComposedApp;
  let appEvents: KecardEvent[];
  beforeEach(() => {
    appEvents = [];
    app = composeApp({ dataDir: join(dir, 'app-data'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
    app.setEventSink((e) => appEvents.push(e));
    app.host.create(join(dir, 'app.kecard'));
  });
  afterEach(async () => {
    await app.dispose();
  });
  const appChanges = () => appEvents.filter((e): e is Extract<KecardEvent, { type: 'data.changed' }> => e.type === 'data.changed');
  const call = async (method: string, input: unknown) => {
    const result = await app.dispatch(method, input, testUser);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as { id: string };
  };

  it('a call that wrote is announced before its answer, with every entity it touched and the card, and only once', async () => {
    const c = await call('customers.create', { values: { name: '宁波港务贸易有限公司' } });
    expect(appChanges()).toEqual([{ type: 'data.changed', entities: ['customer'], ids: [c.id] }]);
    appEvents.length = 0;
    await call('orders.create', {
      customerId: c.id,
      orderDate: '2026-05-01',
      lines: [{ productName: '集装箱租赁', quantityMilli: 1000, unitPriceFen: 100 }],
    });
    // The lines are logged as orderLine; the order's total derives from them.
    expect(appChanges()).toHaveLength(1);
    expect(appChanges()[0]?.entities.sort()).toEqual(['order', 'orderLine']);
    expect(appChanges()[0]?.ids).toEqual([c.id]);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(appChanges()).toHaveLength(1);
  });

  it('a call that wrote nothing (a read, a refused write) announces nothing', async () => {
    await call('customers.create', { values: { name: '甲' } });
    appEvents.length = 0;
    await app.dispatch('customers.list', {}, testUser);
    const refused = await app.dispatch('customers.create', { values: { name: '' } }, testUser);
    expect(refused.ok).toBe(false);
    expect(appChanges()).toEqual([]);
  });
});
