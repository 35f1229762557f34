import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/changelog/call-context';
import type { MyAccess, PermissionPolicy } from '../../../src-shared/domain/permissions';
import { useRoleApp } from '../../support/role-app';

// The permission matrix as the router applies it: defaults per role, the manager's changes taking
// effect at the next call, and the policy itself guarded, validated, logged and audited.
const roles = useRoleApp('matrix.kecard');
const { call, code, value } = roles;

describe('permission matrix', () => {
  it('applies the defaults: staff enter customers but cannot copy, export or back up the file; a viewer writes nothing', async () => {
    expect(await code('staff', 'customers.create', { values: { name: '南京示例有限公司' } })).toBe('ok');
    expect(await code('staff', 'workspace.saveCopy', { path: join(roles.dir, 'copy.kecard') })).toBe('FORBIDDEN');
    expect(await code('staff', 'backups.create', {})).toBe('FORBIDDEN');
    expect(await code('staff', 'users.list')).toBe('FORBIDDEN');
    expect(await code('viewer', 'customers.create', { values: { name: '只读公司' } })).toBe('FORBIDDEN');
    expect(await code('viewer', 'customers.list', { offset: 0, limit: 10 })).toBe('ok');
    // The copy the staff member asked for was never written.
    expect(existsSync(join(roles.dir, 'copy.kecard'))).toBe(false);
    expect(await code('manager', 'workspace.saveCopy', { path: join(roles.dir, 'copy.kecard') })).toBe('ok');
  });

  it("takes the manager's changes at the next call, logs them and audits them", async () => {
    const { policy, defaults } = await value<{ policy: PermissionPolicy; defaults: PermissionPolicy }>('manager', 'permissions.get');
    expect(policy).toEqual(defaults);
    const changed: PermissionPolicy = {
      ...policy,
      assistant: { ...policy.assistant, areas: { ...policy.assistant.areas, customers: 'view' } },
      viewer: { ...policy.viewer, areas: { ...policy.viewer.areas, customers: 'edit' } },
    };
    await value('manager', 'permissions.save', { policy: changed });
    expect(await code('assistant', 'customers.create', { values: { name: '被拒公司' } })).toBe('FORBIDDEN');
    expect(await code('viewer', 'customers.create', { values: { name: '可写公司' } })).toBe('ok');
    const mine = await value<MyAccess>('assistant', 'permissions.mine');
    expect(mine.rules.areas.customers).toBe('view');

    const db = roles.app.host.workspace.db;
    const logged = db.prepare("SELECT COUNT(*) AS n FROM change_log_entries WHERE entity = 'setting'").get() as { n: number };
    expect(logged.n).toBeGreaterThan(0);
    const audited = db.prepare("SELECT user_id AS userId FROM audit_events WHERE action = 'permissionsChanged'").all();
    expect(audited).toEqual([{ userId: 'user-manager' }]);
  });

  it('lets nobody but a manager read or change the policy, and refuses a malformed one without a change', async () => {
    const { policy } = await value<{ policy: PermissionPolicy }>('manager', 'permissions.get');
    expect(await code('assistant', 'permissions.get')).toBe('FORBIDDEN');
    expect(await code('assistant', 'permissions.save', { policy })).toBe('FORBIDDEN');
    const bad = { ...policy, staff: { ...policy.staff, areas: { customers: 'everything' } } };
    expect(await code('manager', 'permissions.save', { policy: bad })).toBe('VALIDATION');
    const unknownRole = { ...policy, manager: policy.staff };
    expect(await code('manager', 'permissions.save', { policy: unknownRole })).toBe('VALIDATION');
    expect((await value<{ policy: PermissionPolicy }>('manager', 'permissions.get')).policy).toEqual(policy);
  });

  it('answers every role its own rules, manager holding everything', async () => {
    const manager = await value<MyAccess>('manager', 'permissions.mine');
    expect(Object.values(manager.rules.areas).every((level) => level === 'manage')).toBe(true);
    const staff = await value<MyAccess>('staff', 'permissions.mine');
    expect(staff.rules.scope).toBe('own');
    expect(staff.rules.areas.export).toBe('none');
  });
});

describe('cancelling a job', () => {
  it("is for whoever started it or a manager: another user's window cannot stop it", async () => {
    const { jobId } = await value<{ jobId: string }>('assistant', 'demo.generate', { customers: 200_000, seed: 7, target: 'current' });
    const staff: CallContext = { userId: 'user-staff', userName: 'staff', role: 'staff', origin: 'local' };
    const refused = await roles.app.dispatch('jobs.cancel', { jobId }, staff);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const finished = new Promise<unknown>((resolve) => {
      roles.app.setEventSink((event) => {
        if (event.type === 'job.finished' && event.jobId === jobId) resolve(event);
      });
    });
    expect(await code('manager', 'jobs.cancel', { jobId })).toBe('ok');
    expect(await finished).toMatchObject({ ok: false, cancelled: true });
  }, 60_000);
});

