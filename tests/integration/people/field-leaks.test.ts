import { describe, expect, it } from 'vitest';
import type { Contest } from '../../../src-main/changelog/apply/contests';
import { recordContests } from '../../../src-main/sync/conflicts/conflict-inbox';
import { DEFAULT_POLICY, type FieldAccess, type PermissionPolicy } from '../../../src-shared/domain/permissions';
import type { Role } from '../../../src-shared/domain/enums';
import { jobFinished } from '../../support/job-events';
import { useRoleApp } from '../../support/role-app';

// Field rules where they used to leak (issue 19, session 16): quick search, shared saved queries
// and their pinned counts, report results, the sync conflict inbox. Each test shows the leak is
// closed for staff and that the manager still gets the full answer through the same method.

const roles = useRoleApp('leaks.kecard');
const { call, value } = roles;

/** Staff see every customer here: the tests are about fields, not record scope. */
async function setStaffFields(fields: Record<string, FieldAccess>): Promise<void> {
  const policy: PermissionPolicy = { ...DEFAULT_POLICY, staff: { ...DEFAULT_POLICY.staff, scope: 'all', fields } };
  await value('manager', 'permissions.save', { policy });
}

const PHONE = '13812345678';
const MOBILE = '13987654321';

async function seedCustomers(): Promise<{ eastId: string; westId: string }> {
  const east = await value<{ id: string }>('manager', 'customers.create', {
    values: { name: '华东机械有限公司', code: 'HD-7731', email: 'boss@huadong.cn', phones: [PHONE] },
  });
  await value('manager', 'contacts.create', { customerId: east.id, name: '王经理', mobile: MOBILE });
  const west = await value<{ id: string }>('manager', 'customers.create', { values: { name: '西部贸易', phones: ['02166668888'] } });
  return { eastId: east.id, westId: west.id };
}

interface Found {
  search: string[];
  count: number;
  list: number;
}
async function find(role: Role, q: string): Promise<Found> {
  const search = await value<{ hits: { id: string }[] }>(role, 'customers.search', { q });
  const count = await value<{ count: number }>(role, 'customers.searchCount', { q });
  const list = await value<{ total: number; rows: unknown[] }>(role, 'customers.list', { offset: 0, limit: 50, q });
  return { search: search.hits.map((h) => h.id), count: count.count, list: list.total };
}

describe('quick search on fields the caller may not see', () => {
  it('finds nobody by a hidden phone, code or e-mail, or a masked contact mobile; visible fields still find them', async () => {
    const { eastId } = await seedCustomers();
    await setStaffFields({ 'customer.phones': 'hidden', 'customer.code': 'hidden', 'customer.email': 'masked', 'contact.mobile': 'masked' });
    const nobody: Found = { search: [], count: 0, list: 0 };
    const east: Found = { search: [eastId], count: 1, list: 1 };
    for (const q of [PHONE, '1381234', '5678', 'HD-7731', '7731', 'huadong.cn', 'boss', MOBILE, '98765']) {
      expect(await find('staff', q), `staff: ${q}`).toEqual(nobody);
      expect(await find('manager', q), `manager: ${q}`).toEqual(east);
    }
    // What staff see in clear still finds the customer: its name, its pinyin, its contact's name.
    for (const q of ['华东', 'hdjx', '王经理']) expect(await find('staff', q), q).toEqual(east);
    // A term that matches both a visible and a hidden field of one customer: found by the visible one.
    await value('manager', 'customers.update', { id: eastId, patch: { name: '华东7731机械' } });
    expect(await find('staff', '7731')).toEqual(east);

    // Only phones hidden: only the digit runs of a query are checked again, each against what staff see.
    await setStaffFields({ 'customer.phones': 'hidden' });
    expect(await find('staff', '华东 5678')).toEqual(nobody);
    expect(await find('manager', '华东 5678')).toEqual(east);
    expect(await find('staff', '华东 7731')).toEqual(east);
    expect(await find('staff', 'hd 1381234')).toEqual(nobody);
    expect(await find('staff', 'hdjx')).toEqual(east);
  });

  it('applies to customers still waiting for their search document (after a large import)', async () => {
    const { eastId } = await seedCustomers();
    await setStaffFields({ 'customer.phones': 'hidden' });
    // As a large import leaves them: no document yet, the backlog names their seqs.
    const db = roles.app.host.workspace.db;
    const seq = db.prepare('SELECT seq FROM customers WHERE id = ?').pluck().get(eastId) as number;
    db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(seq);
    db.prepare("INSERT INTO meta (key, value) VALUES ('search.pending', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify([[seq, seq]]),
    );
    expect(await find('staff', PHONE)).toEqual({ search: [], count: 0, list: 0 });
    expect(await find('manager', PHONE)).toEqual({ search: [eastId], count: 1, list: 1 });
    expect(await find('staff', '华东机械')).toEqual({ search: [eastId], count: 1, list: 1 });
  });

  it('does not name a masked contact as the reason for a match', async () => {
    const { eastId } = await seedCustomers();
    await setStaffFields({ 'contact.name': 'masked' });
    expect(await find('staff', '王经理')).toEqual({ search: [], count: 0, list: 0 });
    const hits = await value<{ hits: { id: string; matchedContact: string | null }[] }>('manager', 'customers.search', { q: '王经理' });
    expect(hits.hits).toEqual([expect.objectContaining({ id: eastId, matchedContact: '王经理' })]);
  });
});

