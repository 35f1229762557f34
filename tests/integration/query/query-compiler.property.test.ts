import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { applyScheme, saveScheme } from '../../../src-main/analysis/classification-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { addToFolder, createFolder } from '../../../src-main/services/favourites/favourite-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { localDate } from '../../../src-shared/query/relative-dates';
import { RELATIVE_PERIODS } from '../../../src-shared/query/query-tree';
import { RESULT_LIMITS, countQuery, matchingIds, runCustomerQuery } from '../../../src-main/services/query/run-query';
import { compileWhere } from '../../../src-main/services/query/compile-query';
import { useOrderFacts } from '../../../src-main/services/query/order-facts-conditions';
import { factsMatches } from '../../../src-main/services/query/customer-facts-test';
import { SalesFacts } from '../../../src-main/analysis/facts/sales-facts';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { SORT_SQL } from '../../../src-main/services/customers/customer-queries';
import { CUSTOMER_SORTABLE } from '../../../src-shared/domain/customer';
import { snapshotFieldKey, snapshotRevenueFieldKey } from '../../../src-shared/query/query-fields';
import type { ConditionNode, GroupNode, QueryDefinition, QueryNode } from '../../../src-shared/query/query-tree';
import { evaluate, type ModelRow } from '../../support/query-model';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Random data in a real workspace, random query trees: the compiled SQL must return exactly what
// the in-memory model returns.

const NOW = new Date(2026, 1, 26, 15, 30); // 26 Feb 2026 (not a leap year), afternoon local time
const NAMES = ['华为技术有限公司', '中兴通讯', 'Alpha Trading', 'alpha 贸易', '北京华联', '小米'];
const CITIES = ['北京', '上海', '深圳', null];
const TAGS = ['VIP', '展会', '老客户', 'vip'];
const PHONES = ['010-62345678', '13800138000', '0755-86013388', '13912345678'];
const BIRTHDAYS = ['1980-02-28', '1984-02-29', '1990-03-01', '1975-03-05', '1988-12-31', '1992-02-26', null];
const DAYS_AGO = [0, 1, 3, 10, 40, 100, 400];
const CONTACT_NAMES = ['张伟', '王芳', 'Li Na', '李娜'];

let ws: Workspace;
let path: string;
let cleanup: () => void;
let customers: ModelRow[] = [];
let contacts: ModelRow[] = [];
let folderIds: string[] = [];
let schemeId = '';

