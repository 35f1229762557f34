import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { contract, type MethodName } from '../../../src-shared/contract/methods';
import { METHOD_AREAS } from '../../../src-shared/contract/method-areas';
import { allows, DEFAULT_POLICY, rulesOf } from '../../../src-shared/domain/permissions';
import type { Role } from '../../../src-shared/domain/enums';
import type { Envelope } from '../../../src-shared/errors';
import { tempDir } from '../../support/temp-workspace';

// Issue 19's property: for a random role, a random method and a random input drawn from the
// seed's ids (in and out of the caller's scope), nothing outside the grants is returned — the
// result equals the unrestricted one filtered by the rules (the area levels the router applies
// and the record scope) — and a refused call changes nothing (the change log is as before).
// The visibility oracle is computed here in JS from the rows, not with the predicate under test.

let files: { dir: string; cleanup: () => void };
let app: ComposedApp;
let manager: CallContext;
const callers: { name: string; ctx: CallContext; employeeId: string | null }[] = [];
const customerIds: string[] = [];
const orderIds: string[] = [];
const contactIds: string[] = [];
const employeeIds: string[] = [];
const names = new Map<string, string>();

async function call<T>(ctx: CallContext, method: string, input: unknown): Promise<Envelope<T>> {
  return (await app.dispatch(method, input, ctx)) as Envelope<T>;
}
async function must<T>(ctx: CallContext, method: string, input: unknown): Promise<T> {
  const r = await call<T>(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  files = tempDir();
  app = composeApp({
    dataDir: join(files.dir, 'data'),
    shell: 'browser',
    workerDir: pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/'),
    rememberRecent: false,
  });
  app.host.create(join(files.dir, 'scope.kecard'));
  // The one-person workspace's owner sets a password before adding users.
  manager = app.host.context;
  await must(manager, 'account.setPassword', { newPassword: 'owner-pass-1' });
  for (const name of ['王一', '李二', '张三']) employeeIds.push((await must<{ id: string }>(manager, 'employees.create', { values: { name } })).id);
  const [e1, e2, e3] = employeeIds as [string, string, string];
  const users: [string, Role, string | null][] = [
    ['staff1', 'staff', e1],
    ['staff2', 'staff', e2],
    ['staff0', 'staff', null],
    ['assist', 'assistant', null],
    ['viewer', 'viewer', null],
    ['boss', 'manager', null],
  ];
  for (const [login, role, employeeId] of users) {
    const u = await must<{ id: string }>(manager, 'users.create', { login, displayName: login, role, employeeId, password: 'secret-123' });
    callers.push({ name: login, ctx: { userId: u.id, userName: login, role, origin: 'local' }, employeeId });
  }
  const owners = [e1, e2, e3, null];
  for (let i = 0; i < 12; i += 1) {
    const name = `属性测试客户${String(i).padStart(2, '0')}`;
    const c = await must<{ id: string }>(manager, 'customers.create', {
      values: { name, ownerId: owners[i % 4], phones: [`1380000${String(1000 + i)}`] },
    });
    customerIds.push(c.id);
    names.set(c.id, name);
    const order = await must<{ id: string }>(manager, 'orders.create', {
      customerId: c.id,
      orderDate: '2026-10-01',
      lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 100 * (i + 1) }],
    });
    orderIds.push(order.id);
    contactIds.push((await must<{ id: string }>(manager, 'contacts.create', { customerId: c.id, name: `联系人${i}` })).id);
  }
  // Staff 1 also serves one of staff 2's customers.
  await must(manager, 'customerStaff.add', { customerId: customerIds[1], employeeId: e1, role: '协助' });
}, 60_000);

afterAll(async () => {
  await app.dispose();
  files.cleanup();
});

