import type { CustomField } from '../../../src-shared/domain/custom-fields';
import { scopeWherePositional } from '../../people/record-scope';
import { KecardError } from '../../../src-shared/errors';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import type { Workspace } from '../../db/workspace';
import { pathOf, listExpenseCategories } from '../business/expense-service';
import { listFields } from '../custom-fields/field-registry';
import { safeColumn } from '../custom-fields/field-registry';
import { compileWhere } from '../query/compile-query';
import { computedSql } from '../custom-fields/computed-values';
import { canonicalRegion, provinceKey } from '../regions/canonical-region';
import { compareGroupKeys } from '../search/pinyin-order';

// Group-by with subtotals (分组, 合计) for lists of customers, business records and expenses.
// Group and measure keys resolve through per-source whitelists to fixed SQL expressions; money
// sums are SQLite integer sums, exact to the fen. Province and city group by their division-list
// name (广东 and 广东省 fall together) without rewriting the stored text; groups sort by pinyin.
// A city groups with its province: 朝阳 under 北京 is 北京市 (the district 朝阳区), not 辽宁's
// 朝阳市, and two provinces' 市区 are two groups, named with their province.

export type GroupSource = { entity: 'customer'; definition?: QueryDefinition } | { entity: 'record'; typeId: string } | { entity: 'expense' };
export interface Measure {
  field: string;
  fn: 'sum' | 'avg' | 'count' | 'min' | 'max';
}
export interface GroupRow {
  /** One value per level down to this row's level; the grand total has an empty key. */
  key: (string | number | null)[];
  level: number;
  count: number;
  values: Record<string, number | null>;
  /**
   * Province/city levels whose group gathers stored texts other than its key (广东 under 广东省):
   * level index → every stored text, so a drill into the group selects exactly its rows.
   */
  variants?: Record<string, string[]>;
  /** City levels: the province texts stored on the group's rows ('' for none), so a drill selects this province's city only. */
  cityProvinces?: Record<string, string[]>;
}

interface SourceSql {
  from: string;
  where: string;
  params: (string | number)[];
  dims: Record<string, string>;
  nums: Record<string, string>;
}

function customColumns(fields: CustomField[], alias: string): { dims: Record<string, string>; nums: Record<string, string> } {
  const dims: Record<string, string> = {};
  const nums: Record<string, string> = {};
  for (const f of fields) {
    if (f.type === 'computedTotal') {
      // Only parameter-free computed totals can be measures (business-record counts bind a type id).
      const c = f.computed ? computedSql(f.computed) : null;
      if (c && c.params.length === 0) nums[f.columnName] = c.sql.replaceAll('c.id', `${alias}.id`);
      continue;
    }
    const col = `${alias}.${safeColumn(f.columnName)}`;
    if (['integer', 'decimal', 'money', 'percent'].includes(f.type)) nums[f.columnName] = col;
    if (['select', 'text', 'boolean', 'staff', 'date', 'integer'].includes(f.type)) dims[f.columnName] = col;
  }
  return { dims, nums };
}

function sourceSql(ws: Workspace, source: GroupSource): SourceSql {
  if (source.entity === 'customer') {
    const compiled = source.definition ? compileWhere(ws, source.definition) : { sql: '1', params: [] };
    const custom = customColumns(listFields(ws, 'customer'), 'c');
    return {
      from: 'customers c LEFT JOIN employees e ON e.id = c.owner_id',
      where: `c.deleted = 0 AND ${compiled.sql}`,
      params: compiled.params,
      dims: {
        customerClass: 'c.class',
        lifecycle: 'c.lifecycle',
        province: 'c.province',
        city: 'c.city',
        industry: 'c.industry',
        source: 'c.source',
        kind: 'c.kind',
        relationshipLevel: 'c.relationship_level',
        colorLabel: 'c.color_label',
        ownerName: 'e.name',
        createdMonth: 'substr(c.created_at, 1, 7)',
        storeCode: 'c.store_code',
        ...custom.dims,
      },
      nums: {
        relationshipLevel: 'c.relationship_level',
        orderTotalFen:
          "(SELECT COALESCE(sum(x.total_fen), 0) FROM orders x WHERE x.customer_id = c.id AND x.deleted = 0 AND x.status <> 'cancelled')",
        receivedFen: '(SELECT COALESCE(sum(x.amount_fen), 0) FROM receipts x WHERE x.customer_id = c.id AND x.deleted = 0)',
        orderCount: "(SELECT count(*) FROM orders x WHERE x.customer_id = c.id AND x.deleted = 0 AND x.status <> 'cancelled')",
        ...custom.nums,
      },
    };
  }
  if (source.entity === 'record') {
    const custom = customColumns(listFields(ws, 'record', { businessTypeId: source.typeId }), 'r');
    return {
      from: 'business_records r JOIN customers c ON c.id = r.customer_id LEFT JOIN employees e ON e.id = r.employee_id',
      // Deleted customers' records and expenses are out, as the customers are.
      where: 'r.deleted = 0 AND c.deleted = 0 AND r.type_id = ?',
      params: [source.typeId],
      dims: { status: 'r.status', employeeName: 'e.name', customerName: 'c.name', createdMonth: 'substr(r.created_at, 1, 7)', ...custom.dims },
      nums: {
        expenseTotalFen: '(SELECT COALESCE(sum(x.amount_fen), 0) FROM expenses x WHERE x.record_id = r.id AND x.deleted = 0)',
        ...custom.nums,
      },
    };
  }
  return {
    from: 'expenses x JOIN business_records r ON r.id = x.record_id JOIN customers c ON c.id = x.customer_id LEFT JOIN employees e ON e.id = x.employee_id',
    // A deleted record's expenses are out (files from before deletes took them along still hold them live).
    where: 'x.deleted = 0 AND r.deleted = 0 AND c.deleted = 0',
    params: [],
    dims: { categoryId: 'x.category_id', employeeName: 'e.name', customerName: 'c.name', month: 'substr(x.expense_date, 1, 7)' },
    nums: { amountFen: 'x.amount_fen' },
  };
}

