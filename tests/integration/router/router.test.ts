import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src-shared/contract/methods';
import { startTestShell } from '../../support/test-app';

let shell: Awaited<ReturnType<typeof startTestShell>>;
beforeAll(async () => {
  shell = await startTestShell();
});
afterAll(async () => {
  await shell.stop();
});

describe('router', () => {
  it('checks the role before anything else', async () => {
    const assistant = { ...shell.app.host.context, role: 'assistant' as const };
    const res = await shell.app.dispatch('employees.create', { values: { name: '王芳' } }, assistant);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const allowed = await shell.app.dispatch('customers.create', { values: { name: '助理录入有限公司' } }, assistant);
    expect(allowed.ok).toBe(true);
  });

  it('rejects fields the contract does not know', async () => {
    const res = await shell.app.dispatch('customers.create', { values: { name: '甲', siteId: 'forged' } }, shell.app.host.context);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { values: 'unknownField' } } } });
  });

  it('answers every contract method with an envelope, never a throw', async () => {
    for (const method of METHOD_NAMES) {
      const res = await shell.app.dispatch(method, { bogus: true }, shell.app.host.context);
      expect(typeof res.ok).toBe('boolean');
      if (!res.ok) expect(res.error.code).not.toBe('INTERNAL');
    }
  });

  it('walks a customer card through create, organisation, edit, undo and history', async () => {
    const ctx = shell.app.host.context;
    const call = async (m: string, input: unknown) => {
      const r = await shell.app.dispatch(m, input, ctx);
      if (!r.ok) throw new Error(`${m}: ${r.error.code} ${JSON.stringify(r.error.details)}`);
      return r.value as Record<string, unknown>;
    };
    const c = await call('customers.create', { values: { name: '成都天府软件园有限公司', customerClass: 'C' } });
    const dept = await call('departments.create', { customerId: c.id, name: '信息中心' });
    await expect(
      call('contacts.create', { customerId: c.id, departmentId: dept.id, name: '刘洋', mobile: '13912345678', birthday: '1985-02-29' }),
    ).rejects.toThrow('"birthday":"date"');
    await call('contacts.create', { customerId: c.id, departmentId: dept.id, name: '刘洋', mobile: '13912345678', birthday: '1984-02-29' });
    await call('customers.update', { id: c.id, patch: { customerClass: 'A' } });
    const undone = await call('customers.undo', { id: c.id });
    expect((undone.card as { customer: { customerClass: string } }).customer.customerClass).toBe('C');
    const history = (await shell.app.dispatch('customers.history', { id: c.id }, ctx)) as {
      ok: true;
      value: { op: string; entity: string; undoOf: string | null }[];
    };
    expect(history.value.map((h) => `${h.entity}:${h.op}${h.undoOf ? ':undo' : ''}`)).toEqual([
      'customer:update:undo',
      'customer:update',
      'contact:create',
      'department:create',
      'customer:create',
    ]);
  });
});