/** The oracle: which customers a caller may see, from the rows as they are now. */
function visible(caller: (typeof callers)[number]): Set<string> {
  const db = app.host.workspace.db;
  const rows = db.prepare('SELECT id, owner_id AS ownerId FROM customers').all() as { id: string; ownerId: string | null }[];
  if (rulesOf(DEFAULT_POLICY, caller.ctx.role).scope === 'all') return new Set(rows.map((r) => r.id));
  const served = new Set(
    (db.prepare('SELECT customer_id FROM customer_staff WHERE employee_id = ? AND deleted = 0').pluck().all(caller.employeeId) as string[]) ?? [],
  );
  return new Set(
    rows.filter((r) => r.ownerId === null || (caller.employeeId !== null && (r.ownerId === caller.employeeId || served.has(r.id)))).map((r) => r.id),
  );
}
const live = (id: string) => app.host.workspace.db.prepare('SELECT deleted FROM customers WHERE id = ?').pluck().get(id) === 0;
const logSize = () => app.host.workspace.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
const orderCustomer = (id: string) => app.host.workspace.db.prepare('SELECT customer_id FROM orders WHERE id = ?').pluck().get(id) as string;
const contactCustomer = (id: string) => app.host.workspace.db.prepare('SELECT customer_id FROM contacts WHERE id = ?').pluck().get(id) as string;
const all = { entity: 'customer', where: { kind: 'group', op: 'and', children: [] } };

type Step = { method: MethodName; input: unknown; about: string[] };
const customer = () => fc.integer({ min: 0, max: 11 }).map((i) => customerIds[i] as string);
const steps: fc.Arbitrary<Step>[] = [
  fc.constant({ method: 'customers.list', input: { offset: 0, limit: 100 }, about: [] }),
  fc.constantFrom('属性', '测试客户0', '客户1', '1380000').map((q) => ({ method: 'customers.search' as const, input: { q, limit: 50 }, about: [] })),
  fc.constant({ method: 'queries.run', input: { definition: all, offset: 0, limit: 100 }, about: [] }),
  fc.constant({ method: 'queries.count', input: { definition: all }, about: [] }),
  fc.constant({ method: 'lists.group', input: { source: { entity: 'customer' }, groupBy: [], measures: [] }, about: [] }),
  customer().map((id) => ({ method: 'customers.get', input: { id }, about: [id] })),
  customer().map((id) => ({ method: 'customers.related', input: { id }, about: [id] })),
  customer().map((id) => ({ method: 'customers.history', input: { id }, about: [id] })),
  customer().map((id) => ({ method: 'customers.possibleDuplicates', input: { name: names.get(id) }, about: [] })),
  fc.integer({ min: 0, max: 11 }).map((i) => ({ method: 'orders.get', input: { id: orderIds[i] }, about: [customerIds[i] as string] })),
  // Writes
  fc
    .tuple(customer(), fc.string({ maxLength: 8 }))
    .map(([id, notes]) => ({ method: 'customers.update', input: { id, patch: { notes } }, about: [id] })),
  customer().map((id) => ({
    method: 'orders.create',
    input: { customerId: id, orderDate: '2026-11-01', lines: [{ productName: '追加', quantityMilli: 1000, unitPriceFen: 500 }] },
    about: [id],
  })),
  customer().map((id) => ({ method: 'contacts.create', input: { customerId: id, name: '新联系人' }, about: [id] })),
  fc.integer({ min: 0, max: 11 }).map((i) => ({
    method: 'contacts.update',
    input: { id: contactIds[i], patch: { title: '经理' } },
    about: [customerIds[i] as string],
  })),
  customer().map((id) => ({ method: 'customers.undo', input: { id }, about: [id] })),
  customer().map((id) => ({ method: 'customers.delete', input: { id }, about: [id] })),
  fc.tuple(customer(), customer()).map(([a, b]) => ({
    method: 'customers.bulkUpdate',
    input: { target: { ids: [a, b] }, action: { kind: 'addTag', tag: '属性' } },
    about: [a, b],
  })),
];