beforeAll(() => {
  ({ ws, path, cleanup } = tempWorkspace());
  const rnd = fc.sample(
    fc.record({
      name: fc.constantFrom(...NAMES),
      city: fc.constantFrom(...CITIES),
      customerClass: fc.constantFrom('A', 'B', 'C', 'D', null),
      relationshipLevel: fc.constantFrom(1, 2, 3, 4, null),
      tags: fc.subarray(TAGS),
      phones: fc.subarray(PHONES, { maxLength: 2 }),
      daysAgo: fc.constantFrom(...DAYS_AGO),
      contacts: fc.array(
        fc.record({ name: fc.constantFrom(...CONTACT_NAMES), birthday: fc.constantFrom(...BIRTHDAYS), title: fc.constantFrom('经理', '总监', null) }),
        {
          maxLength: 3,
        },
      ),
      folder: fc.constantFrom(0, 1, null),
      orders: fc.array(
        fc.record({
          daysAgo: fc.constantFrom(1, 20, 100, 300, 500),
          yuan: fc.constantFrom(50, 500, 5_000, 60_000),
          status: fc.constantFrom('draft' as const, 'confirmed' as const, 'shipped' as const, 'completed' as const, 'cancelled' as const),
        }),
        { maxLength: 3 },
      ),
    }),
    { numRuns: 60, seed: 20261123 },
  );
  folderIds = [createFolder(ws, testUser, '重点客户', 'customer').id, createFolder(ws, testUser, '待跟进', 'customer').id];
  schemeId = saveScheme(ws, testUser, {
    name: '订单数分类',
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: '多次' },
        { key: 'B', label: '一次' },
        { key: 'C', label: '没有' },
      ],
      windowDays: 365,
      method: {
        kind: 'rules',
        rules: [
          { classKey: 'A', all: [{ metric: 'orders', op: 'gte', value: 2 }] },
          { classKey: 'B', all: [{ metric: 'orders', op: 'gte', value: 1 }] },
        ],
      },
    },
  }).id;
  for (const [i, r] of rnd.entries()) {
    // P1 is taken half way (the later customers are absent from it) on an older date, P2 at the end.
    if (i === rnd.length / 2) applyScheme(ws, testUser, schemeId, 'P1', localDate(new Date(NOW.getTime() - 200 * 86_400_000)));
    const at = new Date(NOW.getTime() - r.daysAgo * 86_400_000 - 3_600_000 * 20);
    const c = createCustomer(
      ws,
      testUser,
      { name: r.name, city: r.city, customerClass: r.customerClass, relationshipLevel: r.relationshipLevel, tags: r.tags, phones: r.phones },
      { now: at },
    );
    for (const ct of r.contacts) createContact(ws, testUser, { customerId: c.id, ...ct });
    for (const o of r.orders) {
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: localDate(new Date(NOW.getTime() - o.daysAgo * 86_400_000)),
        status: o.status,
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: o.yuan * 100 }],
      });
    }
    if (r.folder !== null) addToFolder(ws, testUser, folderIds[r.folder] as string, [c.id]);
  }
  applyScheme(ws, testUser, schemeId, 'P2', localDate(NOW));
  const snapshots = ws.db
    .prepare("SELECT customer_id AS c, period AS p, class AS k, json_extract(metrics, '$.revenue') AS revenue FROM classification_snapshots")
    .all() as {
    c: string;
    p: string;
    k: string;
    revenue: number;
  }[];
  const folderMap = new Map<string, string[]>();
  for (const f of ws.db.prepare('SELECT folder_id, item_id FROM favourite_items WHERE deleted = 0').all() as {
    folder_id: string;
    item_id: string;
  }[]) {
    folderMap.set(f.item_id, [...(folderMap.get(f.item_id) ?? []), f.folder_id]);
  }
  // The model reads back what the services stored, so it sees the same normalised values.
  contacts = (
    ws.db
      .prepare('SELECT id, customer_id, name, title, mobile, phone, email, birthday, notes, created_at AS createdAt FROM contacts')
      .all() as ModelRow[]
  ).map((c) => ({ ...c, folders: folderMap.get(c.id) ?? [] }));
  const orders = ws.db
    .prepare('SELECT id, customer_id, order_no AS orderNo, order_date AS orderDate, status, total_fen AS totalFen FROM orders')
    .all() as ModelRow[];
  customers = (
    ws.db
      .prepare(
        `SELECT id, name, short_name AS shortName, code, city, class AS customerClass, relationship_level AS relationshipLevel,
          tags, phones, created_at AS createdAt, updated_at AS updatedAt, notes, email FROM customers`,
      )
      .all() as (ModelRow & { tags: string; phones: string })[]
  ).map((c) => ({
    ...c,
    tags: JSON.parse(c.tags) as string[],
    phones: JSON.parse(c.phones) as string[],
    folders: folderMap.get(c.id) ?? [],
    ...Object.fromEntries(
      snapshots
        .filter((x) => x.c === c.id)
        .flatMap((x): [string, string | number][] => [
          [snapshotFieldKey(schemeId, x.p), x.k],
          [snapshotRevenueFieldKey(schemeId, x.p), x.revenue],
        ]),
    ),
    contacts: contacts.filter((ct) => ct.customer_id === c.id),
    orders: orders.filter((o) => o.customer_id === c.id),
  }));
});
afterAll(() => cleanup());

