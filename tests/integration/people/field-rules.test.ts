import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, FIELD_ACCESS, type FieldAccess, type PermissionPolicy } from '../../../src-shared/domain/permissions';
import type { Role } from '../../../src-shared/domain/enums';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { jobFinished } from '../../support/job-events';
import { useRoleApp } from '../../support/role-app';

// Per-field rules as main applies them (issue 19): a field hidden from staff is in no output of any
// method and no file they export, nor a column, condition, grouping or total; a masked one shows
// masked; a hidden, masked or read-only field in a patch is refused with nothing written.

const roles = useRoleApp('fields.kecard');
const { call, value } = roles;
async function refusal(role: Role, method: string, input: unknown): Promise<{ code: string; details: unknown }> {
  const envelope = await call(role, method, input);
  if (envelope.ok) return { code: 'ok', details: null };
  return { code: envelope.error.code, details: envelope.error.details };
}

/** Staff may see every customer and export here: the tests are about fields, not scope or areas. */
async function setStaffFields(fields: Record<string, FieldAccess>): Promise<void> {
  const policy: PermissionPolicy = {
    ...DEFAULT_POLICY,
    staff: { ...DEFAULT_POLICY.staff, scope: 'all', areas: { ...DEFAULT_POLICY.staff.areas, export: 'edit' }, fields },
  };
  await value('manager', 'permissions.save', { policy });
}