/**
 * Subtotals at every level of `groupBy` plus the grand total. Expense lists may group by
 * `categoryLevel1..3`: the category tree cut at that depth, summed from the leaves in code.
 */
export function groupedTotals(ws: Workspace, source: GroupSource, groupBy: readonly string[], measures: readonly Measure[]): GroupRow[] {
  const src = sourceSql(ws, source);
  if (groupBy.length > 4) throw new KecardError('VALIDATION', 'At most four grouping levels.', { fields: { groupBy: 'tooMany' } });
  const categoryLevels = groupBy.map((g) => /^categoryLevel([1-3])$/.exec(g)?.[1]).map((l) => (l ? Number(l) : null));
  const dims = groupBy.map((g, i) => {
    if (categoryLevels[i] !== null && source.entity === 'expense') return 'x.category_id';
    // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's.
    const sql = Object.hasOwn(src.dims, g) ? src.dims[g] : undefined;
    if (!sql) throw new KecardError('VALIDATION', `Cannot group by ${g}.`, { fields: { groupBy: 'invalid' } });
    return sql;
  });
  // Per measure: sum, non-null count, min and max of the finest groups; every level is rolled up
  // from these, so an average is always total ÷ count, never an average of averages.
  const measureSql = measures.flatMap((m, i) => {
    if (m.fn === 'count') return [];
    const col = Object.hasOwn(src.nums, m.field) ? src.nums[m.field] : undefined;
    if (!col) throw new KecardError('VALIDATION', `Cannot total ${m.field}.`, { fields: { measures: 'invalid' } });
    return [`sum(${col}) AS s${i}`, `count(${col}) AS k${i}`, `min(${col}) AS lo${i}`, `max(${col}) AS hi${i}`];
  });
  // A city is placed within its province: the stored province comes along (rp<i>) at city levels.
  const cityLevels = groupBy.map((g) => source.entity === 'customer' && g === 'city');
  const keyColumns = [...dims.map((d, i) => `${d} AS g${i}`), ...dims.flatMap((_, i) => (cityLevels[i] ? [`c.province AS rp${i}`] : []))];
  const keyNames = [...dims.map((_, i) => `g${i}`), ...dims.flatMap((_, i) => (cityLevels[i] ? [`rp${i}`] : []))];
  const select = [...keyColumns, 'count(*) AS n', ...measureSql].join(', ');
  // Every source joins its customer as `c`: totals are over the caller's scope (record-scope.ts).
  const params = [...src.params];
  const where = `${src.where} AND ${scopeWherePositional('c', params)}`;
  const finest = ws.db
    .prepare(`SELECT ${select} FROM ${src.from} WHERE ${where}${dims.length ? ` GROUP BY ${keyNames.join(', ')}` : ''}`)
    .all(...params) as Record<string, string | number | null>[];
  const cityKeys = cityGroupKeys(finest, cityLevels);

  const categories = source.entity === 'expense' && categoryLevels.some((l) => l !== null) ? listExpenseCategories(ws) : [];
  const regionKeys = groupBy.map((g) => (source.entity === 'customer' && g === 'province' ? provinceKey : null));
  const keyOf = (row: Record<string, string | number | null>, i: number): string | number | null => {
    const v = row[`g${i}`] ?? null;
    if (cityLevels[i]) return cityKeys.get(row)?.[i] ?? v;
    const regionKey = regionKeys[i];
    if (regionKey && typeof v === 'string') return v === '' ? v : regionKey(v);
    const level = categoryLevels[i];
    if (level === null || level === undefined || typeof v !== 'string') return v;
    const path = pathOf(categories, v).names;
    return path[Math.min(level, path.length) - 1] ?? null;
  };

  const rows: GroupRow[] = [];
  for (let level = groupBy.length; level >= 0; level -= 1) {
    type Entry = {
      key: (string | number | null)[];
      count: number;
      raw: Set<string>[];
      provinces: Set<string>[];
      parts: { sum: number; n: number; min: number | null; max: number | null }[];
    };
    const acc = new Map<string, Entry>();
    for (const row of finest) {
      const key = Array.from({ length: level }, (_, i) => keyOf(row, i));
      const id = JSON.stringify(key);
      const entry = acc.get(id) ?? {
        key,
        count: 0,
        raw: key.map(() => new Set<string>()),
        provinces: key.map(() => new Set<string>()),
        parts: measures.map(() => ({ sum: 0, n: 0, min: null, max: null })),
      };
      entry.count += Number(row.n);
      key.forEach((_, i) => {
        const v = row[`g${i}`];
        if ((regionKeys[i] || cityLevels[i]) && typeof v === 'string') entry.raw[i]?.add(v);
        if (cityLevels[i] && typeof v === 'string' && v !== '') entry.provinces[i]?.add(String(row[`rp${i}`] ?? ''));
      });
      measures.forEach((m, i) => {
        if (m.fn === 'count') return;
        const part = entry.parts[i] as { sum: number; n: number; min: number | null; max: number | null };
        part.sum += Number(row[`s${i}`] ?? 0);
        part.n += Number(row[`k${i}`] ?? 0);
        const lo = row[`lo${i}`];
        const hi = row[`hi${i}`];
        if (lo !== null && lo !== undefined) part.min = part.min === null ? Number(lo) : Math.min(part.min, Number(lo));
        if (hi !== null && hi !== undefined) part.max = part.max === null ? Number(hi) : Math.max(part.max, Number(hi));
      });
      acc.set(id, entry);
    }
    for (const entry of acc.values()) {
      const values: Record<string, number | null> = {};
      measures.forEach((m, i) => {
        const part = entry.parts[i] as { sum: number; n: number; min: number | null; max: number | null };
        const name = `${m.fn}:${m.field}`;
        if (m.fn === 'count') values[name] = entry.count;
        else if (m.fn === 'avg') values[name] = part.n === 0 ? null : Math.round((part.sum / part.n) * 100) / 100;
        else if (m.fn === 'min') values[name] = part.min;
        else if (m.fn === 'max') values[name] = part.max;
        else values[name] = part.sum;
      });
      const variants: Record<string, string[]> = {};
      entry.raw.forEach((texts, i) => {
        if ([...texts].some((t) => t !== entry.key[i])) variants[String(i)] = [...texts].sort();
      });
      const cityProvinces: Record<string, string[]> = {};
      entry.provinces.forEach((texts, i) => {
        if (texts.size > 0) cityProvinces[String(i)] = [...texts].sort();
      });
      rows.push({
        key: entry.key,
        level,
        count: entry.count,
        values,
        ...(Object.keys(variants).length ? { variants } : {}),
        ...(Object.keys(cityProvinces).length ? { cityProvinces } : {}),
      });
    }
  }
  return rows.sort((a, b) => compareKeys(a.key, b.key) || a.level - b.level);
}

