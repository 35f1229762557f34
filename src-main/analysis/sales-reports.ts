import { lifetimeValue, paretoCurveOf } from '../../src-shared/analysis/contribution';
import { rfmHeatmapColumns, scoreRfm, scoreRfmColumns, summariseSegmentColumns, type RfmScoring } from '../../src-shared/analysis/rfm';
import type { Workspace } from '../db/workspace';
import { provinceKey } from '../services/regions/canonical-region';
import { comparePinyin } from '../services/search/pinyin-order';
import { windowEnding } from './customer-metrics';
import { NO_DAY, customerTotals, isWindowBuyer, liveCustomers, windowBuyerIndexes, type CustomerTotals } from './facts/customer-totals';
import { salesFacts } from './facts/facts-cache';
import { dayNumber, isoDate, type SalesFacts } from './facts/sales-facts';
import { counted, reportCustomers, reportMask, type CustomerMask } from './customer-mask';

// The reports over orders. Each reads the workspace's sales facts (typed columns kept current from
// the change log, see facts/sales-facts.ts) and aggregates them in memory: one pass over the
// orders instead of a grouped scan of an index as large as the order table. "Sales" are orders
// neither deleted nor cancelled, of customers not deleted. `store` (HQ's 门店 filter, a site code)
// keeps one store's customers; absent, every customer counts. Under record scope 'own' only the
// caller's customers count, ranks and quantiles included (customer-mask.ts).

interface Totals {
  f: SalesFacts;
  t: CustomerTotals;
  from: number;
  to: number;
  /** The customers counted (门店 and record scope), null: all. */
  mask: CustomerMask;
}

function totalsFor(ws: Workspace, asOf: string, windowDays: number, store?: string): Totals {
  const f = salesFacts(ws);
  const w = windowEnding(asOf, windowDays);
  const from = dayNumber(w.from);
  const to = dayNumber(w.to);
  const mask = reportMask(ws, f, store);
  return { f, t: customerTotals(f, from, to, mask), from, to, mask };
}

/** Revenue in the window of each customer who bought for more than nothing: the Pareto population. */
export function paretoRevenues(ws: Workspace, asOf: string, windowDays: number, store?: string): Float64Array {
  return windowRevenues(totalsFor(ws, asOf, windowDays, store));
}

function windowRevenues({ f, t }: Totals): Float64Array {
  const out = new Float64Array(f.customerCount);
  let size = 0;
  for (let c = 0; c < f.customerCount; c++) if (isWindowBuyer(t, c)) out[size++] = t.windowRevenue[c] as number;
  return out.slice(0, size);
}

export function paretoReport(ws: Workspace, asOf: string, windowDays: number, store?: string) {
  const totals = totalsFor(ws, asOf, windowDays, store);
  return { ...paretoCurveOf(windowRevenues(totals)), allCustomers: liveCustomers(totals.f, totals.mask) };
}

function rfmColumns({ f, t, to }: Totals) {
  const buyers = windowBuyerIndexes(f, t);
  const recencyDays = new Float64Array(buyers.length);
  const frequency = new Float64Array(buyers.length);
  const monetary = new Float64Array(buyers.length);
  buyers.forEach((c, i) => {
    recencyDays[i] = to - (t.windowLast[c] as number);
    frequency[i] = t.windowOrders[c] as number;
    monetary[i] = t.windowRevenue[c] as number;
  });
  return { buyers, recencyDays, frequency, monetary };
}

/** Customers who bought in the window, scored; recency is counted from their last order up to asOf. */
export function rfmScored(ws: Workspace, asOf: string, windowDays: number, scoring: RfmScoring, store?: string) {
  const totals = totalsFor(ws, asOf, windowDays, store);
  const cols = rfmColumns(totals);
  return scoreRfm(
    Array.from(cols.buyers, (c, i) => ({
      id: totals.f.customerIds[c] as string,
      recencyDays: cols.recencyDays[i] as number,
      frequency: cols.frequency[i] as number,
      monetary: cols.monetary[i] as number,
    })),
    scoring,
  );
}

export function rfmReport(ws: Workspace, asOf: string, windowDays: number, scoring: RfmScoring, store?: string) {
  const cols = rfmColumns(totalsFor(ws, asOf, windowDays, store));
  const s = scoreRfmColumns(cols, scoring);
  return {
    customers: cols.monetary.length,
    segments: summariseSegmentColumns(s.segment, cols.monetary),
    heatmap: rfmHeatmapColumns(s.r, s.f, cols.monetary),
  };
}

/**
 * The quiet-time bands of the dormant chart, from the chosen threshold: [d, 1.5d), [1.5d, 2d),
 * [2d, 4d), 4d and more (180 → 180, 270, 360, 720). Fixed bands from 180 days left a 90-day
 * report with an empty chart.
 */
export function dormantBandStarts(dormantDays: number): number[] {
  const starts = [dormantDays, Math.ceil(dormantDays * 1.5), dormantDays * 2, dormantDays * 4];
  return starts.filter((s, i) => i === 0 || s > (starts[i - 1] as number));
}