const customerCondition: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('name'),
    operator: fc.constantFrom(
      'eq' as const,
      'neq' as const,
      'contains' as const,
      'notContains' as const,
      'startsWith' as const,
      'empty' as const,
      'notEmpty' as const,
    ),
    value: fc.constantFrom('华为', '中兴通讯', 'alpha', 'ALPHA', '贸易', '北京'),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('city'),
    operator: fc.constantFrom('eq' as const, 'neq' as const, 'in' as const, 'notIn' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom('北京', '上海'),
    values: fc.subarray(['北京', '上海', '深圳'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('customerClass'),
    operator: fc.constantFrom('eq' as const, 'neq' as const, 'in' as const, 'notIn' as const, 'empty' as const),
    value: fc.constantFrom('A', 'B'),
    values: fc.subarray(['A', 'B', 'C', 'D'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('relationshipLevel'),
    operator: fc.constantFrom(
      'eq' as const,
      'neq' as const,
      'gt' as const,
      'gte' as const,
      'lt' as const,
      'lte' as const,
      'between' as const,
      'empty' as const,
      'notEmpty' as const,
    ),
    value: fc.integer({ min: 1, max: 4 }),
    value2: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('tags', 'phones'),
    operator: fc.constantFrom('contains' as const, 'notContains' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom('VIP', 'vip', '展会', '138', '0755', '6234'),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('createdAt'),
    operator: fc.constantFrom('before' as const, 'after' as const, 'between' as const, 'eq' as const),
    value: fc.constantFrom('2026-02-20', '2026-02-25', '2026-02-26', '2025-12-01'),
    value2: fc.constantFrom('2026-02-25', '2026-02-26', '2026-03-01'),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('createdAt'),
    operator: fc.constant('relative' as const),
    period: fc.constantFrom(...RELATIVE_PERIODS.filter((p) => p !== 'nextNDays')),
    days: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('snapshot:S:P1', 'snapshot:S:P2'),
    operator: fc.constantFrom('eq' as const, 'neq' as const, 'in' as const, 'notIn' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom('A', 'B', 'C'),
    values: fc.subarray(['A', 'B', 'C'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('snapshotRevenue:S:P1', 'snapshotRevenue:S:P2'),
    operator: fc.constantFrom(
      'eq' as const,
      'neq' as const,
      'gt' as const,
      'gte' as const,
      'lt' as const,
      'lte' as const,
      'between' as const,
      'empty' as const,
      'notEmpty' as const,
    ),
    value: fc.constantFrom(0, 5_000, 50_000, 500_000, 6_000_000),
    value2: fc.constantFrom(0, 50_000, 6_000_000, 20_000_000),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('favouriteFolder'),
    operator: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.constantFrom<string[]>(['f0'], ['f1'], ['f0', 'f1']),
  }),
);

const contactCondition: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('birthday'),
    operator: fc.constantFrom('anniversaryWithin' as const, 'before' as const, 'after' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom('1985-01-01', '1990-03-01'),
    days: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('name', 'title'),
    operator: fc.constantFrom('eq' as const, 'contains' as const, 'neq' as const, 'empty' as const),
    value: fc.constantFrom('张伟', 'li', '经理', '李'),
  }),
);

const contactGroup: fc.Arbitrary<GroupNode> = fc.record({
  kind: fc.constant('group' as const),
  op: fc.constantFrom('and' as const, 'or' as const),
  children: fc.array(contactCondition, { maxLength: 3 }),
});

const relatedNode = fc.record({
  kind: fc.constant('related' as const),
  relation: fc.constant('contacts'),
  mode: fc.constantFrom('has' as const, 'hasNo' as const, 'count' as const),
  where: contactGroup,
  count: fc.record({
    op: fc.constantFrom('eq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: fc.integer({ min: 0, max: 3 }),
  }),
});

const ORDER_DAYS = [1, 20, 100, 300, 500].map((d) => localDate(new Date(NOW.getTime() - d * 86_400_000)));

const orderCondition: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('orderDate'),
    operator: fc.constant('relative' as const),
    period: fc.constantFrom('lastNDays' as const, 'thisYear' as const, 'thisMonth' as const, 'today' as const, 'thisQuarter' as const),
    days: fc.constantFrom(30, 180, 365),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('orderDate'),
    operator: fc.constantFrom('eq' as const, 'before' as const, 'after' as const, 'between' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom(...ORDER_DAYS),
    value2: fc.constantFrom(...ORDER_DAYS),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('totalFen'),
    operator: fc.constantFrom(
      'gt' as const,
      'gte' as const,
      'lt' as const,
      'lte' as const,
      'between' as const,
      'eq' as const,
      'neq' as const,
      'in' as const,
      'empty' as const,
      'notEmpty' as const,
    ),
    value: fc.constantFrom(5_000, 10_000, 100_000, 500_000, 1_000_000),
    value2: fc.constantFrom(500_000, 10_000_000),
    values: fc.subarray([5_000, 50_000, 500_000, 6_000_000], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('status'),
    operator: fc.constantFrom('eq' as const, 'neq' as const, 'in' as const, 'notIn' as const, 'empty' as const, 'notEmpty' as const),
    value: fc.constantFrom('draft', 'completed', 'shipped', 'cancelled'),
    values: fc.subarray(['draft', 'confirmed', 'shipped', 'completed'], { minLength: 1 }),
  }),
);

const ordersNode = fc.record({
  kind: fc.constant('related' as const),
  relation: fc.constant('orders'),
  mode: fc.constantFrom('has' as const, 'hasNo' as const, 'count' as const, 'aggregate' as const),
  where: fc.record({
    kind: fc.constant('group' as const),
    op: fc.constantFrom('and' as const, 'or' as const),
    children: fc.array(orderCondition, { maxLength: 2 }),
  }),
  count: fc.record({ op: fc.constantFrom('eq' as const, 'gte' as const, 'lt' as const), value: fc.integer({ min: 0, max: 3 }) }),
  aggregate: fc.oneof(
    fc.record({
      fn: fc.constantFrom('sum' as const, 'max' as const, 'min' as const),
      field: fc.constant('totalFen'),
      op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'eq' as const),
      value: fc.constantFrom<number | string>(0, 5_000, 500_000, 6_000_000, 'abc'),
    }),
    fc.record({
      fn: fc.constantFrom('max' as const, 'min' as const),
      field: fc.constant('orderDate'),
      op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'eq' as const),
      value: fc.constantFrom<string>(...ORDER_DAYS, '2025-1-5', '2026'),
    }),
  ),
});

const tree = fc.letrec<{ node: QueryNode; group: GroupNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, customerCondition, relatedNode, ordersNode, tie('group')),
  group: fc.record({
    kind: fc.constant('group' as const),
    op: fc.constantFrom('and' as const, 'or' as const),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
}));

/** Folder and scheme ids are only known at run time; the generator uses placeholders f0/f1 and S. */
function withFolders<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node)
      .replace(/"f([01])"/g, (_m, i: string) => JSON.stringify(folderIds[Number(i)]))
      .replace(/"snapshot:S:/g, `"snapshot:${schemeId}:`)
      .replace(/"snapshotRevenue:S:/g, `"snapshotRevenue:${schemeId}:`),
  ) as T;
}

