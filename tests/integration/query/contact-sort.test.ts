import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_RESULT_SORTABLE } from '../../../src-shared/contract/query-methods';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { startTestShell } from '../../support/test-app';

// Contact results sort by any of their columns, through queries.run as the list calls it; a sort
// field the entity does not have is refused rather than ignored.

type Shell = Awaited<ReturnType<typeof startTestShell>>;
type Row = Record<string, string | null>;

let shell: Shell;
const call = async <T>(method: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }> =>
  (await shell.app.dispatch(method, input, shell.app.host.context)) as { ok: true; value: T } | { ok: false; error: { code: string } };
const all: QueryDefinition = { entity: 'contact', where: { kind: 'group', op: 'and', children: [] } };

beforeAll(async () => {
  shell = await startTestShell();
  const people: [string, string, Row][] = [
    ['北京华联', 'Beijing', { name: '王芳', title: '经理', mobile: '13900000002', email: 'wang@example.com', birthday: '1985-03-01' }],
    ['北京华联', 'Beijing', { name: 'Li Na', title: null, mobile: '13800000001', email: null, birthday: '1990-12-31' }],
    ['阿里巴巴', 'Alibaba', { name: '张伟', title: '总监', mobile: null, phone: '0571-88886666', email: 'zhang@example.com', birthday: null }],
    [
      '中兴通讯',
      'ZTE',
      { name: '赵敏', title: '采购', mobile: '13700000003', phone: '0755-86013388', email: 'a@example.com', birthday: '1979-06-15' },
    ],
  ];
  const customers = new Map<string, string>();
  for (const [customer, , contact] of people) {
    let id = customers.get(customer);
    if (!id) {
      const created = await call<{ id: string }>('customers.create', { values: { name: customer } });
      if (!created.ok) throw new Error(created.error.code);
      id = created.value.id;
      customers.set(customer, id);
    }
    const values = Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== null));
    const res = await call('contacts.create', { customerId: id, ...values });
    if (!res.ok) throw new Error(res.error.code);
  }
});
afterAll(async () => shell.stop());

/** SQLite's order: NULL first ascending; text by code point (the customer's name by its pinyin key). */
function expected(rows: Row[], field: string, dir: 'asc' | 'desc', key: (r: Row) => string | null): Row[] {
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const c = x === y ? ((a.id ?? '') < (b.id ?? '') ? -1 : 1) : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return c;
  });
  return (dir === 'asc' ? sorted : sorted.reverse()).map((r) => ({ ...r, [field]: r[field] ?? null }));
}

describe('sorting contact results', () => {
  it.each(CONTACT_RESULT_SORTABLE.flatMap((field) => (['asc', 'desc'] as const).map((dir) => [field, dir] as const)))(
    'sorts by %s %s',
    async (field, dir) => {
      const run = await call<{ contacts: Row[] }>('queries.run', { definition: all, offset: 0, limit: 50, sort: { field, dir } });
      expect(run.ok).toBe(true);
      if (!run.ok) return;
      const rows = run.value.contacts;
      expect(rows).toHaveLength(4);
      // The customer's name sorts by its pinyin key: 阿里巴巴 (a…) < 北京华联 (b…) < 中兴通讯 (z…).
      const pinyin: Record<string, string> = { 阿里巴巴: 'a', 北京华联: 'b', 中兴通讯: 'z' };
      const key = field === 'customerName' ? (r: Row) => pinyin[r.customerName ?? ''] ?? null : (r: Row) => r[field] ?? null;
      expect(rows.map((r) => r.id)).toEqual(expected(rows, field, dir, key).map((r) => r.id));
    },
  );

  it('pages in the sorted order', async () => {
    const page = async (offset: number) => {
      const res = await call<{ contacts: Row[] }>('queries.run', { definition: all, offset, limit: 2, sort: { field: 'mobile', dir: 'desc' } });
      return res.ok ? res.value.contacts.map((r) => r.mobile) : [];
    };
    expect([...(await page(0)), ...(await page(2))]).toEqual(['13900000002', '13800000001', '13700000003', null]);
  });

  it('refuses a sort field of the other entity', async () => {
    const contactByCode = await call('queries.run', { definition: all, offset: 0, limit: 10, sort: { field: 'code', dir: 'asc' } });
    expect(contactByCode.ok ? null : contactByCode.error.code).toBe('VALIDATION');
    const customerByBirthday = await call('queries.run', {
      definition: { ...all, entity: 'customer' },
      offset: 0,
      limit: 10,
      sort: { field: 'birthday', dir: 'asc' },
    });
    expect(customerByBirthday.ok ? null : customerByBirthday.error.code).toBe('VALIDATION');
    const unknown = await call('queries.run', { definition: all, offset: 0, limit: 10, sort: { field: 'ct.name; DROP TABLE contacts', dir: 'asc' } });
    expect(unknown.ok ? null : unknown.error.code).toBe('VALIDATION');
  });
});