/**
 * The city key of each finest row at each city level: the division-list city read together with
 * the row's province, shown as 省 市 only where the same city name lies in two provinces.
 */
function cityGroupKeys(rows: readonly Record<string, string | number | null>[], cityLevels: readonly boolean[]): Map<object, (string | null)[]> {
  const keys = new Map<object, (string | null)[]>();
  if (!cityLevels.some(Boolean)) return keys;
  const placed = rows.map((row) =>
    cityLevels.map((isCity, i) => {
      const city = row[`g${i}`];
      if (!isCity || typeof city !== 'string' || city === '') return null;
      const province = row[`rp${i}`];
      return canonicalRegion({ province: typeof province === 'string' ? province : null, city });
    }),
  );
  const provincesOf = cityLevels.map((_, i) => {
    const byCity = new Map<string, Set<string>>();
    for (const r of placed) {
      const region = r[i];
      if (!region?.city) continue;
      const set = byCity.get(region.city) ?? new Set<string>();
      set.add(region.province ?? '');
      byCity.set(region.city, set);
    }
    return byCity;
  });
  rows.forEach((row, n) => {
    keys.set(
      row,
      cityLevels.map((isCity, i) => {
        const region = placed[n]?.[i];
        if (!isCity || !region?.city) return null;
        const shared = (provincesOf[i]?.get(region.city)?.size ?? 0) > 1;
        return shared && region.province ? `${region.province} ${region.city}` : region.city;
      }),
    );
  });
  return keys;
}

/** Parents before their children, nulls after values, text by pinyin, the grand total last. */
function compareKeys(a: (string | number | null)[], b: (string | number | null)[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return compareGroupKeys(x, y);
  }
  return a.length - b.length;
}
