import type Database from 'better-sqlite3-multiple-ciphers';
import type { ConditionNode, GroupNode, RelatedNode } from '../../../src-shared/query/query-tree';
import { DELETED_STATE, STATUS_MASK, statusCode } from '../../analysis/facts/order-state';
import { dayNumber, isoDate, type SalesFacts } from '../../analysis/facts/sales-facts';
import type { Workspace } from '../../db/workspace';
import { dateBound } from './date-bounds';

// A related-orders condition ("≥ 4 orders in the last 365 days") costs SQLite an index seek and
// a walk over the customer's orders for every candidate customer: ~0.5 s for 150k candidates at
// 1M × 10M, the most of a query's time. Where the sales facts are in memory (the query worker of
// a large workspace), such a condition compiles to kc_facts(slot, c.seq) instead, a function
// that walks the customer's order facts in typed arrays. Only conditions whose every part the
// facts hold exactly are compiled so (order date, total and status, values of the field's own
// type); anything else stays SQL. The results are the same either way; the query property test
// runs both.

/** Does one order fact (its index) meet a sub-condition? */
type OrderTest = (f: number) => boolean;
/** Does a customer (its facts index, −1 when it has no facts) meet a related condition? */
export type CustomerTest = (customer: number) => boolean;

const CANCELLED_STATE = statusCode('cancelled') as number;

const COMPARE = {
  eq: (a: number, b: number) => a === b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
} as const;

/** The day number of a plain YYYY-MM-DD, or null for any other text (SQL compares that as text). */
function plainDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = dayNumber(text);
  return Number.isFinite(day) && isoDate(day) === text ? day : null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function conditionTest(n: ConditionNode, facts: SalesFacts, now: Date): OrderTest | null {
  const { orderDay: day, orderTotal: total, orderState: state } = facts;
  if (n.field === 'orderDate') {
    const b = dateBound(n, 'date', now);
    switch (b.op) {
      case 'eq': {
        const d = plainDay(b.value);
        return d === null ? null : (f) => day[f] === d;
      }
      case 'lt': {
        const d = plainDay(b.value);
        return d === null ? null : (f) => (day[f] as number) < d;
      }
      case 'gte': {
        const d = plainDay(b.value);
        return d === null ? null : (f) => (day[f] as number) >= d;
      }
      case 'range': {
        const from = plainDay(b.from);
        const to = plainDay(b.to);
        return from === null || to === null ? null : (f) => (day[f] as number) >= from && (day[f] as number) < to;
      }
      // Every order has a plain date (facts.oddOrders is 0 here).
      case 'empty':
        return () => false;
      case 'notEmpty':
        return () => true;
      default:
        return null;
    }
  }
  if (n.field === 'totalFen') {
    const v = n.value;
    switch (n.operator) {
      case 'eq':
        return isNumber(v) ? (f) => total[f] === v : null;
      case 'neq':
        return isNumber(v) ? (f) => total[f] !== v : null;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const cmp = COMPARE[n.operator];
        return isNumber(v) ? (f) => cmp(total[f] as number, v) : null;
      }
      case 'between': {
        const hi = n.value2;
        return isNumber(v) && isNumber(hi) ? (f) => (total[f] as number) >= v && (total[f] as number) <= hi : null;
      }
      case 'in': {
        const values = n.values ?? [];
        if (!values.every(isNumber)) return null;
        const set = new Set(values);
        return (f) => set.has(total[f] as number);
      }
      // total_fen is NOT NULL.
      case 'empty':
        return () => false;
      case 'notEmpty':
        return () => true;
      default:
        return null;
    }
  }
  if (n.field === 'status') {
    const code = (v: unknown) => (typeof v === 'string' ? statusCode(v) : undefined);
    const codes = (values: readonly unknown[] | undefined) => {
      const out = (values ?? []).map(code);
      return out.every((c) => c !== undefined) ? new Set(out) : null;
    };
    const s = (f: number) => (state[f] as number) & STATUS_MASK;
    switch (n.operator) {
      case 'eq': {
        const c = code(n.value);
        return c === undefined ? null : (f) => s(f) === c;
      }
      case 'neq': {
        const c = code(n.value);
        return c === undefined ? null : (f) => s(f) !== c;
      }
      case 'in': {
        const set = codes(n.values);
        return set ? (f) => set.has(s(f)) : null;
      }
      case 'notIn': {
        const set = codes(n.values);
        return set ? (f) => !set.has(s(f)) : null;
      }
      // status is NOT NULL and, with no odd orders, always a known one.
      case 'empty':
        return () => false;
      case 'notEmpty':
        return () => true;
      default:
        return null;
    }
  }
  return null;
}

function groupTest(g: GroupNode, facts: SalesFacts, now: Date): OrderTest | null {
  const parts: OrderTest[] = [];
  for (const child of g.children) {
    // Only and/or over conditions: no NOT, so an unknown (NULL) comparison acts as false, as in SQL's WHERE.
    const t = child.kind === 'group' ? groupTest(child, facts, now) : child.kind === 'condition' ? conditionTest(child, facts, now) : null;
    if (!t) return null;
    parts.push(t);
  }
  if (parts.length === 0) return () => true;
  return g.op === 'and' ? (f) => parts.every((t) => t(f)) : (f) => parts.some((t) => t(f));
}

