import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { customerCreateInput } from '../../../src-shared/domain/customer';
import { contactCreateInput } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import { runWrite } from '../../../src-main/changelog/write-tx';
import { CustomerTreeWriter, prepareCustomerTree, type CustomerTree } from '../../../src-main/services/customers/customer-bulk';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createDepartment } from '../../../src-main/services/organisation/department-service';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import type { Workspace } from '../../../src-main/db/workspace';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function workspace(): Workspace {
  const t = tempWorkspace();
  cleanups.push(t.cleanup);
  return t.ws;
}

const customerInput = {
  name: '广州华信电子科技有限公司',
  shortName: '华信电子',
  code: 'KH0000123',
  phones: ['020-83338888'],
  tags: ['重点客户'],
  customerClass: 'A',
} as const;

function tree(): CustomerTree {
  const id = uuidv7();
  const root = uuidv7();
  const buying = uuidv7();
  return {
    id,
    customer: customerCreateInput.parse(customerInput),
    departments: [
      { id: root, parentId: null, name: '总经办' },
      { id: buying, parentId: root, name: '采购部' },
      { id: uuidv7(), parentId: root, name: '财务部' },
    ],
    contacts: [
      {
        id: uuidv7(),
        values: contactCreateInput.parse({ customerId: id, departmentId: buying, name: '张伟', mobile: '13800138000', title: '采购经理' }),
      },
      { id: uuidv7(), values: contactCreateInput.parse({ customerId: id, departmentId: null, name: '李娜', email: 'lina@huaxin.com' }) },
    ],
  };
}

/** Rows and log entries with ids, site and time replaced by stable names, for comparison. */
function normalised(ws: Workspace) {
  const names = new Map<string, string>();
  const name = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? (names.get(v) ?? names.set(v, `#${names.size}`).get(v)) : v);
  const strip = (rows: Record<string, unknown>[], drop: string[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !drop.includes(k))
          .map(([k, v]) => [k, name(v)]),
      ),
    );
  const ids = ['site_id', 'created_at', 'updated_at', 'seq'];
  return {
    customers: strip(ws.db.prepare('SELECT * FROM customers ORDER BY seq').all() as Record<string, unknown>[], ids),
    departments: strip(ws.db.prepare('SELECT * FROM departments ORDER BY rowid').all() as Record<string, unknown>[], ids),
    contacts: strip(ws.db.prepare('SELECT * FROM contacts ORDER BY rowid').all() as Record<string, unknown>[], ids),
    log: (
      ws.db.prepare('SELECT op, entity, entity_id, root_id, field, new_value FROM change_log_entries ORDER BY hlc').all() as Record<string, unknown>[]
    ).map((r) => ({
      ...r,
      entity_id: name(r.entity_id),
      root_id: name(r.root_id),
      new_value: JSON.stringify(JSON.parse(String(r.new_value)), (_k, v: unknown) => name(v)),
    })),
  };
}

describe('CustomerTreeWriter (bulk insert)', () => {
  it('stores and logs exactly what the one-by-one services store and log', () => {
    const t = tree();
    const bulk = workspace();
    runWrite(bulk, testUser, (tx) => new CustomerTreeWriter(tx).insert(prepareCustomerTree(t)));

    const single = workspace();
    const c = createCustomer(single, testUser, customerInput);
    const root = createDepartment(single, testUser, { customerId: c.id, name: '总经办' });
    const buying = createDepartment(single, testUser, { customerId: c.id, parentId: root.id, name: '采购部' });
    createDepartment(single, testUser, { customerId: c.id, parentId: root.id, name: '财务部' });
    createContact(single, testUser, { customerId: c.id, departmentId: buying.id, name: '张伟', mobile: '13800138000', title: '采购经理' });
    createContact(single, testUser, { customerId: c.id, name: '李娜', email: 'lina@huaxin.com' });

    expect(normalised(bulk)).toEqual(normalised(single));
    for (const q of ['zw', '张伟', 'hxdz', '8333', 'KH0000123', '华信']) {
      expect(
        quickSearch(bulk, q).hits.map((h) => h.name),
        q,
      ).toEqual(quickSearch(single, q).hits.map((h) => h.name));
      expect(quickSearch(bulk, q).hits).toHaveLength(1);
    }
  });

  it('keeps the service rules: duplicate code, foreign department, rolled back together', () => {
    const ws = workspace();
    createCustomer(ws, testUser, { name: '甲公司', code: 'KH0000123' });
    expect(() => runWrite(ws, testUser, (tx) => new CustomerTreeWriter(tx).insert(prepareCustomerTree(tree())))).toThrow(KecardError);

    const t = tree();
    const stray = { ...t, customer: { ...t.customer, code: 'OTHER' }, departments: t.departments.slice(1) }; // parent not in tree
    expect(() => runWrite(ws, testUser, (tx) => new CustomerTreeWriter(tx).insert(prepareCustomerTree(stray)))).toThrow(KecardError);
    expect((ws.db.prepare('SELECT count(*) n FROM customers').get() as { n: number }).n).toBe(1);
    expect((ws.db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n).toBe(1);
  });
});