describe('delegated administration', () => {
  it('lets an assistant given user administration add staff, but never touch a manager or the rules', async () => {
    const owner = roles.app.host.context;
    const ownerCall = (method: string, input: unknown) => roles.app.dispatch(method, input, owner);
    await ownerCall('account.setPassword', { newPassword: 'boss-pass-1' });
    const created = await ownerCall('users.create', { login: 'li', displayName: '小李', role: 'assistant', password: 'li-pass-1' });
    if (!created.ok) throw new Error(created.error.message);
    const li = created.value as { id: string };
    const { policy } = await value<{ policy: PermissionPolicy }>('manager', 'permissions.get');
    await value('manager', 'permissions.save', {
      policy: { ...policy, assistant: { ...policy.assistant, areas: { ...policy.assistant.areas, users: 'manage' } } },
    });
    const assistant: CallContext = { userId: li.id, userName: '小李', role: 'assistant', origin: 'local' };
    const asLi = async (method: string, input: unknown) => {
      const res = await roles.app.dispatch(method, input, assistant);
      return res.ok
        ? 'ok'
        : `${res.error.code}${(res.error.details as { reason?: string } | undefined)?.reason ? `:${(res.error.details as { reason: string }).reason}` : ''}`;
    };
    expect(await asLi('users.create', { login: 'wang', displayName: '王五', role: 'staff', password: 'wang-pass-1' })).toBe('ok');
    expect(await asLi('users.create', { login: 'boss2', displayName: '假经理', role: 'manager', password: 'boss-pass-2' })).toBe(
      'FORBIDDEN:managersOnly',
    );
    expect(await asLi('users.update', { id: li.id, patch: { role: 'manager' } })).toBe('FORBIDDEN:managersOnly');
    expect(await asLi('users.resetPassword', { id: owner.userId, password: 'taken-over' })).toBe('FORBIDDEN:managersOnly');
    expect(await asLi('users.setActive', { id: owner.userId, active: false })).toBe('FORBIDDEN:managersOnly');
    expect(await asLi('permissions.save', { policy })).toBe('FORBIDDEN:managersOnly');
    const users = await value<{ login: string; role: string; active: boolean }[]>('manager', 'users.list');
    expect(users.filter((u) => u.role === 'manager' || u.role === 'admin').every((u) => u.active)).toBe(true);
    expect(users.map((u) => u.login).sort()).toEqual([owner.userName, 'li', 'wang'].sort());
  });
});

describe('work over every customer', () => {
  it('is refused to a role that sees only its own customers, even with export and import granted', async () => {
    const { policy } = await value<{ policy: PermissionPolicy }>('manager', 'permissions.get');
    await value('manager', 'permissions.save', {
      policy: { ...policy, staff: { ...policy.staff, areas: { ...policy.staff.areas, export: 'view', import: 'edit' } } },
    });
    const refused = await call('staff', 'workspace.exportWorkbook', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'ownScope' } } });
    const settings = { target: 'customers', mode: 'validRows', headerRow: 1, mapping: { '0': 'name' } };
    const check = await call('staff', 'import.check', { fileToken: 'a'.repeat(32), settings });
    expect(check).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'ownScope' } } });
    expect(await code('assistant', 'workspace.exportWorkbook', {})).toBe('ok');
  });
});