describe('record scope and area grants, as a property', () => {
  it('returns nothing outside the grants and changes nothing when it refuses', async () => {
    const seen = { forbidden: 0, outside: 0, served: 0 };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: callers.length - 1 }), fc.oneof(...steps), async (who, step) => {
        const caller = callers[who] as (typeof callers)[number];
        const def = contract[step.method];
        const granted = allows(rulesOf(DEFAULT_POLICY, caller.ctx.role), METHOD_AREAS[step.method] as never, def.permission);
        const mine = visible(caller);
        const before = logSize();
        const r = await call<unknown>(caller.ctx, step.method, step.input);
        if (!granted) {
          seen.forbidden += 1;
          expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
          expect(logSize()).toBe(before);
          return;
        }
        const outside = step.about.some((id) => !mine.has(id));
        if (outside) {
          seen.outside += 1;
          // As if the customer did not exist, and nothing written.
          expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
          expect(logSize()).toBe(before);
          return;
        }
        if (!r.ok) {
          // In scope and granted: only the data's own answers (a deleted customer, nothing to undo …).
          expect(r.error.code).not.toBe('FORBIDDEN');
          if (r.error.code === 'NOT_FOUND') expect(step.about.some((id) => !live(id))).toBe(true);
          expect(logSize()).toBe(before);
          return;
        }
        seen.served += 1;
        const unrestricted = await call<unknown>(manager, step.method, step.input);
        const v = r.value as Record<string, unknown>;
        const expectedIds = (ids: string[]) => ids.filter((id) => mine.has(id)).sort();
        switch (step.method) {
          case 'customers.list': {
            const full = (unrestricted as { value: { rows: { id: string }[] } }).value.rows.map((c) => c.id);
            expect((v.rows as { id: string }[]).map((c) => c.id).sort()).toEqual(expectedIds(full));
            expect(v.total).toBe(expectedIds(full).length);
            break;
          }
          case 'customers.search': {
            const full = (unrestricted as { value: { hits: { id: string }[] } }).value.hits.map((h) => h.id);
            expect((v.hits as { id: string }[]).map((h) => h.id).sort()).toEqual(expectedIds(full));
            break;
          }
          case 'queries.run': {
            const full = (unrestricted as { value: { customers: { id: string }[] } }).value.customers.map((c) => c.id);
            expect((v.customers as { id: string }[]).map((c) => c.id).sort()).toEqual(expectedIds(full));
            expect(v.total).toBe(expectedIds(full).length);
            break;
          }
          case 'queries.count':
            expect(v.count).toBe([...mine].filter(live).length);
            break;
          case 'lists.group': {
            const rows = r.value as { level: number; count: number }[];
            expect(rows.find((g) => g.level === 0)?.count ?? 0).toBe([...mine].filter(live).length);
            break;
          }
          case 'customers.possibleDuplicates': {
            for (const d of r.value as { id: string; name: string; elsewhere?: true }[]) {
              if (d.elsewhere) expect(d).toMatchObject({ id: '', name: '', code: null });
              else expect(mine.has(d.id)).toBe(true);
            }
            break;
          }
          case 'orders.get':
            expect(mine.has(orderCustomer((v as { id: string }).id))).toBe(true);
            break;
          case 'contacts.update':
            expect(mine.has(contactCustomer((v as { id: string }).id))).toBe(true);
            break;
          default:
            // Point reads and writes about customers in scope: served.
            expect(step.about.every((id) => mine.has(id))).toBe(true);
        }
      }),
      { numRuns: 60, seed: 19 },
    );
    // The runs reached every branch: refused by the area, refused by the scope, served.
    expect(seen.forbidden).toBeGreaterThan(0);
    expect(seen.outside).toBeGreaterThan(0);
    expect(seen.served).toBeGreaterThan(0);
  }, 120_000);

  it('makes a new customer of a staff member theirs, and keeps staff from giving one to a colleague', async () => {
    const staff1 = callers[0] as (typeof callers)[number];
    const created = await must<{ id: string; ownerId: string | null }>(staff1.ctx, 'customers.create', { values: { name: '自建客户' } });
    expect(created.ownerId).toBe(staff1.employeeId);
    const before = logSize();
    const refused = await call(staff1.ctx, 'customers.update', { id: created.id, patch: { ownerId: employeeIds[1] } });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    expect(logSize()).toBe(before);
    // A staff member without a linked employee creates shared customers (nobody owns them).
    const staff0 = callers[2] as (typeof callers)[number];
    expect((await must<{ ownerId: string | null }>(staff0.ctx, 'customers.create', { values: { name: '共享客户' } })).ownerId).toBeNull();
  });

  it("serves reports to a caller with scope 'own' (over their customers: own-scope-calls.test.ts) but refuses applying rules to everyone", async () => {
    const staff1 = callers[0] as (typeof callers)[number];
    const request = { kind: 'pareto', asOf: '2026-12-31', windowDays: 365 };
    expect((await call(staff1.ctx, 'reports.run', { request })).ok).toBe(true);
    expect((await call(callers[3]?.ctx as CallContext, 'reports.run', { request })).ok).toBe(true);
    const before = logSize();
    const apply = await call(staff1.ctx, 'reports.run', { request: { kind: 'lifecycleApply', asOf: '2026-12-31' } });
    expect(apply.ok ? null : apply.error.details?.reason).toBe('ownScope');
    expect(logSize()).toBe(before);
  });
});