describe('shared saved queries naming a field the caller may not see', () => {
  it('shows such a condition without its value, marks the query not runnable and gives no pinned count', async () => {
    const field = await value<{ id: string; columnName: string }>('manager', 'fields.create', {
      entity: 'customer',
      label: '年收入',
      type: 'integer',
    });
    await value('manager', 'customers.create', {
      values: { name: '华东机械', city: '上海', phones: [PHONE], custom: { [field.columnName]: 9_000_000 } },
    });
    await value('manager', 'customers.create', { values: { name: '西部贸易', city: '上海', custom: { [field.columnName]: 10 } } });
    const where = (...children: unknown[]) => ({ entity: 'customer', where: { kind: 'group', op: 'and', children } });
    const byIncome = await value<{ id: string }>('manager', 'queries.save', {
      name: '高收入客户',
      definition: where(
        { kind: 'condition', field: 'city', operator: 'eq', value: '上海' },
        { kind: 'group', op: 'or', children: [{ kind: 'condition', field: field.columnName, operator: 'gt', value: 5_432_100 }] },
      ),
      shared: true,
      pinned: true,
    });
    const byPhone = await value<{ id: string }>('manager', 'queries.save', {
      name: '138 号段',
      definition: where({ kind: 'condition', field: 'phones', operator: 'contains', value: '1381234' }),
      shared: true,
      pinned: true,
    });
    const withPhone = await value<{ id: string }>('manager', 'queries.save', {
      name: '有电话',
      definition: where({ kind: 'condition', field: 'phones', operator: 'notEmpty' }),
      shared: true,
      pinned: true,
    });
    await setStaffFields({ [`custom.${field.id}`]: 'hidden', 'customer.phones': 'masked' });

    type Saved = { id: string; definition: unknown; problems: { path: string; code: string }[] };
    const saved = await value<Saved[]>('staff', 'queries.saved');
    const json = JSON.stringify(saved);
    for (const secret of ['5432100', '1381234']) expect(json).not.toContain(secret);
    const of = (id: string) => saved.find((q) => q.id === id);
    expect(of(byIncome.id)?.problems).toEqual([{ path: '1.0', code: 'fieldHidden' }]);
    expect(of(byPhone.id)?.problems).toEqual([{ path: '0', code: 'fieldHidden' }]);
    // Asking only whether a masked field is filled in stays allowed, as in the builder.
    expect(of(withPhone.id)?.problems).toEqual([]);
    // The visible condition keeps its value: the query still reads as what it is.
    expect(json).toContain('上海');

    const counts = await value<{ id: string; count: number | null; broken: boolean }[]>('staff', 'queries.pinnedCounts');
    expect(counts.find((c) => c.id === byIncome.id)).toEqual({ id: byIncome.id, count: null, broken: true });
    expect(counts.find((c) => c.id === byPhone.id)).toEqual({ id: byPhone.id, count: null, broken: true });
    expect(counts.find((c) => c.id === withPhone.id)).toEqual({ id: withPhone.id, count: 1, broken: false });

    // Run as stored (a client that kept the manager's definition): refused, naming the reason.
    const stored = (await value<Saved[]>('manager', 'queries.saved')).find((q) => q.id === byIncome.id);
    const run = await call('staff', 'queries.run', { definition: stored?.definition, offset: 0, limit: 10 });
    expect(run.ok ? null : run.error.details).toEqual(expect.objectContaining({ reason: 'fieldHidden' }));

    // The manager sees the values and gets the counts.
    expect(JSON.stringify(await value('manager', 'queries.saved'))).toContain('5432100');
    const managerCounts = await value<{ id: string; count: number | null }[]>('manager', 'queries.pinnedCounts');
    expect(managerCounts.find((c) => c.id === byIncome.id)?.count).toBe(1);
    expect(managerCounts.find((c) => c.id === byPhone.id)?.count).toBe(1);
  });
});

