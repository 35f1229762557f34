import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { WindowSession } from '../../../src-main/people/window-session';
import type { Envelope } from '../../../src-shared/errors';
import type { TransferCounts, UserSummary } from '../../../src-shared/domain/people';
import { tempDir } from '../../support/temp-workspace';

// 停用并移交 (issue 19, "when a salesperson leaves"): one step disables the user, ends their
// sessions and moves their customers and open records to another employee, all logged.
let files: { dir: string; cleanup: () => void };
let app: ComposedApp;

beforeEach(() => {
  files = tempDir();
  app = composeApp({
    dataDir: join(files.dir, 'data'),
    shell: 'browser',
    workerDir: pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/'),
    rememberRecent: false,
  });
  app.host.create(join(files.dir, 'transfer.kecard'));
});
afterEach(async () => {
  await app.dispose();
  files.cleanup();
});

const osUser = (() => {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
})();
async function call<T>(method: string, input: unknown = {}, ctx: CallContext = app.host.context): Promise<Envelope<T>> {
  return (await app.dispatch(method, input, ctx)) as Envelope<T>;
}
async function value<T = { id: string }>(method: string, input: unknown = {}): Promise<T> {
  const envelope = await call<T>(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${JSON.stringify(envelope.error.details)}`);
  return envelope.value;
}
const db = () => app.host.workspace.db;
const count = (sql: string, ...params: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** 王五 leaves: 3 customers of his, one other's; orders open and finished; opportunities open and won. */
async function seed() {
  await value('account.setPassword', { newPassword: 'boss-pass-1' });
  const wang = await value('employees.create', { values: { name: '王五' } });
  const zhao = await value('employees.create', { values: { name: '赵六' } });
  const staff = await value<UserSummary>('users.create', {
    login: 'wangwu',
    displayName: '王五',
    role: 'staff',
    employeeId: wang.id,
    password: 'wang-pass-1',
  });
  const mine = [];
  for (const name of ['离职甲公司', '离职乙公司', '离职丙公司']) mine.push(await value('customers.create', { values: { name, ownerId: wang.id } }));
  const others = await value('customers.create', { values: { name: '赵六的公司', ownerId: zhao.id } });
  // 王五 serves two of 赵六's customers as 相关员工; 赵六 already serves the second one himself.
  const shared = await value('customers.create', { values: { name: '共管公司', ownerId: zhao.id } });
  const servesOthers = await value('customerStaff.add', { customerId: others.id, employeeId: wang.id, role: '技术支持' });
  const servesShared = await value('customerStaff.add', { customerId: shared.id, employeeId: wang.id });
  await value('customerStaff.add', { customerId: shared.id, employeeId: zhao.id });
  const order = (customerId: string, status: string) =>
    value('orders.create', {
      customerId,
      orderDate: '2026-03-01',
      ownerId: wang.id,
      status,
      lines: [{ productName: '绿茶', quantityMilli: 1000, unitPriceFen: 100 }],
    });
  const first = mine[0] as { id: string };
  const openOrder = await order(first.id, 'confirmed');
  const doneOrder = await order(first.id, 'completed');
  const type = await value('businessTypes.createFromTemplate', { template: 'opportunity' });
  const openRecord = await value('records.create', { typeId: type.id, customerId: first.id, title: '年度采购', employeeId: wang.id });
  const wonRecord = await value('records.create', { typeId: type.id, customerId: first.id, title: '去年采购', employeeId: wang.id, status: 'won' });
  return { wang, zhao, staff, mine, others, shared, servesOthers, servesShared, openOrder, doneOrder, openRecord, wonRecord };
}

describe('停用并移交', () => {
  it('previews, then moves customers and open records in one logged step, disables the user and ends their session', async () => {
    const s = await seed();
    const theirs = new WindowSession(app.host.sessions, osUser);
    await theirs.signIn(app.host.workspace, 'wangwu', 'wang-pass-1');
    expect(theirs.context(app.host.workspace).userId).toBe(s.staff.id);

    const preview = await value<TransferCounts>('users.transferPreview', { id: s.staff.id });
    expect(preview).toEqual({ fromEmployeeId: s.wang.id, customers: 3, orders: 1, records: 1, staff: 2 });
    const logBefore = count('SELECT COUNT(*) FROM change_log');

    const result = await value<{ user: UserSummary; moved: TransferCounts }>('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: s.zhao.id });
    expect(result.moved).toEqual(preview);
    expect(result.user.active).toBe(false);
    expect(theirs.context(app.host.workspace).signedOut).toBe(true);

    expect(count('SELECT COUNT(*) FROM customers WHERE owner_id = ?', s.zhao.id)).toBe(5);
    // 相关员工: moved where 赵六 was not serving yet, removed where he already was; none left for 王五.
    expect(db().prepare('SELECT employee_id, role, deleted FROM customer_staff WHERE id = ?').get(s.servesOthers.id)).toEqual({
      employee_id: s.zhao.id,
      role: '技术支持',
      deleted: 0,
    });
    expect(db().prepare('SELECT deleted FROM customer_staff WHERE id = ?').pluck().get(s.servesShared.id)).toBe(1);
    expect(count('SELECT COUNT(*) FROM customer_staff WHERE customer_id = ? AND employee_id = ? AND deleted = 0', s.shared.id, s.zhao.id)).toBe(1);
    expect(count('SELECT COUNT(*) FROM customer_staff WHERE employee_id = ? AND deleted = 0', s.wang.id)).toBe(0);
    expect(count('SELECT COUNT(*) FROM customers WHERE owner_id = ?', s.wang.id)).toBe(0);
    expect(db().prepare('SELECT owner_id FROM orders WHERE id = ?').pluck().get(s.openOrder.id)).toBe(s.zhao.id);
    // Finished work stays with who did it.
    expect(db().prepare('SELECT owner_id FROM orders WHERE id = ?').pluck().get(s.doneOrder.id)).toBe(s.wang.id);
    expect(db().prepare('SELECT employee_id FROM business_records WHERE id = ?').pluck().get(s.openRecord.id)).toBe(s.zhao.id);
    expect(db().prepare('SELECT employee_id FROM business_records WHERE id = ?').pluck().get(s.wonRecord.id)).toBe(s.wang.id);

    // One change-log entry per moved row, all in one transaction, named 'transfer'.
    const entries = db().prepare('SELECT entity, field, tx, source FROM change_log_entries WHERE n > ? ORDER BY n').all(logBefore) as {
      entity: string;
      field: string | null;
      tx: number;
      source: string;
    }[];
    expect(entries).toHaveLength(7);
    expect(new Set(entries.map((e) => e.tx)).size).toBe(1);
    // A removal is logged without a field.
    expect(entries.map((e) => `${e.entity}.${e.field ?? 'removed'}`).sort()).toEqual([
      'businessRecord.employeeId',
      'customer.ownerId',
      'customer.ownerId',
      'customer.ownerId',
      'customerStaff.employeeId',
      'customerStaff.removed',
      'order.ownerId',
    ]);
    expect(entries.every((e) => e.source === 'transfer')).toBe(true);

    const audit = db()
      .prepare("SELECT target_id AS targetId, row_count AS rowCount FROM audit_events WHERE action IN ('userTransferred', 'userDisabled')")
      .all();
    expect(audit).toEqual([
      { targetId: s.staff.id, rowCount: null },
      { targetId: s.staff.id, rowCount: 7 },
    ]);
  });

  it('leaves one 相关员工 row per customer for the heir when the leaver had two on one customer', async () => {
    const s = await seed();
    const twice = s.mine[1] as { id: string };
    await value('customerStaff.add', { customerId: twice.id, employeeId: s.wang.id, role: '销售' });
    await value('customerStaff.add', { customerId: twice.id, employeeId: s.wang.id, role: '售后' });
    await value('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: s.zhao.id });
    expect(count('SELECT COUNT(*) FROM customer_staff WHERE customer_id = ? AND employee_id = ? AND deleted = 0', twice.id, s.zhao.id)).toBe(1);
    expect(count('SELECT COUNT(*) FROM customer_staff WHERE customer_id = ? AND deleted = 0', twice.id)).toBe(1);
  });

  it('is refused for anyone but a manager, and changes nothing on a bad target', async () => {
    const s = await seed();
    const logBefore = count('SELECT COUNT(*) FROM change_log');
    const auditBefore = count('SELECT COUNT(*) FROM audit_events');
    for (const role of ['assistant', 'staff', 'viewer'] as const) {
      const ctx: CallContext = { userId: `user-${role}`, userName: role, role, origin: 'local' };
      const refused = await call('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: s.zhao.id }, ctx);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
      const preview = await call('users.transferPreview', { id: s.staff.id }, ctx);
      expect(preview.ok ? 'ok' : preview.error.code).toBe('FORBIDDEN');
    }
    const missing = await call('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: '01900000-0000-7000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.details?.fields).toEqual({ toEmployeeId: 'notFound' });
    const same = await call('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: s.wang.id });
    expect(same.ok ? null : same.error.details?.fields).toEqual({ toEmployeeId: 'sameEmployee' });
    const malformed = await call('users.disableAndTransfer', { id: s.staff.id, toEmployeeId: 42 });
    expect(malformed.ok ? null : malformed.error.code).toBe('VALIDATION');

    expect(count('SELECT COUNT(*) FROM change_log')).toBe(logBefore);
    expect(count('SELECT COUNT(*) FROM audit_events')).toBe(auditBefore);
    expect(count('SELECT COUNT(*) FROM customers WHERE owner_id = ?', s.wang.id)).toBe(3);
    expect(count('SELECT active FROM users WHERE id = ?', s.staff.id)).toBe(1);
  });

  it('rolls the moves back when the user cannot be disabled (the last manager), and refuses disabling oneself', async () => {
    const s = await seed();
    const owner = app.host.context.userId;
    await value('users.update', { id: owner, patch: { employeeId: s.wang.id } });
    const logBefore = count('SELECT COUNT(*) FROM change_log');
    // Another manager's window (a caller not in this file's users, as a CLI --as would be).
    const other: CallContext = { userId: 'user-manager', userName: '总部', role: 'admin', origin: 'local' };
    const last = await call('users.disableAndTransfer', { id: owner, toEmployeeId: s.zhao.id }, other);
    expect(last.ok ? null : last.error.details?.reason).toBe('lastManager');
    expect(count('SELECT COUNT(*) FROM change_log')).toBe(logBefore);
    expect(count('SELECT COUNT(*) FROM customers WHERE owner_id = ?', s.wang.id)).toBe(3);
    expect(count("SELECT COUNT(*) FROM audit_events WHERE action = 'userTransferred'")).toBe(0);

    const self = await call('users.disableAndTransfer', { id: owner, toEmployeeId: s.zhao.id });
    expect(self.ok ? null : self.error.details?.reason).toBe('self');
    expect(count('SELECT COUNT(*) FROM customers WHERE owner_id = ?', s.wang.id)).toBe(3);
  });
});