/** Offset (up to `maxOffset`), limit, sort field and direction of a random result page. */
const pageArgs = (maxOffset: number) =>
  [
    fc.nat({ max: maxOffset }),
    fc.integer({ min: 1, max: 30 }),
    fc.constantFrom(...CUSTOMER_SORTABLE),
    fc.constantFrom('asc' as const, 'desc' as const),
  ] as const;

/** A second connection, as the query worker has, with the sales facts attached (kc_facts). */
function withFacts(fn: (other: Workspace) => void): void {
  const other = openWorkspace(path);
  try {
    const facts = new SalesFacts();
    facts.refresh(other);
    useOrderFacts(other, facts);
    fn(other);
  } finally {
    other.close();
  }
}

describe('query compiler against the in-memory model', () => {
  it('returns exactly the customers the model selects', () => {
    fc.assert(
      fc.property(tree.group, (where) => {
        const def: QueryDefinition = { entity: 'customer', where: withFolders(where) };
        const sql = matchingIds(ws, def, NOW).sort();
        const model = evaluate(def, customers, NOW).sort();
        expect(sql).toEqual(model);
      }),
      { numRuns: 400 },
    );
  });

  it('pages the matches in list order, with their total, from any offset', () => {
    // The reference: the matches (checked against the model above) sorted by plain SQL.
    try {
      fc.assert(
        fc.property(
          tree.group,
          ...pageArgs(70),
          // Low limits take the path a large result takes: counted again in SQL after the first matches.
          fc.constantFrom(100_000, 0, 5, 20),
          (where, offset, limit, field, dir, countInPassing) => {
            RESULT_LIMITS.countInPassing = countInPassing;
            const def: QueryDefinition = { entity: 'customer', where: withFolders(where) };
            const ids = matchingIds(ws, def, NOW);
            const d = dir === 'asc' ? 'ASC' : 'DESC';
            const expected = ws.db
              .prepare(
                `SELECT c.id FROM customers c WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY ${SORT_SQL[field]} ${d}, c.seq ${d} LIMIT ? OFFSET ?`,
              )
              .pluck()
              .all(JSON.stringify(ids), limit, offset);
            const r = runCustomerQuery(ws, def, { offset, limit, sort: { field, dir }, now: NOW });
            expect([r.total, r.rows.map((c) => c.id)]).toEqual([ids.length, expected]);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      RESULT_LIMITS.countInPassing = 100_000;
    }
  });

  it('answers related-orders conditions from the sales facts exactly as SQL does', () => {
    withFacts((other) => {
      let fromFacts = 0;
      fc.assert(
        fc.property(tree.group, (where) => {
          const def: QueryDefinition = { entity: 'customer', where: withFolders(where) };
          if (compileWhere(other, def, NOW).sql.includes('kc_facts')) fromFacts += 1;
          const model = evaluate(def, customers, NOW).sort();
          expect(matchingIds(other, def, NOW).sort()).toEqual(model);
          expect(countQuery(other, def, NOW)).toBe(model.length);
        }),
        { numRuns: 400 },
      );
      // Most trees hold a related-orders condition, and the facts answer nearly all of them.
      expect(fromFacts).toBeGreaterThan(100);
    });
  });

  it('answers whole queries over the fields the facts hold from memory, exactly as SQL does', () => {
    // Only conditions the sales facts can answer: the query worker then reads no customer row it
    // does not show. Pages are compared with the SQL path of the first connection.
    const factsCondition = customerCondition.filter((n) => ['city', 'customerClass', 'relationshipLevel', 'tags'].includes(n.field));
    const factsTree = fc.letrec<{ node: QueryNode; group: GroupNode }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, factsCondition, ordersNode, tie('group')),
      group: fc.record({
        kind: fc.constant('group' as const),
        op: fc.constantFrom('and' as const, 'or' as const),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    }));
    withFacts((other) => {
      let fromFacts = 0;
      fc.assert(
        fc.property(factsTree.group, ...pageArgs(40), (where, offset, limit, field, dir) => {
          const def: QueryDefinition = { entity: 'customer', where };
          if (factsMatches(other, def, NOW)) fromFacts += 1;
          const model = evaluate(def, customers, NOW).sort();
          expect(matchingIds(other, def, NOW).sort()).toEqual(model);
          expect(countQuery(other, def, NOW)).toBe(model.length);
          const options = { offset, limit, sort: { field, dir }, now: NOW };
          const page = (w: Workspace) => {
            const r = runCustomerQuery(w, def, options);
            return [r.total, r.rows.map((c) => c.id)];
          };
          expect(page(other)).toEqual(page(ws));
        }),
        { numRuns: 300 },
      );
      // A tree falls back to SQL only where the facts cannot answer an orders condition exactly.
      expect(fromFacts).toBeGreaterThan(200);
    });
  });

  it('returns exactly the contacts the model selects', () => {
    fc.assert(
      fc.property(contactGroup, (where) => {
        const def: QueryDefinition = { entity: 'contact', where };
        expect(matchingIds(ws, def, NOW).sort()).toEqual(evaluate(def, contacts, NOW).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('finds the 29 February birthday on 28 February in a non-leap year', () => {
    const def: QueryDefinition = {
      entity: 'contact',
      where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'birthday', operator: 'anniversaryWithin', days: 2 }] },
    };
    const birthdays = new Set(
      matchingIds(ws, def, NOW).map((id) => (ws.db.prepare('SELECT birthday FROM contacts WHERE id = ?').get(id) as { birthday: string }).birthday),
    );
    expect([...birthdays].sort()).toEqual(['1980-02-28', '1984-02-29', '1990-03-01', '1992-02-26'].filter((b) => birthdays.has(b)).sort());
    expect(birthdays.has('1984-02-29')).toBe(contacts.some((c) => c.birthday === '1984-02-29'));
    expect(birthdays.has('1975-03-05')).toBe(false);
  });
});