describe('report results under field rules', () => {
  /** Starts a report as `role` and waits for its job: the result, or the refusal (of the call or of the job). */
  async function report(role: Role, request: unknown): Promise<{ ok: true; result: unknown } | { ok: false; code: string; details: unknown }> {
    const started = await call<{ jobId: string }>(role, 'reports.run', { request });
    if (!started.ok) return { ok: false, code: started.error.code, details: started.error.details };
    const finished = await jobFinished(roles.events, started.value.jobId);
    if (finished.ok) return { ok: true, result: finished.result };
    return { ok: false, code: finished.error?.code ?? '?', details: finished.error?.details };
  }
  const refusedFor = (field: string) => ({
    ok: false,
    code: 'FORBIDDEN',
    details: expect.objectContaining({ field, reason: 'fieldHidden' }) as unknown,
  });

  async function seedSales(): Promise<{ ownerId: string; customerId: string }> {
    const owner = await value<{ id: string }>('manager', 'employees.create', { values: { name: '赵负责' } });
    const c = await value<{ id: string }>('manager', 'customers.create', {
      values: { name: '沉睡机械厂', ownerId: owner.id, relationshipLevel: 3, phones: [PHONE] },
    });
    await value('manager', 'orders.create', {
      customerId: c.id,
      orderDate: '2026-01-15',
      lines: [{ productName: '机床', quantityMilli: 1000, unitPriceFen: 500_000 }],
    });
    return { ownerId: owner.id, customerId: c.id };
  }

  it('shows the dormant list with the name and 负责人 as the caller may see them', async () => {
    const { customerId } = await seedSales();
    const dormant = { kind: 'dormant', asOf: '2026-12-01', dormantDays: 90 };
    await setStaffFields({ 'customer.name': 'masked', 'customer.ownerId': 'hidden' });
    const staff = await report('staff', dormant);
    expect(staff).toMatchObject({ ok: true, result: { list: [{ id: customerId, name: '沉***', owner: null }] } });
    expect(JSON.stringify(staff)).not.toContain('赵负责');
    await setStaffFields({ 'customer.name': 'hidden' });
    expect(await report('staff', dormant)).toMatchObject({ ok: true, result: { list: [{ id: customerId, name: '***', owner: '赵负责' }] } });
    expect(await report('manager', dormant)).toMatchObject({ ok: true, result: { list: [{ id: customerId, name: '沉睡机械厂', owner: '赵负责' }] } });
  }, 60_000);

  it('refuses breakdowns, filters and drills by a customer field the caller may not see', async () => {
    const { ownerId } = await seedSales();
    await setStaffFields({
      'customer.ownerId': 'hidden',
      'customer.relationshipLevel': 'masked',
      'customer.storeCode': 'hidden',
      'customer.province': 'hidden',
    });
    const cases: [unknown, string][] = [
      [{ kind: 'managers', asOf: '2026-12-01', windowDays: 365 }, 'ownerId'],
      [{ kind: 'relationship' }, 'relationshipLevel'],
      [{ kind: 'timeSeries', fromMonth: '2026-01', toMonth: '2026-12', by: 'province' }, 'province'],
      [{ kind: 'pareto', asOf: '2026-12-01', windowDays: 365, store: 'HQ' }, 'storeCode'],
      [{ kind: 'drill', target: { of: 'owner', ownerId } }, 'ownerId'],
      [{ kind: 'drill', target: { of: 'relationship', level: 3 } }, 'relationshipLevel'],
      [{ kind: 'drill', target: { of: 'month', month: '2026-01', measure: 'active', by: 'store', key: 'HQ' } }, 'storeCode'],
    ];
    for (const [request, field] of cases) {
      expect(await report('staff', request), JSON.stringify(request)).toEqual(refusedFor(field));
      expect(await report('manager', request), JSON.stringify(request)).toMatchObject({ ok: true });
    }
    // Reports not broken down by those fields still answer.
    expect(await report('staff', { kind: 'pareto', asOf: '2026-12-01', windowDays: 365 })).toMatchObject({ ok: true });
    expect(await report('staff', { kind: 'timeSeries', fromMonth: '2026-01', toMonth: '2026-12' })).toMatchObject({ ok: true });
  }, 60_000);

  it('refuses a scheme preview bucketing by a hidden custom field, and class drills when 客户分类 is hidden', async () => {
    await seedSales();
    const salary = await value<{ id: string; columnName: string }>('manager', 'fields.create', {
      entity: 'customer',
      label: '年薪',
      type: 'integer',
    });
    await setStaffFields({ [`custom.${salary.id}`]: 'hidden', 'customer.customerClass': 'hidden' });
    const preview = {
      kind: 'schemePreview',
      asOf: '2026-12-01',
      definition: {
        classes: [
          { key: 'A', label: 'A 类' },
          { key: 'B', label: 'B 类' },
        ],
        windowDays: 365,
        method: { kind: 'rules', rules: [{ classKey: 'A', all: [{ metric: `custom:${salary.columnName}`, op: 'gte', value: 300_000 }] }] },
      },
    };
    expect(await report('staff', preview)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await report('manager', preview)).toMatchObject({ ok: true });
    const classDrill = { kind: 'drill', target: { of: 'snapshotClass', schemeId: 'any', period: '本期', classKey: 'A' } };
    expect(await report('staff', classDrill)).toEqual(refusedFor('customerClass'));
  }, 60_000);

  it('leaves out a business report’s average of a custom field the caller may not see', async () => {
    const { customerId } = await seedSales();
    const type = await value<{ id: string }>('manager', 'businessTypes.createFromTemplate', { template: 'opportunity' });
    const request = { kind: 'business', typeId: type.id, asOf: '2026-12-31', windowDays: 3650 };
    const full = await report('manager', request);
    const averages = full.ok ? (full.result as { averages: { column: string }[] }).averages : [];
    expect(averages.length).toBeGreaterThan(0);
    const column = averages[0]?.column as string;
    await value('manager', 'records.create', { typeId: type.id, customerId, title: '年度采购' });
    const fieldId = roles.app.host.workspace.db.prepare('SELECT id FROM custom_fields WHERE column_name = ?').pluck().get(column) as string;
    await setStaffFields({ [`custom.${fieldId}`]: 'hidden' });
    const staff = await report('staff', request);
    expect(staff.ok).toBe(true);
    const columns = staff.ok ? (staff.result as { averages: { column: string }[] }).averages.map((a) => a.column) : [];
    expect(columns).not.toContain(column);
    expect(columns).toEqual(averages.slice(1).map((a) => a.column));
  }, 60_000);
});

