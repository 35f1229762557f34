import type { ConditionNode, GroupNode, QueryDefinition, QueryNode } from '../../src-shared/query/query-tree';
import { findField, type QueryEntity } from '../../src-shared/query/query-fields';
import { cityKey, provinceKey } from '../../src-main/services/regions/canonical-region';
import { anniversaryDays, localDate, periodRange } from '../../src-shared/query/relative-dates';

// A plain in-memory evaluator of query trees: the model the SQL compiler is checked against.
// It follows the documented semantics, written the obvious way, with no SQL in sight.

export type ModelRow = Record<string, unknown> & { id: string; folders: string[]; contacts?: ModelRow[]; orders?: ModelRow[] };

const REGION_NAME: Record<string, (text: string) => string> = { province: provinceKey, city: cityKey };

/** The entity each related list holds, for looking up its fields. */
const RELATED_ENTITY: Record<string, QueryEntity | 'order'> = { contacts: 'contact', orders: 'order' };

const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const isBlank = (x: unknown) => x === null || x === undefined || x === '';

export function evaluate(def: QueryDefinition, rows: ModelRow[], now: Date): string[] {
  return rows.filter((r) => group(def.where, def.entity, r, now)).map((r) => r.id);
}

function group(g: GroupNode, entity: QueryEntity, row: ModelRow, now: Date): boolean {
  if (g.children.length === 0) return true;
  const results = g.children.map((c) => node(c, entity, row, now));
  return g.op === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function node(n: QueryNode, entity: QueryEntity, row: ModelRow, now: Date): boolean {
  if (n.kind === 'group') return group(n, entity, row, now);
  if (n.kind === 'related') {
    const entity = RELATED_ENTITY[n.relation] as QueryEntity;
    // Cancelled orders never count, as in the app.
    const rows = ((row[n.relation] as ModelRow[] | undefined) ?? []).filter((r) => n.relation !== 'orders' || r.status !== 'cancelled');
    const matching = rows.filter((c) => (n.where ? group(n.where, entity, c, now) : true));
    const cmp = (k: number, op: string, value: number) =>
      op === 'eq' ? k === value : op === 'gt' ? k > value : op === 'gte' ? k >= value : op === 'lt' ? k < value : k <= value;
    if (n.mode === 'has') return matching.length > 0;
    if (n.mode === 'hasNo') return matching.length === 0;
    if (n.mode === 'count') return cmp(matching.length, (n.count as { op: string }).op, (n.count as { value: number }).value);
    const agg = n.aggregate as { fn: string; field: string; op: string; value: number | string };
    if (ORDER_FIELDS[agg.field]?.type === 'date') {
      // Dates are text in SQL: the latest / earliest compares with the value's first ten characters.
      const dates = matching.map((m) => String(m[agg.field])).sort();
      const best = agg.fn === 'max' ? dates.at(-1) : dates[0];
      if (best === undefined) return false;
      const v = String(agg.value).slice(0, 10);
      return agg.op === 'eq' ? best === v : agg.op === 'gt' ? best > v : agg.op === 'gte' ? best >= v : agg.op === 'lt' ? best < v : best <= v;
    }
    const values = matching.map((m) => Number(m[agg.field]));
    // SQL: sum of nothing is 0 (COALESCE); max/min of nothing is NULL, which compares false.
    if (agg.fn === 'sum')
      return cmp(
        values.reduce((a, b) => a + b, 0),
        agg.op,
        Number(agg.value),
      );
    if (values.length === 0) return false;
    return cmp(agg.fn === 'max' ? Math.max(...values) : Math.min(...values), agg.op, Number(agg.value));
  }
  return condition(n, entity, row, now);
}

const ORDER_FIELDS: Record<string, { type: 'date' | 'number' | 'enum' | 'text' }> = {
  orderDate: { type: 'date' },
  totalFen: { type: 'number' },
  status: { type: 'enum' },
  orderNo: { type: 'text' },
};

function condition(n: ConditionNode, entity: QueryEntity, row: ModelRow, now: Date): boolean {
  // A class in a classification snapshot is an enum, and the revenue behind it a number, whose
  // value the row carries under the field's key.
  const field =
    (entity as string) === 'order'
      ? { key: n.field, ...ORDER_FIELDS[n.field] }
      : n.field.startsWith('snapshot:')
        ? { key: n.field, type: 'enum' as const }
        : n.field.startsWith('snapshotRevenue:')
          ? { key: n.field, type: 'number' as const }
          : findField(entity, n.field);
  if (!field) throw new Error(`model: unknown field ${n.field}`);
  if (field.type === 'folder') {
    const hit = row.folders.some((f) => (n.values ?? []).includes(f));
    return n.operator === 'in' ? hit : !hit;
  }
  const x = row[n.field] as string | number | null | string[];
  const v = n.value;
  if (field.type === 'list' || field.type === 'tags') {
    const items = (x as string[] | null) ?? [];
    const has = (needle: unknown) =>
      field.type === 'tags' ? items.includes(String(needle)) : items.some((e) => lowerAscii(e).includes(lowerAscii(String(needle))));
    switch (n.operator) {
      case 'contains':
        return has(v);
      case 'notContains':
        return !has(v);
      case 'in':
        return items.some((e) => (n.values ?? []).includes(e));
      case 'empty':
        return items.length === 0;
      default:
        return items.length > 0;
    }
  }
  if (field.type === 'date' || field.type === 'datetime') return dateCondition(n, x as string | null, field.type, now);
  const s = x as string | number | null;
  // 省份/城市: a value also names its division-list name (北京 → 北京市), which is what is stored.
  const region = REGION_NAME[n.field];
  const same = (a: unknown) => s === a || (region !== undefined && typeof a === 'string' && a !== '' && s === region(a));
  switch (n.operator) {
    case 'eq':
      return s !== null && same(v);
    case 'neq':
      return s === null || !same(v);
    case 'contains':
      return s !== null && lowerAscii(String(s)).includes(lowerAscii(String(v)));
    case 'notContains':
      return s === null || !lowerAscii(String(s)).includes(lowerAscii(String(v)));
    case 'startsWith':
      return s !== null && lowerAscii(String(s)).startsWith(lowerAscii(String(v)));
    case 'in':
      return s !== null && (n.values ?? []).some(same);
    case 'notIn':
      return s === null || !(n.values ?? []).some(same);
    case 'gt':
      return s !== null && Number(s) > Number(v);
    case 'gte':
      return s !== null && Number(s) >= Number(v);
    case 'lt':
      return s !== null && Number(s) < Number(v);
    case 'lte':
      return s !== null && Number(s) <= Number(v);
    case 'between':
      return s !== null && Number(s) >= Number(v) && Number(s) <= Number(n.value2);
    case 'empty':
      return isBlank(s);
    case 'notEmpty':
      return !isBlank(s);
    default:
      throw new Error(`model: operator ${n.operator}`);
  }
}

function dateCondition(n: ConditionNode, x: string | null, type: 'date' | 'datetime', now: Date): boolean {
  if (n.operator === 'empty') return isBlank(x);
  if (n.operator === 'notEmpty') return !isBlank(x);
  if (isBlank(x)) return false;
  // Reduce both kinds to the local calendar day the value falls on.
  const day = type === 'date' ? x : localDate(new Date(x));
  const d = (v: unknown) => String(v).slice(0, 10);
  switch (n.operator) {
    case 'eq':
      return day === d(n.value);
    case 'before':
      return day < d(n.value);
    case 'after':
      return day > d(n.value);
    case 'between':
      return day >= d(n.value) && day <= d(n.value2);
    case 'relative': {
      const r = periodRange(n.period ?? 'today', now, n.days ?? 0);
      return day >= localDate(r.from) && day < localDate(r.to);
    }
    case 'anniversaryWithin':
      return anniversaryDays(now, n.days ?? 0).includes(day.slice(5));
    default:
      throw new Error(`model: date operator ${n.operator}`);
  }
}
