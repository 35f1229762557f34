import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { importSettings } from '../../src-shared/import/import-settings';
import { applyScheme, saveScheme } from '../../src-main/analysis/classification-service';
import type { Workspace } from '../../src-main/db/workspace';
import { runImport } from '../../src-main/import/run-import';
import { createBusinessType } from '../../src-main/services/business/business-type-service';
import { createBusinessRecord, updateBusinessRecord } from '../../src-main/services/business/business-record-service';
import { createField } from '../../src-main/services/custom-fields/field-definition-service';
import { recordFieldValue } from '../../src-main/services/custom-fields/field-history';
import { createCustomer, deleteCustomer, updateCustomer } from '../../src-main/services/customers/customer-service';
import { restoreCustomer } from '../../src-main/services/customers/deleted-customers';
import { undoLastChange } from '../../src-main/services/history/undo-service';
import { createContact, deleteContact, updateContact } from '../../src-main/services/organisation/contact-service';
import { createOrder, deleteOrder, getOrder, updateOrder } from '../../src-main/services/sales/order-service';
import { createReceipt } from '../../src-main/services/sales/receipt-service';
import { ENTITY_TABLES } from '../../src-main/services/shared/entity-tables';
import { testUser } from './temp-workspace';

// What users do, as random commands for property tests over the change log (replay into an
// empty file; convergence between sites), and a canonical dump to compare files by.

const NAMES = ['华为技术（深圳）有限公司', '杭州娃哈哈集团有限公司', '宁波港务贸易', 'ＡＢＣ贸易', '阿里巴巴', '中国石化', '个体户王小明'];
const PROVINCES = ['广东省', '浙江省', '上海市', null];
const CODES = ['KH0001', 'KH0002'];

export type Command =
  | { k: 'customer'; name: string; phone: boolean; code: string | null }
  | { k: 'editCustomer'; c: number; name: string | null; province: string | null; tags: string[]; code: string | null }
  | { k: 'deleteCustomer'; c: number }
  | { k: 'restoreCustomer'; c: number }
  | { k: 'contact'; c: number; name: string; mobile: boolean }
  | { k: 'editContact'; i: number; title: string }
  | { k: 'deleteContact'; i: number }
  | { k: 'field'; type: 'text' | 'integer' | 'select' | 'multiSelect'; track: boolean }
  | { k: 'setCustom'; c: number; f: number; value: number }
  | { k: 'pastValue'; c: number; f: number; value: number; year: number }
  | { k: 'order'; c: number; lines: [number, number][]; discount: 'none' | 'rate' | 'amount'; amountLine: boolean }
  | { k: 'editOrder'; o: number; quantity: number; discount: 'keep' | 'rate' | 'amount' | 'clearRate'; dropLine: boolean }
  | { k: 'deleteOrder'; o: number }
  | { k: 'receipt'; o: number; fen: number }
  | { k: 'record'; c: number; status: number }
  | { k: 'moveRecord'; r: number; status: number }
  | { k: 'undo'; c: number }
  | { k: 'import'; rows: { name: string; province: string | null }[] }
  | { k: 'classify'; asOf: string };