describe('the sync conflict inbox under field rules', () => {
  it('hides or masks conflicting values per caller and refuses settling a hidden, masked or read-only field', async () => {
    const field = await value<{ id: string; columnName: string }>('manager', 'fields.create', { entity: 'customer', label: '底价', type: 'integer' });
    const { eastId } = await seedCustomers();
    const contactId = roles.app.host.workspace.db.prepare('SELECT id FROM contacts WHERE customer_id = ?').pluck().get(eastId) as string;
    const side = (siteId: string, at: number) => ({ siteId, userName: siteId === 'hq' ? '总部' : '南京店', at });
    const contest = (entity: 'customer' | 'contact', entityId: string, f: string, keptValue: unknown, lostValue: unknown): Contest => ({
      kind: 'field',
      entity,
      entityId,
      rootId: eastId,
      field: f,
      keptValue,
      lostValue,
      kept: side('hq', 1_700_000_000_000),
      lost: side('nj', 1_700_000_001_000),
    });
    recordContests(
      roles.app.host.workspace,
      [
        contest('customer', eastId, 'phones', [PHONE], ['13700001111']),
        contest('customer', eastId, field.columnName, 777_001, 777_002),
        contest('contact', contactId, 'mobile', MOBILE, '13600002222'),
        contest('customer', eastId, 'email', 'boss@huadong.cn', 'ceo@huadong.cn'),
        contest('customer', eastId, 'source', '展会', '网络'),
        contest('customer', eastId, 'city', '上海', '苏州'),
      ],
      new Date(),
    );
    const policy: PermissionPolicy = {
      ...DEFAULT_POLICY,
      staff: {
        ...DEFAULT_POLICY.staff,
        scope: 'all',
        areas: { ...DEFAULT_POLICY.staff.areas, sync: 'edit' },
        fields: {
          'customer.phones': 'hidden',
          [`custom.${field.id}`]: 'hidden',
          'contact.mobile': 'hidden',
          'customer.email': 'masked',
          'customer.source': 'readOnly',
          'customer.name': 'masked',
        },
      },
    };
    await value('manager', 'permissions.save', { policy });

    type Conflict = { id: number; field: string; customerName: string | null; kept: { value: unknown }; lost: { value: unknown } };
    const staff = await value<Conflict[]>('staff', 'conflicts.list');
    expect(staff.map((c) => [c.field, c.customerName, c.kept.value, c.lost.value])).toEqual([
      ['email', '华***', 'b***', 'c***'],
      ['source', '华***', '展会', '网络'],
      ['city', '华***', '上海', '苏州'],
    ]);
    const json = JSON.stringify(staff);
    for (const secret of ['1381234', '1370000', '777001', '777002', '9876', '1360000', 'huadong', '华东机械']) expect(json).not.toContain(secret);

    const all = await value<Conflict[]>('manager', 'conflicts.list');
    expect(all).toHaveLength(6);
    expect(JSON.stringify(all)).toContain('777002');
    const idOf = (f: string) => all.find((c) => c.field === f)?.id;
    for (const [f, keep] of [
      ['phones', 'kept'],
      [field.columnName, 'lost'],
      ['mobile', 'lost'],
      ['email', 'kept'],
      ['source', 'lost'],
    ] as const) {
      const refused = await call('staff', 'conflicts.resolve', { id: idOf(f), keep });
      expect(refused.ok ? null : refused.error.details, f).toEqual(expect.objectContaining({ field: f, reason: 'conflictField' }));
    }
    // Nothing was settled or written by the refusals.
    expect((await value<Conflict[]>('manager', 'conflicts.list')).length).toBe(6);
    expect(roles.app.host.workspace.db.prepare('SELECT source FROM customers WHERE id = ?').pluck().get(eastId)).toBeNull();
    // A field staff may change they settle; the manager settles any.
    expect((await call('staff', 'conflicts.resolve', { id: idOf('city'), keep: 'lost' })).ok).toBe(true);
    expect((await call('manager', 'conflicts.resolve', { id: idOf('source'), keep: 'lost' })).ok).toBe(true);
    expect(roles.app.host.workspace.db.prepare('SELECT city, source FROM customers WHERE id = ?').get(eastId)).toEqual({
      city: '苏州',
      source: '网络',
    });
  });
});

