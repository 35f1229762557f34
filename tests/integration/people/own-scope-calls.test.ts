import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import type { CallContext } from '../../../src-main/changelog/call-context';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { SessionState } from '../../../src-shared/domain/people';
import type { Envelope } from '../../../src-shared/errors';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir } from '../../support/temp-workspace';

// Record scope 'own' through the router, as a staff member's window calls it (issue 19): reports
// run in the report worker over their customers only; the first/last sale date, the workspace's
// customer count and the change feed's ids name only what they may see.

let files: { dir: string; cleanup: () => void };
let app: ComposedApp;
let events: KecardEvent[];
let manager: CallContext;
let staff: CallContext;
/** e1's customers (2), e2's (3), the shared one. */
let mine: string[];
let theirs: string[];
let shared: string;

async function call<T>(ctx: CallContext, method: string, input: unknown = {}): Promise<Envelope<T>> {
  return (await app.dispatch(method, input, ctx)) as Envelope<T>;
}
async function value<T>(ctx: CallContext, method: string, input: unknown = {}): Promise<T> {
  const e = await call<T>(ctx, method, input);
  if (!e.ok) throw new Error(`${method}: ${e.error.code} ${e.error.message}`);
  return e.value;
}
async function report<T>(ctx: CallContext, request: unknown): Promise<T> {
  const { jobId } = await value<{ jobId: string }>(ctx, 'reports.run', { request });
  const finished = await jobFinished(events, jobId, 60_000);
  if (!finished.ok) throw new Error(`report failed: ${JSON.stringify(finished.error)}`);
  return finished.result as T;
}

beforeEach(async () => {
  files = tempDir();
  app = composeApp({ dataDir: join(files.dir, 'data'), shell: 'browser', workerDir: distWorkers, rememberRecent: false });
  events = [];
  app.setEventSink((e) => events.push(e));
  app.host.create(join(files.dir, 'own.kecard'));
  manager = app.host.context;
  await value(manager, 'account.setPassword', { newPassword: 'owner-pass-1' });
  const [e1, e2] = [
    (await value<{ id: string }>(manager, 'employees.create', { values: { name: '王一' } })).id,
    (await value<{ id: string }>(manager, 'employees.create', { values: { name: '李二' } })).id,
  ];
  await value(manager, 'users.create', { login: 'wangyi', displayName: '王一', role: 'staff', employeeId: e1, password: 'secret-123' });
  const customer = async (name: string, ownerId: string | null, dates: string[]) => {
    const { id } = await value<{ id: string }>(manager, 'customers.create', { values: { name, ownerId } });
    for (const orderDate of dates) {
      await value(manager, 'orders.create', {
        customerId: id,
        orderDate,
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 10_000 }],
      });
    }
    return id;
  };
  mine = [await customer('我的甲', e1, ['2025-03-01', '2026-05-01']), await customer('我的乙', e1, ['2025-08-08'])];
  // A colleague's customers hold the file's first and last sale.
  theirs = [
    await customer('同事甲', e2, ['2023-01-05', '2026-11-30']),
    await customer('同事乙', e2, ['2025-01-01']),
    await customer('同事丙', e2, []),
  ];
  shared = await customer('共享客户', null, ['2025-06-01']);
  // The window signs in as the salesperson.
  await value(app.host.context, 'session.signOut');
  const state = await value<SessionState>(app.host.context, 'session.signIn', { login: 'wangyi', password: 'secret-123' });
  expect(state.user?.role).toBe('staff');
  staff = app.host.context;
}, 60_000);

afterEach(async () => {
  await app.dispose();
  files.cleanup();
});

describe("calls of a salesperson with record scope 'own'", () => {
  it('runs reports in the worker over their customers only, and refuses applying a classification', async () => {
    // Buyers of 2024-07-01 … 2026-06-30: 我的甲, 我的乙 and 共享客户 for them; 同事乙 as well for the manager.
    const request = { kind: 'pareto', asOf: '2026-06-30', windowDays: 730 };
    expect(await report(staff, request)).toMatchObject({ customers: 3, allCustomers: 3 });
    expect(await report(manager, request)).toMatchObject({ customers: 4, allCustomers: 6 });
    const top = await report<{ count: number; list: { id: string }[] }>(staff, { kind: 'dormant', asOf: '2026-06-30', dormantDays: 30 });
    expect(top.list.map((x) => x.id).sort()).toEqual([...mine, shared].sort());
    const apply = await call(staff, 'reports.run', { request: { kind: 'lifecycleApply', asOf: '2026-06-30' } });
    expect(apply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'ownScope' } } });
  });

  it('gives the first and last sale of their customers, not of the file', async () => {
    expect(await value(staff, 'reports.salesDates')).toEqual({ firstOrderDate: '2025-03-01', lastOrderDate: '2026-05-01' });
    expect(await value(manager, 'reports.salesDates')).toEqual({ firstOrderDate: '2023-01-05', lastOrderDate: '2026-11-30' });
  });

  it('counts the customers they may see in workspace.info', async () => {
    expect((await value<{ customerCount: number }>(staff, 'workspace.info')).customerCount).toBe(3);
    expect((await value<{ customerCount: number }>(manager, 'workspace.info')).customerCount).toBe(6);
    // The window's own info (workspace.changed) is its user's too.
    expect(app.host.info()?.customerCount).toBe(3);
  });

  it("names in data.changed only the customers the window's user may see", async () => {
    const changed = async (id: string) => {
      events.length = 0;
      await value(manager, 'customers.update', { id, patch: { notes: `改 ${Date.now()}` } });
      const e = events.find((x): x is Extract<KecardEvent, { type: 'data.changed' }> => x.type === 'data.changed');
      expect(e?.entities).toContain('customer');
      return e?.ids;
    };
    expect(await changed(theirs[0] as string)).toEqual([]);
    expect(await changed(mine[0] as string)).toEqual([mine[0]]);
    expect(await changed(shared)).toEqual([shared]);
    // Ids that are not customers (an employee) stay.
    events.length = 0;
    const { id } = await value<{ id: string }>(manager, 'employees.create', { values: { name: '赵四' } });
    expect(events.find((x) => x.type === 'data.changed')).toMatchObject({ ids: [id] });
  });
});