/**
 * 静止户: customers who bought before but not for `dormantDays`, with the value at risk, counted
 * in quiet-time bands over all of them; the list holds the `limit` most recently quiet (null: all,
 * for the export).
 */
export function dormantReport(ws: Workspace, asOf: string, dormantDays: number, limit: number | null = 200, store?: string) {
  const f = salesFacts(ws);
  const to = dayNumber(asOf);
  // Customers not counted (other stores', other people's) keep NO_DAY: none of them is dormant, nor their orders at risk.
  const { lastUpTo } = customerTotals(f, to, to, reportMask(ws, f, store));
  const quietSince = to - dormantDays;
  const dormant: number[] = [];
  for (let c = 0; c < f.customerCount; c++)
    if (f.customerDeleted[c] === 0 && lastUpTo[c] !== NO_DAY && (lastUpTo[c] as number) <= quietSince) dormant.push(c);
  const isDormant = new Uint8Array(f.customerCount);
  for (const c of dormant) isDormant[c] = 1;
  // Value at risk: what these customers bought in the year up to their last order.
  let valueAtRisk = 0;
  for (let i = 0; i < f.orderCount; i++) {
    const c = f.orderCustomer[i] as number;
    if (isDormant[c] === 0 || f.orderLive[i] === 0) continue;
    const day = f.orderDay[i] as number;
    const last = lastUpTo[c] as number;
    if (day <= last && day > last - 365) valueAtRisk += f.orderTotal[i] as number;
  }
  const starts = dormantBandStarts(dormantDays);
  const bands = starts.map((from, i) => ({ fromDays: from, toDays: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : null, count: 0 }));
  for (const c of dormant) {
    const quiet = to - (lastUpTo[c] as number);
    let b = bands.length - 1;
    while (b > 0 && quiet < (bands[b] as { fromDays: number }).fromDays) b -= 1;
    (bands[b] as { count: number }).count += 1;
  }
  // Most dormant first (earliest last order): the table shows only the first 200 of them.
  dormant.sort((a, b) => (lastUpTo[a] as number) - (lastUpTo[b] as number) || a - b);
  const shown = limit === null ? dormant : dormant.slice(0, limit);
  const names = new Map(
    (shown.length
      ? (ws.db
          .prepare(
            `SELECT c.id, c.name, e.name AS owner FROM customers c LEFT JOIN employees e ON e.id = c.owner_id WHERE c.id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(shown.map((c) => f.customerIds[c]))) as { id: string; name: string; owner: string | null }[])
      : []
    ).map((r) => [r.id, r]),
  );
  const list = shown.map((c) => {
    const id = f.customerIds[c] as string;
    const last = lastUpTo[c] as number;
    return { id, name: names.get(id)?.name ?? '', lastOrder: isoDate(last), daysSinceLastOrder: to - last, owner: names.get(id)?.owner ?? null };
  });
  return { count: dormant.length, valueAtRisk, list, bands };
}

/** Monthly revenue, orders, new (first order) and active (ordered) live customers, optionally by class, province or 门店. */
export function timeSeries(ws: Workspace, fromMonth: string, toMonth: string, by?: 'class' | 'province' | 'store', store?: string) {
  const f = salesFacts(ws);
  const only = reportMask(ws, f, store);
  const months: string[] = [];
  for (
    let [y, m] = fromMonth.split('-').map(Number) as [number, number];
    `${y}-${String(m).padStart(2, '0')}` <= toMonth;
    m === 12 ? ((y += 1), (m = 1)) : (m += 1)
  ) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  if (!months.length) return { rows: [], newCustomers: [] };
  const start = dayNumber(`${fromMonth}-01`);
  const starts = [...months.map((m) => dayNumber(`${m}-01`)), nextMonthStart(toMonth)];
  const end = starts[starts.length - 1] as number;
  const monthOfDay = new Int32Array(end - start);
  months.forEach((_, i) => monthOfDay.fill(i, (starts[i] as number) - start, (starts[i + 1] as number) - start));
  const group = by === 'class' ? f.customerClass : by === 'province' ? f.customerProvince : by === 'store' ? f.customerStore : null;
  const { labels, slotOf } =
    by === 'class'
      ? { labels: f.classes.values, slotOf: null }
      : by === 'store'
        ? { labels: f.stores.values, slotOf: null }
        : by === 'province'
          ? provinceSlots(f.provinces.values)
          : { labels: [''], slotOf: null };
  const cells = new Map<number, { revenue: number; orders: number; active: number }>();
  const cell = (month: number, g: number) => {
    const key = month * labels.length + g;
    let x = cells.get(key);
    if (!x) cells.set(key, (x = { revenue: 0, orders: 0, active: 0 }));
    return x;
  };
  // Walking each customer's chain counts its active months once (a customer has one class and
  // province), and finds its first sale at the same time.
  const seen = new Int32Array(months.length).fill(-1);
  const firsts = new Int32Array(months.length);
  for (let c = 0; c < f.customerCount; c++) {
    if (f.customerDeleted[c] === 1 || !counted(only, c)) continue;
    const code = group ? (group[c] as number) : 0;
    const g = slotOf ? (slotOf[code] as number) : code;
    let first = Number.POSITIVE_INFINITY;
    for (let i = f.customerHead[c] as number; i >= 0; i = f.orderNext[i] as number) {
      if (f.orderLive[i] === 0) continue;
      const day = f.orderDay[i] as number;
      if (day < first) first = day;
      if (day < start || day >= end) continue;
      const m = monthOfDay[day - start] as number;
      const x = cell(m, g);
      const total = f.orderTotal[i] as number;
      x.revenue += total;
      x.orders += 1;
      // Active: a buyer of the month, revenue > 0 in it (totals are never negative, so an order above 0 makes one).
      if (seen[m] !== c && total > 0) {
        seen[m] = c;
        x.active += 1;
      }
    }
    if (first >= start && first < end) {
      const m = monthOfDay[first - start] as number;
      firsts[m] = (firsts[m] as number) + 1;
    }
  }
  const rows = [...cells.entries()]
    .map(([key, x]) => ({ month: months[Math.floor(key / labels.length)] as string, k: labels[key % labels.length] ?? null, ...x }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : compareNullable(a.k, b.k)));
  const newCustomers = months.map((month, i) => ({ month, n: firsts[i] as number })).filter((x) => x.n > 0);
  return { rows, newCustomers };
}

const compareNullable = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : comparePinyin(a, b));

/**
 * Provinces as written (广东, 广东省 …) folded onto their division-list name: the labels, one per
 * name, and for each dictionary code its label's index.
 */
function provinceSlots(values: readonly (string | null)[]): { labels: (string | null)[]; slotOf: Int32Array } {
  const labels: (string | null)[] = [];
  const index = new Map<string | null, number>();
  const slotOf = new Int32Array(values.length);
  values.forEach((v, code) => {
    const key = v === null || v === '' ? v : provinceKey(v);
    let slot = index.get(key);
    if (slot === undefined) {
      slot = labels.push(key) - 1;
      index.set(key, slot);
    }
    slotOf[code] = slot;
  });
  return { labels, slotOf };
}

function nextMonthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Math.round(Date.UTC(y, m, 1) / 86_400_000);
}

/** Lifetime value with its formula, from the window's buyers (`isWindowBuyer`) and a stated lifespan and margin. */
export function clvReport(ws: Workspace, asOf: string, windowDays: number, lifespanYears: number, grossMargin: number, store?: string) {
  const { f, t } = totalsFor(ws, asOf, windowDays, store);
  const agg = { revenue: 0, orders: 0, customers: 0 };
  for (let c = 0; c < f.customerCount; c++) {
    const n = t.windowOrders[c] as number;
    if (!isWindowBuyer(t, c)) continue;
    agg.revenue += t.windowRevenue[c] as number;
    agg.orders += n;
    agg.customers += 1;
  }
  return { window: windowEnding(asOf, windowDays), ...lifetimeValue({ ...agg, years: windowDays / 365, lifespanYears, grossMargin }), ...agg };
}

/** 客户经理绩效: customers owned, their revenue in the window, and visits planned vs done. */
/** With a 门店 (or under scope 'own'): the counted customers each manager owns, their revenue, and visits to them. */
export function managerPerformance(ws: Workspace, asOf: string, windowDays: number, visitTypeId?: string, store?: string) {
  const { f, t, mask: only } = totalsFor(ws, asOf, windowDays, store);
  const owned = new Float64Array(f.owners.values.length);
  const revenue = new Float64Array(f.owners.values.length);
  for (let c = 0; c < f.customerCount; c++) {
    if (f.customerDeleted[c] === 1 || !counted(only, c)) continue;
    const o = f.customerOwner[c] as number;
    owned[o] = (owned[o] as number) + 1;
    revenue[o] = (revenue[o] as number) + (t.windowRevenue[c] as number);
  }
  const w = windowEnding(asOf, windowDays);
  const visits = new Map<string, { planned: number; done: number }>();
  if (visitTypeId) {
    const visited = reportCustomers('customer_id', store);
    for (const v of ws.db
      .prepare(
        `SELECT employee_id AS id, sum(status = 'planned') AS planned, sum(status = 'done') AS done FROM business_records
         WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ?${visited.sql}
         GROUP BY employee_id`,
      )
      .all(visitTypeId, w.from, w.to, ...visited.params) as { id: string; planned: number; done: number }[]) {
      visits.set(v.id, { planned: v.planned, done: v.done });
    }
  }
  const employees = ws.db.prepare('SELECT id, name FROM employees WHERE deleted = 0').all() as { id: string; name: string }[];
  return employees
    .map((e) => {
      const o = f.owners.find(e.id);
      return {
        id: e.id,
        name: e.name,
        customers: o > 0 ? (owned[o] as number) : 0,
        revenue: o > 0 ? (revenue[o] as number) : 0,
        visitsPlanned: visits.get(e.id)?.planned ?? 0,
        visitsDone: visits.get(e.id)?.done ?? 0,
      };
    })
    .sort((a, b) => b.revenue - a.revenue || comparePinyin(a.name, b.name));
}