const index = fc.nat({ max: 50 });
export const command: fc.Arbitrary<Command> = fc.oneof(
  // Few codes: sites give out the same one (sync renames one of the two, code-clash.ts).
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('customer' as const),
      name: fc.constantFrom(...NAMES),
      phone: fc.boolean(),
      code: fc.option(fc.constantFrom(...CODES)),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('editCustomer' as const),
      c: index,
      name: fc.option(fc.constantFrom(...NAMES)),
      province: fc.constantFrom(...PROVINCES),
      tags: fc.subarray(['重点', '老客户', '华东']),
      code: fc.option(fc.constantFrom(...CODES), { freq: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deleteCustomer' as const), c: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('restoreCustomer' as const), c: index }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('contact' as const), c: index, name: fc.constantFrom('张伟', '李娜', '王芳'), mobile: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('editContact' as const), i: index, title: fc.constantFrom('经理', '采购', '财务') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deleteContact' as const), i: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('field' as const),
      type: fc.constantFrom('text' as const, 'integer' as const, 'select' as const, 'multiSelect' as const),
      track: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('setCustom' as const), c: index, f: index, value: fc.integer({ min: 0, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('pastValue' as const),
      c: index,
      f: index,
      value: fc.integer({ min: 1, max: 999 }),
      year: fc.integer({ min: 2019, max: 2026 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      c: index,
      lines: fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 99_999 })), { minLength: 1, maxLength: 3 }),
      discount: fc.constantFrom('none' as const, 'rate' as const, 'amount' as const),
      amountLine: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('editOrder' as const),
      o: index,
      quantity: fc.integer({ min: 1, max: 9000 }),
      discount: fc.constantFrom('keep' as const, 'rate' as const, 'amount' as const, 'clearRate' as const),
      dropLine: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deleteOrder' as const), o: index }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('receipt' as const), o: index, fen: fc.integer({ min: 1, max: 50_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('record' as const), c: index, status: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('moveRecord' as const), r: index, status: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('undo' as const), c: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('import' as const),
      rows: fc.array(
        fc.record({ name: fc.constantFrom(...NAMES, '深圳新客户', '广州天河商行'), province: fc.constantFrom('广东', '浙江省', '上海', null) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('classify' as const), asOf: fc.constantFrom('2026-06-30', '2026-12-31') }) },
);

export interface Made {
  customers: string[];
  contacts: string[];
  fields: { id: string; column: string; type: string; track: boolean }[];
  orders: string[];
  records: string[];
  typeId: string | null;
  schemeId: string | null;
}

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

export async function perform(ws: Workspace, made: Made, cmd: Command, step: number, dir: string): Promise<void> {
  const ctx = testUser;
  const customer = 'c' in cmd ? pick(made.customers, cmd.c) : undefined;
  switch (cmd.k) {
    case 'customer':
      made.customers.push(
        createCustomer(ws, ctx, { name: cmd.name, phones: cmd.phone ? ['13812345678'] : [], ...(cmd.code ? { code: cmd.code } : {}) }).id,
      );
      return;
    case 'editCustomer':
      if (customer)
        updateCustomer(ws, ctx, customer, {
          ...(cmd.name ? { name: cmd.name } : {}),
          province: cmd.province,
          tags: cmd.tags,
          ...(cmd.code ? { code: cmd.code } : {}),
        });
      return;
    case 'deleteCustomer':
      if (customer) deleteCustomer(ws, ctx, customer);
      return;
    case 'restoreCustomer': {
      const deleted = ws.db.prepare('SELECT id FROM customers WHERE deleted = 1 ORDER BY seq').pluck().all() as string[];
      const id = pick(deleted, cmd.c);
      if (id) restoreCustomer(ws, ctx, id);
      return;
    }
    case 'contact':
      if (customer)
        made.contacts.push(createContact(ws, ctx, { customerId: customer, name: cmd.name, mobile: cmd.mobile ? '13900001111' : null }).id);
      return;
    case 'editContact': {
      const contact = pick(made.contacts, cmd.i);
      if (contact) updateContact(ws, ctx, contact, { title: cmd.title });
      return;
    }
    case 'deleteContact': {
      const contact = pick(made.contacts, cmd.i);
      if (contact) deleteContact(ws, ctx, contact);
      return;
    }
    case 'field': {
      const options =
        cmd.type === 'select' || cmd.type === 'multiSelect'
          ? [
              { value: 'a', label: '甲' },
              { value: 'b', label: '乙' },
            ]
          : [];
      const field = createField(ws, ctx, { entity: 'customer', label: `字段${step}`, type: cmd.type, options, trackHistory: cmd.track });
      made.fields.push({ id: field.id, column: field.columnName, type: cmd.type, track: cmd.track });
      return;
    }
    case 'setCustom': {
      const field = pick(made.fields, cmd.f);
      if (!customer || !field) return;
      const value =
        field.type === 'integer'
          ? cmd.value * 7
          : field.type === 'select'
            ? ['a', 'b', null, 'a'][cmd.value]
            : field.type === 'multiSelect'
              ? [['a'], ['b'], [], ['a', 'b']][cmd.value]
              : ['甲', '乙', null, ''][cmd.value];
      updateCustomer(ws, ctx, customer, { custom: { [field.column]: value } });
      return;
    }
    case 'pastValue': {
      const field = pick(
        made.fields.filter((f) => f.track && (f.type === 'integer' || f.type === 'text')),
        cmd.f,
      );
      if (customer && field)
        recordFieldValue(ws, ctx, field.id, customer, field.type === 'integer' ? cmd.value : `第${cmd.value}`, `${cmd.year}-12-31`);
      return;
    }
    case 'order': {
      if (!customer) return;
      const lines = cmd.lines.map(([q, p], i) => ({
        productName: `产品${i}`,
        quantityMilli: q,
        unitPriceFen: p,
        ...(cmd.amountLine && i === 0 ? { amountFen: p * 2 + 1 } : {}),
      }));
      const discount = cmd.discount === 'rate' ? { discountBp: 1000 } : cmd.discount === 'amount' ? { discountFen: 150 } : {};
      made.orders.push(createOrder(ws, ctx, { customerId: customer, orderDate: `2026-0${1 + (step % 9)}-15`, lines, ...discount }).id);
      return;
    }
    case 'editOrder': {
      const id = pick(made.orders, cmd.o);
      if (!id) return;
      const order = getOrder(ws, id);
      const [first, ...rest] = order.lines;
      if (!first) return;
      const lines = [
        { id: first.id, productName: first.productName, quantityMilli: cmd.quantity, unitPriceFen: first.unitPriceFen, discountBp: first.discountBp },
        ...(cmd.dropLine
          ? []
          : rest.map((l) => ({
              id: l.id,
              productName: l.productName,
              quantityMilli: l.quantityMilli,
              unitPriceFen: l.unitPriceFen,
              discountBp: l.discountBp,
            }))),
      ];
      const discount =
        cmd.discount === 'rate'
          ? { discountBp: 500 }
          : cmd.discount === 'amount'
            ? { discountFen: 99 }
            : cmd.discount === 'clearRate'
              ? { discountBp: null }
              : {};
      updateOrder(ws, ctx, id, { lines, ...discount });
      return;
    }
    case 'deleteOrder': {
      const id = pick(made.orders, cmd.o);
      if (id) deleteOrder(ws, ctx, id);
      return;
    }
    case 'receipt': {
      const id = pick(made.orders, cmd.o);
      if (id) createReceipt(ws, ctx, { customerId: getOrder(ws, id).customerId, orderId: id, receiptDate: '2026-11-01', amountFen: cmd.fen });
      return;
    }
    case 'record': {
      if (!customer) return;
      made.typeId ??= createBusinessType(ws, ctx, {
        name: '销售机会',
        statuses: [
          { key: 'new', label: '新建' },
          { key: 'won', label: '赢单' },
          { key: 'lost', label: '输单' },
        ],
        transitions: { new: ['won', 'lost'] },
      }).id;
      made.records.push(
        createBusinessRecord(ws, ctx, { typeId: made.typeId, customerId: customer, title: `机会${step}`, status: ['new', 'won', 'lost'][cmd.status] })
          .id,
      );
      return;
    }
    case 'moveRecord': {
      const id = pick(made.records, cmd.r);
      if (id) updateBusinessRecord(ws, ctx, id, { status: ['new', 'won', 'lost'][cmd.status] });
      return;
    }
    case 'undo':
      if (customer) undoLastChange(ws, ctx, customer);
      return;
    case 'import': {
      const path = join(dir, `import-${step}-${uuidv7()}.csv`);
      writeFileSync(path, ['客户名称,省份', ...cmd.rows.map((r) => `${r.name},${r.province ?? ''}`)].join('\n'));
      await runImport(ws, ctx, path, importSettings.parse({ target: 'customers' }), { dryRun: false });
      made.customers = ws.db.prepare('SELECT id FROM customers ORDER BY seq').pluck().all() as string[];
      return;
    }
    case 'classify': {
      made.schemeId ??= saveScheme(ws, ctx, {
        name: '两类',
        setsCustomerClass: true,
        definition: {
          classes: [
            { key: 'A', label: '大' },
            { key: 'B', label: '小' },
          ],
          windowDays: 365,
          method: { kind: 'contribution', metric: 'revenue', cuts: [0.8, 1] },
        },
      }).id;
      applyScheme(ws, ctx, made.schemeId, cmd.asOf.slice(0, 4), cmd.asOf);
    }
  }
}

/** Every user table (custom columns included) and the classification snapshots, in a canonical order, without per-file columns. */
export function canonicalDump(ws: Workspace): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of Object.values(ENTITY_TABLES)) {
    const name = getTableName(table);
    dump[name] = (ws.db.prepare(`SELECT * FROM "${name}" ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _seq, ...row }) => row);
  }
  dump.classification_snapshots = ws.db
    .prepare(
      'SELECT scheme_id, period, customer_id, class, metrics, overridden, created_at FROM classification_snapshots ORDER BY scheme_id, period, customer_id',
    )
    .all();
  // The search index is derived too: every live customer is found by its name in both files.
  dump.search = ws.db.prepare('SELECT c.id, c.name FROM customer_search s JOIN customers c ON c.seq = s.rowid ORDER BY c.id').all();
  return dump;
}

/** The ids a command can pick from, read from the file (so any file, local or merged, can be used). */
export function knownIds(ws: Workspace): Made {
  const ids = (sql: string) => ws.db.prepare(sql).pluck().all() as string[];
  return {
    customers: ids('SELECT id FROM customers ORDER BY id'),
    contacts: ids('SELECT id FROM contacts ORDER BY id'),
    fields: (
      ws.db
        .prepare("SELECT id, column_name AS column, type, track_history AS track FROM custom_fields WHERE entity = 'customer' ORDER BY id")
        .all() as {
        id: string;
        column: string;
        type: string;
        track: number;
      }[]
    ).map((f) => ({ ...f, track: f.track === 1 })),
    orders: ids('SELECT id FROM orders ORDER BY id'),
    records: ids('SELECT id FROM business_records ORDER BY id'),
    typeId: ids('SELECT id FROM business_types ORDER BY id')[0] ?? null,
    schemeId: ids('SELECT id FROM classification_schemes ORDER BY id')[0] ?? null,
  };
}