describe('per-business-type levels and areas reached through other screens', () => {
  async function seedRecords() {
    const customer = await value<{ id: string }>('manager', 'customers.create', { values: { name: '分类型权限公司' } });
    const visit = await value<{ id: string }>('manager', 'businessTypes.createFromTemplate', { template: 'visit' });
    const deal = await value<{ id: string }>('manager', 'businessTypes.createFromTemplate', { template: 'opportunity' });
    const visitRecord = await value<{ id: string }>('manager', 'records.create', { typeId: visit.id, customerId: customer.id, title: '上门拜访' });
    const dealRecord = await value<{ id: string }>('manager', 'records.create', { typeId: deal.id, customerId: customer.id, title: '百万大单' });
    await value('manager', 'orders.create', {
      customerId: customer.id,
      orderDate: '2026-03-01',
      status: 'confirmed',
      lines: [{ productName: '绿茶', quantityMilli: 1000, unitPriceFen: 12_300 }],
    });
    const { policy } = await value<{ policy: PermissionPolicy }>('manager', 'permissions.get');
    return { customer, visit, deal, visitRecord, dealRecord, policy };
  }

  it('keeps a type closed to a role that holds the business area: no read, write, list or grouping of it', async () => {
    const s = await seedRecords();
    const assistant = s.policy.assistant;
    await value('manager', 'permissions.save', {
      policy: {
        ...s.policy,
        assistant: { ...assistant, businessTypes: { [s.deal.id]: 'none' }, areas: { ...assistant.areas, orders: 'none', expenses: 'none' } },
      },
    });
    expect(await code('assistant', 'records.get', { id: s.visitRecord.id })).toBe('ok');
    expect(await code('assistant', 'records.get', { id: s.dealRecord.id })).toBe('FORBIDDEN');
    expect(await code('assistant', 'records.update', { id: s.dealRecord.id, patch: { title: '改名' } })).toBe('FORBIDDEN');
    expect(await code('assistant', 'records.delete', { id: s.dealRecord.id })).toBe('FORBIDDEN');
    expect(await code('assistant', 'records.create', { typeId: s.deal.id, customerId: s.customer.id, title: '新商机' })).toBe('FORBIDDEN');
    expect(await code('assistant', 'records.list', { typeId: s.deal.id })).toBe('FORBIDDEN');
    const all = await value<{ total: number; rows: { id: string }[] }>('assistant', 'records.list', { customerId: s.customer.id });
    expect(all).toMatchObject({ total: 1, rows: [{ id: s.visitRecord.id }] });
    const group = { groupBy: ['status'], measures: [] };
    expect(await code('assistant', 'lists.group', { ...group, source: { entity: 'record', typeId: s.deal.id } })).toBe('FORBIDDEN');
    expect(await code('assistant', 'lists.group', { ...group, source: { entity: 'record', typeId: s.visit.id } })).toBe('ok');
    expect(await code('assistant', 'lists.group', { groupBy: [], measures: [], source: { entity: 'expense' } })).toBe('FORBIDDEN');
    // Reports and queries over the closed type's records are refused too; the builder does not offer them.
    expect(await code('assistant', 'reports.run', { request: { kind: 'business', typeId: s.deal.id, asOf: '2026-12-31', windowDays: 365 } })).toBe(
      'FORBIDDEN',
    );
    const hasDeal = (typeId: string) => ({
      entity: 'customer',
      where: { kind: 'group', op: 'and', children: [{ kind: 'related', relation: `records:${typeId}`, mode: 'has' }] },
    });
    expect(await code('assistant', 'queries.run', { definition: hasDeal(s.deal.id), offset: 0, limit: 10 })).toBe('FORBIDDEN');
    expect(await code('assistant', 'queries.run', { definition: hasDeal(s.visit.id), offset: 0, limit: 10 })).toBe('ok');
    const catalogue = await value<{ relations: { relation: string }[] }>('assistant', 'queries.fields');
    expect(catalogue.relations.map((r) => r.relation)).not.toContain(`records:${s.deal.id}`);
    expect(catalogue.relations.map((r) => r.relation)).toContain(`records:${s.visit.id}`);
    // The card's sales tabs: no orders area, no orders nor their sums.
    const related = await value<{ orders: unknown[]; summary: { orderCount: number; ordersTotalFen: number } }>('assistant', 'customers.related', {
      id: s.customer.id,
    });
    expect(related.orders).toEqual([]);
    expect(related.summary).toMatchObject({ orderCount: 0, ordersTotalFen: 0 });
    const managerSees = await value<{ summary: { ordersTotalFen: number } }>('manager', 'customers.related', { id: s.customer.id });
    expect(managerSees.summary.ordersTotalFen).toBe(12_300);
    // Nothing was written by the refused calls.
    expect(await value<{ title: string }>('manager', 'records.get', { id: s.dealRecord.id })).toMatchObject({ title: '百万大单' });
    expect(await value<{ total: number }>('manager', 'records.list', { customerId: s.customer.id })).toMatchObject({ total: 2 });
  });

  it('opens one type to a role without the business area, read-only where the type says view', async () => {
    const s = await seedRecords();
    const viewer = s.policy.viewer;
    await value('manager', 'permissions.save', {
      policy: {
        ...s.policy,
        viewer: { ...viewer, scope: 'all', businessTypes: { [s.visit.id]: 'view' }, areas: { ...viewer.areas, business: 'none' } },
      },
    });
    expect(await code('viewer', 'records.get', { id: s.visitRecord.id })).toBe('ok');
    expect(await code('viewer', 'records.get', { id: s.dealRecord.id })).toBe('FORBIDDEN');
    expect(await code('viewer', 'records.create', { typeId: s.visit.id, customerId: s.customer.id, title: '只读' })).toBe('FORBIDDEN');
    const all = await value<{ total: number; rows: { id: string }[] }>('viewer', 'records.list', {});
    expect(all).toMatchObject({ total: 1, rows: [{ id: s.visitRecord.id }] });
  });
});