/** The related condition as a test of a customer's order facts, or null when SQL must answer it. */
export function orderFactsTest(node: RelatedNode, facts: SalesFacts, now: Date): CustomerTest | null {
  if (node.relation !== 'orders' || facts.oddOrders > 0) return null;
  const match = node.where ? groupTest(node.where, facts, now) : () => true;
  if (!match) return null;
  const { customerHead: head, orderNext: next, orderState: state, orderTotal: total, orderDay: day } = facts;
  // The related list's rows: not deleted, not cancelled (the orders catalogue's scope).
  const counted = (f: number) => {
    const s = (state[f] as number) & STATUS_MASK;
    return s !== DELETED_STATE && s !== CANCELLED_STATE && match(f);
  };
  const each = (customer: number, visit: (f: number) => boolean | void) => {
    for (let f = customer < 0 ? -1 : (head[customer] as number); f >= 0; f = next[f] as number) if (counted(f) && visit(f) === false) return;
  };
  const has = (customer: number) => {
    let found = false;
    each(customer, () => ((found = true), false));
    return found;
  };
  switch (node.mode) {
    case 'has':
      return has;
    case 'hasNo':
      return (c) => !has(c);
    case 'count': {
      const { op, value } = node.count as NonNullable<RelatedNode['count']>;
      const cmp = COMPARE[op];
      return (c) => {
        let n = 0;
        each(c, () => void (n += 1));
        return cmp(n, value);
      };
    }
    case 'aggregate': {
      const agg = node.aggregate as NonNullable<RelatedNode['aggregate']>;
      const cmp = COMPARE[agg.op];
      if (agg.field === 'totalFen') {
        // As SQL binds it: Number('x') is NaN, which no comparison meets (SQL binds NULL).
        const v = Number(agg.value);
        if (agg.fn === 'sum') {
          return (c) => {
            let sum = 0;
            each(c, (f) => void (sum += total[f] as number));
            return cmp(sum, v);
          };
        }
        return extreme(
          each,
          agg.fn,
          (f) => total[f] as number,
          (x) => cmp(x, v),
        );
      }
      if (agg.field === 'orderDate' && agg.fn !== 'sum') {
        const v = plainDay(String(agg.value).slice(0, 10));
        return v === null
          ? null
          : extreme(
              each,
              agg.fn,
              (f) => day[f] as number,
              (x) => cmp(x, v),
            );
      }
      return null;
    }
  }
}

/** max/min over the counted orders, compared; no orders gives NULL in SQL, which meets nothing. */
function extreme(
  each: (customer: number, visit: (f: number) => boolean | void) => void,
  fn: 'max' | 'min',
  value: (f: number) => number,
  meets: (x: number) => boolean,
): CustomerTest {
  return (c) => {
    let best = Number.NaN;
    each(c, (f) => {
      const x = value(f);
      if (Number.isNaN(best) || (fn === 'max' ? x > best : x < best)) best = x;
    });
    return !Number.isNaN(best) && meets(best);
  };
}

/** The facts a connection answers conditions from, and the customer tests compiled for it (kc_facts slots). */
class OrderFactsConditions {
  private readonly tests: CustomerTest[] = [];
  constructor(readonly facts: SalesFacts) {}

  add(test: CustomerTest): number {
    this.tests.push(test);
    return this.tests.length - 1;
  }

  meets(slot: number, customerSeq: number): number {
    const test = this.tests[slot];
    return test?.(this.facts.customerOfSeq(customerSeq)) ? 1 : 0;
  }
}

const attached = new WeakMap<Database.Database, OrderFactsConditions>();

/**
 * From now on the workspace's queries answer related-orders conditions from these facts (which
 * must be current for the connection's snapshot: refresh them in the same read transaction).
 * Each call starts afresh; the facts' arrays are taken as they are now.
 */
export function useOrderFacts(ws: Workspace, facts: SalesFacts): void {
  const fresh = new OrderFactsConditions(facts);
  if (!attached.has(ws.db)) {
    ws.db.function(
      'kc_facts',
      { deterministic: false, directOnly: true },
      (slot, seq) => attached.get(ws.db)?.meets(slot as number, Number(seq)) ?? 0,
    );
  }
  attached.set(ws.db, fresh);
}

/** The facts useOrderFacts attached to this connection, if any. */
export function attachedFacts(ws: Workspace): SalesFacts | null {
  return attached.get(ws.db)?.facts ?? null;
}

/** `kc_facts(?, c.seq)` tests a customer with `test`; pushes the test's slot as the parameter. */
export function factsTestSql(ws: Workspace, test: CustomerTest, params: (string | number)[]): string {
  const conditions = attached.get(ws.db);
  if (!conditions) throw new Error('No facts are attached to this connection.');
  params.push(conditions.add(test));
  // By the rowid (seq), which every index entry carries: SQLite tests it before it fetches the
  // customer's row, so customers that do not qualify are never read (deferred seek).
  return 'kc_facts(?, c.seq)';
}

/** SQL for the related condition answered from memory, or null when the workspace has no facts or SQL must answer it. */
export function orderFactsSql(ws: Workspace, node: RelatedNode, parentAlias: string, params: (string | number)[], now: Date): string | null {
  const conditions = attached.get(ws.db);
  if (!conditions || parentAlias !== 'c') return null;
  const test = orderFactsTest(node, conditions.facts, now);
  return test ? factsTestSql(ws, test, params) : null;
}
