import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, deleteCustomer, insertCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { runWrite } from '../../../src-main/changelog/write-tx';
import { customerCreateInput } from '../../../src-shared/domain/customer';
import { getCustomerCard, listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createDepartment } from '../../../src-main/services/organisation/department-service';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { KecardError } from '../../../src-shared/errors';
import { tempWorkspace, testUser } from '../../support/temp-workspace';
import type { Workspace } from '../../../src-main/db/workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => {
  ({ ws, cleanup } = tempWorkspace());
});
afterEach(() => cleanup());

function fieldErrorsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KecardError);
    const e = err as KecardError;
    expect(e.code).toBe('VALIDATION');
    return e.details?.fields ?? {};
  }
  throw new Error('expected a validation error');
}

describe('customers through the service layer', () => {
  it('creates a customer, logs the creation, and finds it by pinyin initials', () => {
    const c = createCustomer(ws, testUser, { name: '中国移动通信集团广东有限公司', shortName: '广东移动', code: 'GD-001', phones: ['020-83338888'] });
    expect(c.name).toBe('中国移动通信集团广东有限公司');
    expect(c.siteId).toBe(ws.siteId);
    const history = customerHistory(ws, c.id);
    expect(history).toHaveLength(1);
    expect(history[0]?.op).toBe('create');
    expect(quickSearch(ws, 'zgyd').hits.map((h) => h.id)).toEqual([c.id]);
    expect(quickSearch(ws, '移动').hits.map((h) => h.id)).toEqual([c.id]);
    expect(quickSearch(ws, 'yidong').hits.map((h) => h.id)).toEqual([c.id]);
    expect(quickSearch(ws, '8333').hits.map((h) => h.id)).toEqual([c.id]);
    expect(quickSearch(ws, '联通').hits).toEqual([]);
  });

  it('rejects invalid input field by field and writes nothing', () => {
    const fields = fieldErrorsOf(() => createCustomer(ws, testUser, { name: '  ', phones: ['12345'], email: 'a@b' }));
    expect(fields).toEqual({ name: 'required', phones: 'phone', email: 'email' });
    expect(listCustomers(ws, { offset: 0, limit: 10 }).total).toBe(0);
    expect((ws.db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n).toBe(0);
  });

  it('refuses a duplicate code among live customers', () => {
    createCustomer(ws, testUser, { name: '甲公司', code: 'X1' });
    expect(fieldErrorsOf(() => createCustomer(ws, testUser, { name: '乙公司', code: 'X1' }))).toEqual({ code: 'duplicateCode' });
  });

  it('logs each changed field and undoes the last change', () => {
    const c = createCustomer(ws, testUser, { name: '北京字节跳动科技有限公司', customerClass: 'B' });
    updateCustomer(ws, testUser, c.id, { customerClass: 'A', city: '北京' });
    const updates = customerHistory(ws, c.id).filter((h) => h.op === 'update');
    expect(updates.map((u) => [u.field, u.oldValue, u.newValue]).sort()).toEqual([
      // 北京 is stored as the division list names it, with the province it implies.
      ['city', null, '北京市'],
      ['customerClass', 'B', 'A'],
      ['province', null, '北京市'],
    ]);
    undoLastChange(ws, testUser, c.id);
    const card = getCustomerCard(ws, c.id);
    expect(card.customer.customerClass).toBe('B');
    expect(card.customer.city).toBeNull();
    expect(card.customer.province).toBeNull();
  });

  it('refuses to undo a code change when the old code now belongs to another customer (found by the replay property)', () => {
    const a = createCustomer(ws, testUser, { name: '甲', code: 'KH0001' });
    const b = createCustomer(ws, testUser, { name: '乙' });
    updateCustomer(ws, testUser, a.id, { code: 'KH0002' });
    updateCustomer(ws, testUser, b.id, { code: 'KH0001' });
    let refused: unknown;
    try {
      undoLastChange(ws, testUser, a.id);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(KecardError);
    expect((refused as KecardError).code).toBe('UNDO_CONFLICT');
    expect(getCustomerCard(ws, a.id).customer.code).toBe('KH0002');
  });

  it('indexes contact names and keeps the organisation tree', () => {
    const c = createCustomer(ws, testUser, { name: '深圳市腾讯计算机系统有限公司' });
    const d = createDepartment(ws, testUser, { customerId: c.id, name: '采购部' });
    createContact(ws, testUser, { customerId: c.id, departmentId: d.id, name: '张伟', mobile: '13800138000' });
    const hit = quickSearch(ws, 'zw').hits[0];
    expect(hit?.id).toBe(c.id);
    expect(hit?.matchedContact).toBeNull(); // "zw" is pinyin, not a substring of 张伟
    expect(quickSearch(ws, '张伟').hits[0]?.matchedContact).toBe('张伟');
    deleteCustomer(ws, testUser, c.id);
    expect(quickSearch(ws, '张伟').hits).toEqual([]);
  });
});

describe('customer list paging', () => {
  it('pages through every customer once, in pinyin order, for each sort column', () => {
    const names = [
      '中国银行',
      '阿里巴巴',
      '百度在线',
      '长城汽车',
      '比亚迪',
      '中兴通讯',
      '华为技术',
      '小米科技',
      '格力电器',
      '美的集团',
      '海尔智家',
      '京东世纪',
    ];
    names.forEach((name, i) =>
      createCustomer(ws, testUser, { name, code: `C${(i * 7) % 12}`, city: i % 2 ? '深圳' : '北京', relationshipLevel: (i % 4) + 1 }),
    );
    for (const field of ['name', 'code', 'city', 'relationshipLevel', 'createdAt'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        for (let offset = 0; offset < names.length; offset += 5) {
          const page = listCustomers(ws, { offset, limit: 5, sort: { field, dir } });
          expect(page.total).toBe(names.length);
          seen.push(...page.rows.map((r) => r.name));
        }
        expect([...seen].sort()).toEqual([...names].sort());
        if (field === 'name' && dir === 'asc') expect(seen.slice(0, 3)).toEqual(['阿里巴巴', '百度在线', '比亚迪']);
      }
    }
  });
});

describe('undo scope and patches', () => {
  it('undoes only this card’s part of a transaction that wrote many customers', () => {
    const ids = runWrite(ws, testUser, (tx) => [
      insertCustomer(tx, customerCreateInput.parse({ name: '批量一号' })),
      insertCustomer(tx, customerCreateInput.parse({ name: '批量二号' })),
    ]);
    undoLastChange(ws, testUser, ids[0] as string);
    expect(listCustomers(ws, { offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['批量二号']);
    undoLastChange(ws, testUser, ids[1] as string);
    expect(listCustomers(ws, { offset: 0, limit: 10 }).total).toBe(0);
  });

  it('leaves fields a patch does not name as they were', () => {
    const c = createCustomer(ws, testUser, { name: '老客户', kind: 'individual', lifecycle: 'repeat' });
    const renamed = updateCustomer(ws, testUser, c.id, { name: '老客户（新名）' });
    expect([renamed.kind, renamed.lifecycle]).toEqual(['individual', 'repeat']);
    expect(
      customerHistory(ws, c.id)
        .filter((h) => h.op === 'update')
        .map((h) => h.field),
    ).toEqual(['name']);
  });
});