async function fileOf(jobId: string): Promise<string> {
  const finished = await jobFinished(roles.events, jobId);
  if (!finished.ok) throw new Error(`job failed: ${JSON.stringify(finished.error)}`);
  return roles.app.host.staged.get((finished.result as { downloadToken: string }).downloadToken).path;
}
async function xlsxText(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells: string[] = [];
  for (const sheet of wb.worksheets) sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

const INCOME = 8_880_321;
const MOBILE = '13912345678';

interface Seeded {
  fieldId: string;
  column: string;
  customerId: string;
  contactId: string;
}
async function seed(): Promise<Seeded> {
  const field = await value<{ id: string; columnName: string }>('manager', 'fields.create', {
    entity: 'customer',
    label: '年收入',
    type: 'integer',
    trackHistory: true,
  });
  const customer = await value<{ id: string }>('manager', 'customers.create', {
    values: { name: '华东机械有限公司', source: '展会', phones: ['13812345678'], custom: { [field.columnName]: INCOME } },
  });
  await value('manager', 'customers.update', { id: customer.id, patch: { custom: { [field.columnName]: INCOME + 1 } } });
  const contact = await value<{ id: string }>('manager', 'contacts.create', { customerId: customer.id, name: '王经理', mobile: MOBILE });
  await value('manager', 'orders.create', {
    customerId: customer.id,
    orderDate: '2026-11-20',
    lines: [{ productName: '机床', quantityMilli: 1000, unitPriceFen: 500_000 }],
  });
  return { fieldId: field.id, column: field.columnName, customerId: customer.id, contactId: contact.id };
}

const everyone: QueryDefinition = { entity: 'customer', where: { kind: 'group', op: 'and', children: [] } };

/** What staff can read about the customer through every reading method, as one JSON text. */
async function staffReads(s: Seeded, role: Role = 'staff'): Promise<Record<string, string>> {
  const reads: Record<string, unknown> = {
    card: await value(role, 'customers.get', { id: s.customerId }),
    list: await value(role, 'customers.list', { offset: 0, limit: 50 }),
    search: await value(role, 'customers.search', { q: '华东' }),
    related: await value(role, 'customers.related', { id: s.customerId }),
    query: await value(role, 'queries.run', { definition: everyone, offset: 0, limit: 50 }),
    contactQuery: await value(role, 'queries.run', { definition: { ...everyone, entity: 'contact' }, offset: 0, limit: 50 }),
    queryFields: await value(role, 'queries.fields'),
    fieldsList: await value(role, 'fields.list', { entity: 'customer' }),
    history: await value(role, 'customers.history', { id: s.customerId }),
    historyView: await value(role, 'customers.historyView', { id: s.customerId }),
    fieldHistory: await value(role, 'fields.history', { fieldId: s.fieldId, rowId: s.customerId }),
    groups: await value(role, 'lists.group', { source: { entity: 'customer' }, groupBy: ['city'], measures: [] }),
  };
  return Object.fromEntries(Object.entries(reads).map(([k, v]) => [k, JSON.stringify(v)]));
}

describe('field rules', () => {
  it('hides 年收入 from staff in card, list, search, query, history, field lists and groups, and refuses it as a column, condition or grouping', async () => {
    const s = await seed();
    await setStaffFields({ [`custom.${s.fieldId}`]: 'hidden' });

    for (const [read, json] of Object.entries(await staffReads(s))) {
      for (const secret of [String(INCOME), String(INCOME + 1), s.column, '年收入']) expect(json, `${read} shows ${secret}`).not.toContain(secret);
    }
    // Not vacuous: the manager reads all of it through the same methods.
    const managerReads = await staffReads(s, 'manager');
    expect(managerReads.card).toContain(String(INCOME + 1));
    expect(managerReads.query).toContain(String(INCOME + 1));
    expect(managerReads.queryFields).toContain(s.column);
    expect(managerReads.fieldsList).toContain('年收入');
    expect(managerReads.history).toContain(String(INCOME));
    expect(managerReads.fieldHistory).toContain(String(INCOME + 1));

    const byIncome: QueryDefinition = {
      entity: 'customer',
      where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: s.column, operator: 'gt', value: 1_000_000 }] },
    };
    // As a condition (run, count, saved, bulk target), a grouping, a total or an export column: refused, naming the field.
    for (const [method, input] of [
      ['queries.run', { definition: byIncome, offset: 0, limit: 10 }],
      ['queries.count', { definition: byIncome }],
      ['queries.save', { name: '高收入', definition: byIncome, shared: false, pinned: false }],
      ['lists.group', { source: { entity: 'customer' }, groupBy: [s.column], measures: [] }],
      ['lists.group', { source: { entity: 'customer' }, groupBy: ['city'], measures: [{ field: s.column, fn: 'sum' }] }],
      ['lists.group', { source: { entity: 'customer', definition: byIncome }, groupBy: ['city'], measures: [] }],
      ['queries.export', { definition: everyone, format: 'csv', columns: [{ key: s.column, header: '年收入' }], fileName: 'x' }],
    ] as const) {
      expect(await refusal('staff', method, input), method).toEqual({
        code: 'FORBIDDEN',
        details: expect.objectContaining({ field: s.column }) as unknown,
      });
      expect(await refusal('manager', method, input), method).toMatchObject({ code: 'ok' });
    }
  });

  it('leaves 年收入 out of what staff export: a query export and the whole workbook', async () => {
    const s = await seed();
    await setStaffFields({ [`custom.${s.fieldId}`]: 'hidden', 'contact.mobile': 'masked' });

    const csv = await value<{ jobId: string }>('staff', 'queries.export', {
      definition: everyone,
      format: 'csv',
      columns: [
        { key: 'name', header: '客户名称' },
        { key: 'phones', header: '电话', kind: 'list' },
      ],
      fileName: '客户',
    });
    const csvText = readFileSync(await fileOf(csv.jobId), 'utf8');
    expect(csvText).toContain('华东机械有限公司');
    expect(csvText).not.toContain(String(INCOME + 1));

    const contacts = await value<{ jobId: string }>('staff', 'queries.export', {
      definition: { ...everyone, entity: 'contact' },
      format: 'csv',
      columns: [
        { key: 'name', header: '联系人' },
        { key: 'mobile', header: '手机' },
      ],
      fileName: '联系人',
    });
    const contactsText = readFileSync(await fileOf(contacts.jobId), 'utf8');
    expect(contactsText).toContain('139****5678');
    expect(contactsText).not.toContain('5678 ');
    expect(contactsText.replace(/\D/g, '')).not.toContain(MOBILE);

    const workbook = await value<{ jobId: string }>('staff', 'workspace.exportWorkbook');
    const text = await xlsxText(await fileOf(workbook.jobId));
    expect(text).toContain('华东机械有限公司');
    expect(text).toContain('139****5678');
    for (const secret of [String(INCOME + 1), '年收入', '1391234']) expect(text).not.toContain(secret);

    // The manager's workbook has both.
    const full = await value<{ jobId: string }>('manager', 'workspace.exportWorkbook');
    const fullText = await xlsxText(await fileOf(full.jobId));
    expect(fullText).toContain('年收入');
    expect(fullText).toContain(String(INCOME + 1));
  }, 60_000);

  it('answers a report drill with customers whose 年收入 staff do not see', async () => {
    const s = await seed();
    await setStaffFields({ [`custom.${s.fieldId}`]: 'hidden' });
    const started = await value<{ jobId: string }>('staff', 'reports.run', {
      request: { kind: 'drill', target: { of: 'paretoTop', asOf: '2026-12-01', windowDays: 365, share: 1 } },
    });
    const finished = await jobFinished(roles.events, started.jobId);
    expect(finished.ok).toBe(true);
    const drill = finished.result as { definition: QueryDefinition; figure: unknown };
    const rows = await value<{ total: number; customers: unknown[] }>('staff', 'queries.run', { definition: drill.definition, offset: 0, limit: 50 });
    expect(rows.total).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(String(INCOME + 1));
    expect(JSON.stringify(await value('manager', 'queries.run', { definition: drill.definition, offset: 0, limit: 50 }))).toContain(
      String(INCOME + 1),
    );
  }, 60_000);

  it('masks contact phones for staff (138****5678), in the card, query results and history', async () => {
    const s = await seed();
    await setStaffFields({ 'contact.mobile': 'masked' });
    const card = await value<{ contacts: { mobile: string | null }[] }>('staff', 'customers.get', { id: s.customerId });
    expect(card.contacts[0]?.mobile).toBe('139****5678');
    const contacts = await value<{ contacts: { mobile: string | null }[] }>('staff', 'queries.run', {
      definition: { ...everyone, entity: 'contact' },
      offset: 0,
      limit: 10,
    });
    expect(contacts.contacts.map((c) => c.mobile)).toEqual(['139****5678']);
    const history = JSON.stringify(await value('staff', 'customers.history', { id: s.customerId }));
    expect(history).toContain('139****5678');
    expect(history).not.toContain(MOBILE);
    // A condition on the masked field would read it digit by digit: only "is it filled in" is asked.
    const byMobile = (operator: 'startsWith' | 'notEmpty') => ({
      definition: {
        entity: 'contact',
        where: {
          kind: 'group',
          op: 'and',
          children: [{ kind: 'condition', field: 'mobile', operator, ...(operator === 'startsWith' ? { value: '1391' } : {}) }],
        },
      },
      offset: 0,
      limit: 10,
    });
    expect((await refusal('staff', 'queries.run', byMobile('startsWith'))).code).toBe('FORBIDDEN');
    expect((await refusal('staff', 'queries.run', byMobile('notEmpty'))).code).toBe('ok');
    // The manager sees the number.
    const managerCard = await value<{ contacts: { mobile: string | null }[] }>('manager', 'customers.get', { id: s.customerId });
    expect(managerCard.contacts[0]?.mobile).toBe(MOBILE);
  });

  it('refuses a hidden, masked or read-only field in any patch, writing nothing', async () => {
    const s = await seed();
    await setStaffFields({ [`custom.${s.fieldId}`]: 'hidden', 'contact.mobile': 'masked', 'customer.source': 'readOnly' });
    const db = roles.app.host.workspace.db;
    const logged = () => (db.prepare('SELECT COUNT(*) AS n FROM change_log_entries').get() as { n: number }).n;
    const before = logged();
    const customersBefore = (db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;
    const refused: [string, unknown, string][] = [
      ['customers.update', { id: s.customerId, patch: { source: '网络' } }, 'source'],
      ['customers.update', { id: s.customerId, patch: { city: '苏州', custom: { [s.column]: 1 } } }, s.column],
      ['customers.create', { values: { name: '新公司', source: '转介绍' } }, 'source'],
      ['customers.create', { values: { name: '新公司', custom: { [s.column]: 5 } } }, s.column],
      ['contacts.update', { id: s.contactId, patch: { mobile: '139****5678' } }, 'mobile'],
      ['contacts.create', { customerId: s.customerId, name: '李四', mobile: '13700001111' }, 'mobile'],
      ['fields.recordValue', { fieldId: s.fieldId, rowId: s.customerId, value: 3, effectiveDate: '2026-12-01' }, s.fieldId],
    ];
    for (const [method, input, field] of refused) {
      expect(await refusal('staff', method, input), method).toEqual({ code: 'FORBIDDEN', details: expect.objectContaining({ field }) as unknown });
    }
    expect(logged()).toBe(before);
    expect((db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n).toBe(customersBefore);
    expect(db.prepare(`SELECT source, ${s.column} AS income FROM customers WHERE id = ?`).get(s.customerId)).toEqual({
      source: '展会',
      income: INCOME + 1,
    });
    // Undo does not change back what staff may not change either.
    await value('manager', 'customers.update', { id: s.customerId, patch: { custom: { [s.column]: 42 } } });
    expect(await refusal('staff', 'customers.undo', { id: s.customerId })).toEqual({
      code: 'FORBIDDEN',
      details: expect.objectContaining({ field: s.column }) as unknown,
    });
    expect(db.prepare(`SELECT ${s.column} AS income FROM customers WHERE id = ?`).get(s.customerId)).toEqual({ income: 42 });
    // Fields without a rule stay editable for staff; the manager may change all of them.
    expect((await refusal('staff', 'customers.update', { id: s.customerId, patch: { city: '苏州' } })).code).toBe('ok');
    expect((await refusal('staff', 'contacts.update', { id: s.contactId, patch: { title: '采购经理' } })).code).toBe('ok');
    expect((await refusal('manager', 'customers.update', { id: s.customerId, patch: { source: '网络', custom: { [s.column]: 7 } } })).code).toBe(
      'ok',
    );
  });
});