describe('the sync conflict inbox under record scope own', () => {
  it("lists and settles only the entries about the caller's customers", async () => {
    const owner = await value<{ id: string }>('manager', 'employees.create', { values: { name: '别人' } });
    const theirs = await value<{ id: string }>('manager', 'customers.create', { values: { name: '别人的客户', ownerId: owner.id } });
    const shared = await value<{ id: string }>('manager', 'customers.create', { values: { name: '无人负责的客户' } });
    const side = (siteId: string, at: number) => ({ siteId, userName: siteId, at });
    const contest = (rootId: string): Contest => ({
      kind: 'field',
      entity: 'customer',
      entityId: rootId,
      rootId,
      field: 'city',
      keptValue: '上海',
      lostValue: '苏州',
      kept: side('hq', 1_700_000_000_000),
      lost: side('nj', 1_700_000_001_000),
    });
    recordContests(roles.app.host.workspace, [contest(theirs.id), contest(shared.id)], new Date());
    await value('manager', 'permissions.save', {
      policy: { ...DEFAULT_POLICY, staff: { ...DEFAULT_POLICY.staff, scope: 'own', areas: { ...DEFAULT_POLICY.staff.areas, sync: 'edit' } } },
    });
    type Conflict = { id: number; customerId: string | null };
    const staff = await value<Conflict[]>('staff', 'conflicts.list');
    expect(staff.map((c) => c.customerId)).toEqual([shared.id]);
    const all = await value<Conflict[]>('manager', 'conflicts.list');
    const other = all.find((c) => c.customerId === theirs.id) as Conflict;
    expect((await call('staff', 'conflicts.resolve', { id: other.id, keep: 'lost' })).ok).toBe(false);
    expect(roles.app.host.workspace.db.prepare('SELECT city FROM customers WHERE id = ?').pluck().get(theirs.id)).toBeNull();
    expect(roles.app.host.workspace.db.prepare('SELECT resolution FROM sync_conflicts WHERE id = ?').pluck().get(other.id)).toBeNull();
  });
});
