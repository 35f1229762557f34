import type { ConditionNode, GroupNode, QueryDefinition, QueryNode } from '../../../src-shared/query/query-tree';
import { currentScope } from '../../people/record-scope';
import { CODED_CUSTOMER_FIELDS, type SalesFacts } from '../../analysis/facts/sales-facts';
import type { Workspace } from '../../db/workspace';
import { assertQueryFits, conditionSql } from './compile-query';
import { attachedFacts, orderFactsTest, type CustomerTest } from './order-facts-conditions';
import { rootCatalogue, type CatalogueField } from './query-catalogue';

// At 1M customers, once the related-orders part of a query comes from memory, what is left is
// SQLite fetching each candidate customer's row to test class, province, owner… (~450 ms for
// 150k candidates). When every condition of a customer query is on a field the sales facts hold,
// the query worker answers the whole tree from memory instead and reads only the rows it shows.
//
// A condition on a coded field is evaluated by SQLite itself, once per distinct value of the
// column (the Dictionary: a few hundred cities, a few distinct tag lists), with the very SQL the
// compiler writes for the column: NULLs, lower(), json_each behave exactly as in the table.
// Values must be of the field's own type (text for text, numbers for numbers), as the column's
// affinity would otherwise convert them where a bare value does not; anything else stays SQL.

/** Above this many distinct values a condition is left to SQL (testing them would cost more than it saves). */
const MAX_DISTINCT = 100_000;

type ValueTest = (c: number) => boolean;

function valuesOf(n: ConditionNode): unknown[] {
  return [n.value, n.value2, ...(n.values ?? [])].filter((v) => v !== undefined);
}

/** The distinct values (as JSON) that meet the condition, by their position in `values`. */
function passingPositions(ws: Workspace, n: ConditionNode, field: CatalogueField, values: readonly unknown[], now: Date): Set<number> {
  const params: (string | number)[] = [];
  const sql = conditionSql(n, { ...field, sql: 'dv.value', params: [] }, params, now);
  const keys = ws.db
    .prepare(`SELECT dv.key FROM json_each(?) dv WHERE ${sql}`)
    .pluck()
    .all(JSON.stringify(values), ...params) as number[];
  return new Set(keys);
}

function conditionTest(ws: Workspace, n: ConditionNode, field: CatalogueField, facts: SalesFacts, now: Date): ValueTest | null {
  if (field.key === 'relationshipLevel') {
    if (!valuesOf(n).every((v) => typeof v === 'number')) return null;
    const level = facts.customerLevel;
    const distinct = new Set<number>();
    for (let c = 0; c < facts.customerCount; c++) distinct.add(level[c] as number);
    const list = [...distinct];
    const pass = passingPositions(
      ws,
      n,
      field,
      list.map((v) => (Number.isNaN(v) ? null : v)),
      now,
    );
    // A Set finds NaN (a level not set) like any other value.
    const passing = new Set(list.filter((_, i) => pass.has(i)));
    return (c) => passing.has(level[c] as number);
  }
  const coded = CODED_CUSTOMER_FIELDS.find((f) => f.queryField === field.key);
  if (!coded || !valuesOf(n).every((v) => typeof v === 'string')) return null;
  const dictionary = facts[coded.dictionary].values;
  if (dictionary.length > MAX_DISTINCT) return null;
  const pass = passingPositions(ws, n, field, dictionary, now);
  const passing = new Uint8Array(dictionary.length);
  for (const i of pass) passing[i] = 1;
  const codes = facts[coded.column];
  return (c) => passing[codes[c] as number] === 1;
}

function nodeTest(ws: Workspace, node: QueryNode, fields: Map<string, CatalogueField>, facts: SalesFacts, now: Date): ValueTest | null {
  if (node.kind === 'related') return orderFactsTest(node, facts, now);
  if (node.kind === 'condition') {
    const field = fields.get(node.field);
    return field ? conditionTest(ws, node, field, facts, now) : null;
  }
  return groupTest(ws, node, fields, facts, now);
}

function groupTest(ws: Workspace, group: GroupNode, fields: Map<string, CatalogueField>, facts: SalesFacts, now: Date): ValueTest | null {
  // Field conditions first: they cost a lookup, an orders condition a walk over the customer's orders.
  const children = [...group.children].sort((a, b) => Number(a.kind === 'related') - Number(b.kind === 'related'));
  const tests: ValueTest[] = [];
  for (const child of children) {
    const t = nodeTest(ws, child, fields, facts, now);
    if (!t) return null;
    tests.push(t);
  }
  const n = tests.length;
  if (n === 0) return () => true;
  if (n === 1) return tests[0] as ValueTest;
  if (group.op === 'and') {
    return (c) => {
      for (let i = 0; i < n; i++) if (!(tests[i] as ValueTest)(c)) return false;
      return true;
    };
  }
  return (c) => {
    for (let i = 0; i < n; i++) if ((tests[i] as ValueTest)(c)) return true;
    return false;
  };
}

/** A customer query as a test of a facts index: live and meeting every condition. */
export interface FactsTest {
  facts: SalesFacts;
  test: CustomerTest;
}

/**
 * A customer query as a test of the customers in the facts attached to this connection, or null
 * when there are none or some condition needs SQL. A tree that no longer fits the schema is
 * refused here as compileWhere refuses it.
 */
export function factsTest(ws: Workspace, def: QueryDefinition, now: Date): FactsTest | null {
  const facts = attachedFacts(ws);
  // Under a record scope the SQL path answers: it carries the scope's predicate (compileWhere).
  if (!facts || def.entity !== 'customer' || currentScope()) return null;
  assertQueryFits(ws, def);
  const fields = new Map(rootCatalogue(ws, 'customer').fields.map((f) => [f.key, f]));
  const meets = groupTest(ws, def.where, fields, facts, now);
  if (!meets) return null;
  const deleted = facts.customerDeleted;
  return { facts, test: (c) => c >= 0 && deleted[c] === 0 && meets(c) };
}

/** The live customers that meet the query, by facts index (in facts order). */
export interface FactsMatches {
  facts: SalesFacts;
  customers: Int32Array;
  /** The same set as a test of a customer index, for kc_facts. */
  test: CustomerTest;
}

/** The customers meeting a customer query, from the facts; null as for factsTest. */
export function factsMatches(ws: Workspace, def: QueryDefinition, now: Date): FactsMatches | null {
  const t = factsTest(ws, def, now);
  if (!t) return null;
  const { facts, test } = t;
  const matched = new Uint8Array(facts.customerCount);
  let count = 0;
  for (let c = 0; c < facts.customerCount; c++) {
    if (test(c)) {
      matched[c] = 1;
      count += 1;
    }
  }
  const customers = new Int32Array(count);
  for (let c = 0, k = 0; k < count; c++) if (matched[c] === 1) customers[k++] = c;
  return { facts, customers, test: (c) => c >= 0 && matched[c] === 1 };
}