// The property: for random rules over a set of fields and random customers, no value of a hidden
// or masked field appears anywhere in what staff read through the reading methods.
const TEXT_FIELDS = [
  'customer.address',
  'customer.notes',
  'customer.industry',
  'customer.email',
  'customer.phones',
  'contact.mobile',
  'contact.email',
  'contact.notes',
] as const;

describe('field rules (property)', () => {
  it('nothing hidden or masked appears in the JSON of any reading method', async () => {
    const text = await value<{ id: string; columnName: string }>('manager', 'fields.create', { entity: 'customer', label: '客户机密', type: 'text' });
    const num = await value<{ id: string; columnName: string }>('manager', 'fields.create', { entity: 'customer', label: '年收入', type: 'integer' });
    const onContact = await value<{ id: string; columnName: string }>('manager', 'fields.create', {
      entity: 'contact',
      label: '私人微信',
      type: 'text',
    });
    const keys = [...TEXT_FIELDS, `custom.${text.id}`, `custom.${num.id}`, `custom.${onContact.id}`];
    /** Every value written, per rule key: none may show once its key is hidden or masked. */
    const written = new Map<string, string[]>(keys.map((k) => [k, []]));
    let n = 0;
    /** One 8-digit number per field and customer; fields draw from separate millions so no token is inside another's. */
    const tokenOf = (field: number) => String(10_000_000 + field * 1_000_000 + n * 97);

    const ruleSet = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...FIELD_ACCESS), { maxKeys: keys.length });
    await fc.assert(
      fc.asyncProperty(ruleSet, fc.integer({ min: 1, max: 3 }), async (rules, count) => {
        for (let i = 0; i < count; i += 1) {
          n += 1;
          const t = keys.map((_k, j) => tokenOf(j));
          const v: Record<string, string> = {
            'customer.address': `地址Q${t[0]}`,
            'customer.notes': `备注Q${t[1]}`,
            'customer.industry': `行业Q${t[2]}`,
            'customer.email': `q${t[3]}@example.cn`,
            'customer.phones': `137${t[4]}`,
            'contact.mobile': `135${t[5]}`,
            'contact.email': `c${t[6]}@example.cn`,
            'contact.notes': `联系人备注Q${t[7]}`,
            [`custom.${text.id}`]: `机密Q${t[8]}`,
            [`custom.${num.id}`]: String(t[9]),
            [`custom.${onContact.id}`]: `wxQ${t[10]}`,
          };
          // What must not show: the whole text, or a phone's digits past its first three.
          for (const [k, x] of Object.entries(v)) written.get(k)?.push(k.endsWith('phones') || k.endsWith('mobile') ? x.slice(3) : x);
          const c = await value<{ id: string }>('manager', 'customers.create', {
            values: {
              name: `客户甲${n}`,
              address: v['customer.address'],
              notes: v['customer.notes'],
              industry: v['customer.industry'],
              email: v['customer.email'],
              phones: [v['customer.phones']],
              custom: { [text.columnName]: v[`custom.${text.id}`], [num.columnName]: Number(t[9]) },
            },
          });
          await value('manager', 'contacts.create', {
            customerId: c.id,
            name: `联系人乙${n}`,
            mobile: v['contact.mobile'],
            email: v['contact.email'],
            notes: v['contact.notes'],
            custom: { [onContact.columnName]: v[`custom.${onContact.id}`] },
          });
        }
        await setStaffFields(rules);
        const some = await value<{ rows: { id: string }[] }>('staff', 'customers.list', { offset: 0, limit: 500 });
        const jsons: string[] = [JSON.stringify(some)];
        for (const { id } of some.rows.slice(-3)) {
          jsons.push(JSON.stringify(await value('staff', 'customers.get', { id })));
          jsons.push(JSON.stringify(await value('staff', 'customers.history', { id })));
          jsons.push(JSON.stringify(await value('staff', 'customers.historyView', { id })));
        }
        jsons.push(JSON.stringify(await value('staff', 'customers.search', { q: '客户' })));
        jsons.push(JSON.stringify(await value('staff', 'queries.run', { definition: everyone, offset: 0, limit: 500 })));
        jsons.push(JSON.stringify(await value('staff', 'queries.run', { definition: { ...everyone, entity: 'contact' }, offset: 0, limit: 500 })));
        const shown = jsons.map((j) => j.replace(/[\s-]/g, ''));
        for (const [key, access] of Object.entries(rules)) {
          if (access !== 'hidden' && access !== 'masked') continue;
          for (const secret of written.get(key) ?? []) {
            const leak = shown.find((j) => j.includes(secret.replace(/[\s-]/g, '')));
            expect(leak, `${key} (${access}) shows ${secret}`).toBeUndefined();
          }
        }
      }),
      { numRuns: 12, seed: 20261207 },
    );
  }, 120_000);
});
