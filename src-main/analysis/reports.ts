import { lifetimeValue, paretoCurveOf, orderTransitions } from '../../src-shared/analysis/contribution';
import { rfmHeatmapColumns, scoreRfm, scoreRfmColumns, summariseSegmentColumns, type RfmScoring } from '../../src-shared/analysis/rfm';
import type { Workspace } from '../db/workspace';
import { getScheme } from './classification-service';
import { windowEnding } from './customer-metrics';

// The analysis reports. Each takes an analysis date and a window, reads grouped figures (never
// whole order tables into memory), and returns plain JSON the renderer charts.

/**
 * Revenue, orders and last order date in the window, for live customers who bought in it. The same
 * figures as customerMetrics for those customers (the window ends on asOf, so the last order up to
 * asOf of anyone who bought in it lies inside it), from one grouped scan of the covering
 * orders_date_idx instead of two scans plus every customer row. "Live" is an EXISTS probe by id:
 * written as a JOIN, SQLite walked the live customers and built an automatic index over the
 * grouped rows, 150 ms more at 100k buyers.
 */
const windowBuyersSql = (columns: string, where = '') => `SELECT ${columns} FROM
     (SELECT customer_id AS id, sum(total_fen) AS revenue, count(*) AS orders, max(order_date) AS lastOrder FROM orders
      WHERE deleted = 0 AND status <> 'cancelled' AND order_date BETWEEN ? AND ? GROUP BY customer_id) b
   WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = b.id AND c.deleted = 0)${where}`;

function windowBuyers(ws: Workspace, asOf: string, windowDays: number): { id: string; revenue: number; orders: number; lastOrder: string }[] {
  const w = windowEnding(asOf, windowDays);
  return ws.db.prepare(windowBuyersSql('b.id, b.revenue, b.orders, b.lastOrder')).all(w.from, w.to) as { id: string; revenue: number; orders: number; lastOrder: string }[];
}

/**
 * The window figures as columns, for the reports that only aggregate them: a typed array per
 * figure read from raw rows, instead of an object per buyer (at 100k buyers those objects were
 * most of what rfm and pareto cost beyond their SQL). Recency is counted in SQL: both dates are
 * whole days, so the difference of their julian days is exact.
 */
function windowColumns(ws: Workspace, asOf: string, windowDays: number): { recencyDays: Float64Array; frequency: Float64Array; monetary: Float64Array } {
  const w = windowEnding(asOf, windowDays);
  const stmt = ws.db.prepare(windowBuyersSql('b.revenue, b.orders, CAST(round(julianday(?) - julianday(b.lastOrder)) AS INTEGER)')).raw(true);
  let size = 0;
  let cols = { recencyDays: new Float64Array(4096), frequency: new Float64Array(4096), monetary: new Float64Array(4096) };
  for (const row of stmt.iterate(asOf, w.from, w.to) as IterableIterator<[number, number, number]>) {
    if (size === cols.monetary.length) cols = grow(cols, size * 2);
    cols.monetary[size] = row[0];
    cols.frequency[size] = row[1];
    cols.recencyDays[size] = row[2];
    size += 1;
  }
  return grow(cols, size);
}

function grow<T extends Record<string, Float64Array>>(cols: T, length: number): T {
  const out: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(cols)) {
    const next = new Float64Array(length);
    next.set(v.subarray(0, Math.min(length, v.length)));
    out[k] = next;
  }
  return out as T;
}

/** Window revenue of each buyer for more than nothing, as one column (plucked: no row object at all). */
function windowRevenues(ws: Workspace, asOf: string, windowDays: number): Float64Array {
  const w = windowEnding(asOf, windowDays);
  const stmt = ws.db.prepare(windowBuyersSql('b.revenue', ' AND b.revenue > 0')).pluck(true);
  let size = 0;
  let values = new Float64Array(4096);
  for (const revenue of stmt.iterate(w.from, w.to) as IterableIterator<number>) {
    if (size === values.length) values = grow({ values }, size * 2).values;
    values[size] = revenue;
    size += 1;
  }
  return values.slice(0, size);
}

const liveCustomerCount = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM customers WHERE deleted = 0').pluck().get() as number;

/** Revenue in the window of each customer who bought for more than nothing: the Pareto population. */
export function paretoRevenues(ws: Workspace, asOf: string, windowDays: number): number[] {
  return Array.from(windowRevenues(ws, asOf, windowDays));
}

export function paretoReport(ws: Workspace, asOf: string, windowDays: number) {
  return { ...paretoCurveOf(windowRevenues(ws, asOf, windowDays)), allCustomers: liveCustomerCount(ws) };
}

/** Customers who bought in the window, scored; recency is counted from their last order up to asOf. */
export function rfmScored(ws: Workspace, asOf: string, windowDays: number, scoring: RfmScoring) {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  return scoreRfm(
    windowBuyers(ws, asOf, windowDays).map((m) => ({
      id: m.id,
      recencyDays: Math.round((asOfMs - Date.parse(`${m.lastOrder}T00:00:00Z`)) / 86_400_000),
      frequency: m.orders,
      monetary: m.revenue,
    })),
    scoring,
  );
}

export function rfmReport(ws: Workspace, asOf: string, windowDays: number, scoring: RfmScoring) {
  const cols = windowColumns(ws, asOf, windowDays);
  const s = scoreRfmColumns(cols, scoring);
  return { customers: cols.monetary.length, segments: summariseSegmentColumns(s.segment, cols.monetary), heatmap: rfmHeatmapColumns(s.r, s.f, cols.monetary) };
}

/**
 * Snapshot rows of customers still live: a class report counts what its drill-down (a query over
 * live customers) lists. Written as "not one of the deleted" rather than a join: the deleted are
 * few and found through an index, and classification_snapshots_run_idx carries customer_id, so
 * the count never reads a customer row (the join made the pyramid 35× its plain count).
 */
const LIVE_SNAPSHOTS = '(SELECT * FROM classification_snapshots WHERE customer_id NOT IN (SELECT id FROM customers WHERE deleted = 1)) s';

/** Customers in each class of the scheme's latest (or given) period: the pyramid. */
export function classPyramid(ws: Workspace, schemeId: string, period?: string) {
  const scheme = getScheme(ws, schemeId);
  const latest = period ?? (ws.db.prepare('SELECT max(period) FROM classification_snapshots WHERE scheme_id = ?').pluck().get(schemeId) as string | null);
  if (!latest) return { period: null, classes: scheme.definition.classes.map((c) => ({ ...c, customers: 0 })) };
  const counts = new Map(
    (ws.db.prepare(`SELECT s.class AS k, count(*) AS n FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ? AND s.period = ? GROUP BY s.class`).all(schemeId, latest) as { k: string; n: number }[]).map(
      (r) => [r.k, r.n],
    ),
  );
  return { period: latest, classes: scheme.definition.classes.map((c) => ({ ...c, customers: counts.get(c.key) ?? 0 })) };
}

/** Class counts per period: how the distribution moved over time. */
export function classDistribution(ws: Workspace, schemeId: string) {
  const rows = ws.db
    .prepare(`SELECT s.period, s.class AS k, count(*) AS n FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ? GROUP BY s.period, s.class ORDER BY s.period`)
    .all(schemeId) as { period: string; k: string; n: number }[];
  const periods = [...new Set(rows.map((r) => r.period))];
  const classes = getScheme(ws, schemeId).definition.classes.map((c) => c.key);
  return { periods, series: classes.map((k) => ({ key: k, counts: periods.map((p) => rows.find((r) => r.period === p && r.k === k)?.n ?? 0) })) };
}

/** 客户异动: moves between two periods' classes, plus who stopped buying in the later window. */
export function classTransitions(ws: Workspace, schemeId: string, from: string, to: string) {
  const scheme = getScheme(ws, schemeId);
  const order = scheme.definition.classes.map((c) => c.key);
  // Grouped in SQL: customers in both periods (one index probe each), and those in only one of
  // them ("—" on the other side). Reading both periods into maps of 100k ids was 2× the SQL.
  const other = 'SELECT 1 FROM classification_snapshots o WHERE o.customer_id = s.customer_id AND o.scheme_id = s.scheme_id AND o.period = ?';
  const cells = [
    ...(ws.db
      .prepare(
        `SELECT s.class AS "from", b.class AS "to", count(*) AS customers FROM ${LIVE_SNAPSHOTS}
         JOIN classification_snapshots b ON b.customer_id = s.customer_id AND b.scheme_id = s.scheme_id AND b.period = ?
         WHERE s.scheme_id = ? AND s.period = ? GROUP BY s.class, b.class`,
      )
      .all(to, schemeId, from) as { from: string; to: string; customers: number }[]),
    ...(ws.db
      .prepare(`SELECT s.class AS "from", '—' AS "to", count(*) AS customers FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ? AND s.period = ? AND NOT EXISTS (${other}) GROUP BY s.class`)
      .all(schemeId, from, to) as { from: string; to: string; customers: number }[]),
    ...(ws.db
      .prepare(`SELECT '—' AS "from", s.class AS "to", count(*) AS customers FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ? AND s.period = ? AND NOT EXISTS (${other}) GROUP BY s.class`)
      .all(schemeId, to, from) as { from: string; to: string; customers: number }[]),
  ];
  const rank = (k: string) => order.indexOf(k);
  let up = 0;
  let down = 0;
  let same = 0;
  for (const c of cells) {
    if (c.from === '—' || c.to === '—') continue;
    if (rank(c.to) < rank(c.from)) up += c.customers;
    else if (rank(c.to) > rank(c.from)) down += c.customers;
    else same += c.customers;
  }
  const stopped = ws.db
    .prepare(
      `SELECT count(*) FROM ${LIVE_SNAPSHOTS} JOIN classification_snapshots b ON b.customer_id = s.customer_id AND b.scheme_id = s.scheme_id
       WHERE s.scheme_id = ? AND s.period = ? AND b.period = ? AND json_extract(s.metrics, '$.revenue') > 0 AND json_extract(b.metrics, '$.revenue') = 0`,
    )
    .pluck()
    .get(schemeId, from, to) as number;
  return { from, to, matrix: orderTransitions(cells, order), up, down, same, stoppedBuying: stopped };
}

/** 静止户: customers who bought before but not for `dormantDays`, with the value at risk. */
export function dormantReport(ws: Workspace, asOf: string, dormantDays: number, limit = 200) {
  // Live customers whose last order up to asOf is at least dormantDays old: one grouped scan of
  // the covering orders_date_idx (customerMetrics would also read every customer and a window).
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const dormant = (
    ws.db
      .prepare(
        `SELECT l.id, l.lastOrder, c.owner_id AS ownerId FROM
           (SELECT customer_id AS id, max(order_date) AS lastOrder FROM orders WHERE deleted = 0 AND status <> 'cancelled' AND order_date <= ? GROUP BY customer_id) l
         JOIN customers c ON c.id = l.id
         WHERE c.deleted = 0 AND l.lastOrder <= date(?, ?)`,
      )
      .all(asOf, asOf, `-${dormantDays} days`) as { id: string; lastOrder: string; ownerId: string | null }[]
  ).map((m) => ({ ...m, daysSinceLastOrder: Math.round((asOfMs - Date.parse(`${m.lastOrder}T00:00:00Z`)) / 86_400_000) }));
  // Value at risk: what these customers bought in the year before they went quiet.
  const atRisk = ws.db
    .prepare(
      `SELECT COALESCE(sum(o.total_fen), 0) FROM orders o
       JOIN (SELECT customer_id, max(order_date) AS last FROM orders WHERE deleted = 0 AND status <> 'cancelled' AND order_date <= ? GROUP BY customer_id) l
         ON l.customer_id = o.customer_id
       WHERE o.deleted = 0 AND o.status <> 'cancelled' AND l.last <= date(?, ?) AND o.order_date > date(l.last, '-365 days')`,
    )
    .pluck()
    .get(asOf, asOf, `-${dormantDays} days`) as number;
  const owners = new Map((ws.db.prepare('SELECT id, name FROM employees').all() as { id: string; name: string }[]).map((e) => [e.id, e.name]));
  const names = ws.db.prepare('SELECT name FROM customers WHERE id = ?').pluck();
  const list = dormant
    .sort((a, b) => (a.lastOrder ?? '') < (b.lastOrder ?? '') ? 1 : -1)
    .slice(0, limit)
    .map((m) => ({ id: m.id, name: names.get(m.id) as string, lastOrder: m.lastOrder, daysSinceLastOrder: m.daysSinceLastOrder, owner: m.ownerId ? (owners.get(m.ownerId) ?? null) : null }));
  return { count: dormant.length, valueAtRisk: atRisk, list };
}

/** Monthly revenue, orders, new (first order) and active (ordered) live customers, optionally by class or province. */
export function timeSeries(ws: Workspace, fromMonth: string, toMonth: string, by?: 'class' | 'province') {
  const dim = by === 'class' ? 'c.class' : by === 'province' ? 'c.province' : "''";
  // Orders are first summed per customer and month from the covering orders_date_idx; only then
  // is each customer looked up, in customer order (one lookup per customer and month instead of
  // one random customer read per order). A customer has one class/province, so counting the
  // (customer, month) rows of a group counts its distinct active customers.
  const rows = ws.db
    .prepare(
      `SELECT m.month, ${dim} AS k, sum(m.revenue) AS revenue, sum(m.orders) AS orders, count(*) AS active
       FROM (SELECT customer_id, substr(order_date, 1, 7) AS month, sum(total_fen) AS revenue, count(*) AS orders FROM orders
             WHERE deleted = 0 AND status <> 'cancelled' AND order_date >= ? AND order_date < date(? || '-01', '+1 month')
             GROUP BY customer_id, month) m
       JOIN customers c ON c.id = m.customer_id
       WHERE c.deleted = 0
       GROUP BY m.month, k ORDER BY m.month`,
    )
    .all(`${fromMonth}-01`, toMonth) as { month: string; k: string | null; revenue: number; orders: number; active: number }[];
  const firsts = ws.db
    .prepare(
      `SELECT substr(f.first, 1, 7) AS month, count(*) AS n
       FROM (SELECT customer_id, min(order_date) AS first FROM orders WHERE deleted = 0 AND status <> 'cancelled' GROUP BY customer_id) f
       JOIN customers c ON c.id = f.customer_id
       WHERE c.deleted = 0 AND f.first >= ? AND f.first < date(? || '-01', '+1 month') GROUP BY month`,
    )
    .all(`${fromMonth}-01`, toMonth) as { month: string; n: number }[];
  return { rows, newCustomers: firsts };
}

/** Lifetime value with its formula, from the window's orders and a stated lifespan and margin. */
export function clvReport(ws: Workspace, asOf: string, windowDays: number, lifespanYears: number, grossMargin: number) {
  const w = windowEnding(asOf, windowDays);
  const agg = ws.db
    .prepare(
      `SELECT COALESCE(sum(total_fen), 0) AS revenue, count(*) AS orders, count(DISTINCT customer_id) AS customers
       FROM orders WHERE deleted = 0 AND status <> 'cancelled' AND order_date BETWEEN ? AND ?`,
    )
    .get(w.from, w.to) as { revenue: number; orders: number; customers: number };
  return { window: w, ...lifetimeValue({ ...agg, years: windowDays / 365, lifespanYears, grossMargin }), ...agg };
}

/** 客户经理绩效: customers owned, their revenue in the window, and visits planned vs done. */
export function managerPerformance(ws: Workspace, asOf: string, windowDays: number, visitTypeId?: string) {
  const w = windowEnding(asOf, windowDays);
  const rows = ws.db
    .prepare(
      `SELECT e.id, e.name, count(c.id) AS customers,
         COALESCE(sum((SELECT sum(total_fen) FROM orders o WHERE o.customer_id = c.id AND o.deleted = 0 AND o.status <> 'cancelled' AND o.order_date BETWEEN ? AND ?)), 0) AS revenue
       FROM employees e LEFT JOIN customers c ON c.owner_id = e.id AND c.deleted = 0
       WHERE e.deleted = 0 GROUP BY e.id ORDER BY revenue DESC`,
    )
    .all(w.from, w.to) as { id: string; name: string; customers: number; revenue: number }[];
  const visits = new Map<string, { planned: number; done: number }>();
  if (visitTypeId) {
    for (const v of ws.db
      .prepare(
        `SELECT employee_id AS id, sum(status = 'planned') AS planned, sum(status = 'done') AS done FROM business_records
         WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ? GROUP BY employee_id`,
      )
      .all(visitTypeId, w.from, w.to) as { id: string; planned: number; done: number }[]) {
      visits.set(v.id, { planned: v.planned, done: v.done });
    }
  }
  return rows.map((r) => ({ ...r, visitsPlanned: visits.get(r.id)?.planned ?? 0, visitsDone: visits.get(r.id)?.done ?? 0 }));
}

export function relationshipDistribution(ws: Workspace) {
  return ws.db
    .prepare('SELECT relationship_level AS level, count(*) AS customers FROM customers WHERE deleted = 0 GROUP BY relationship_level ORDER BY relationship_level')
    .all() as { level: number | null; customers: number }[];
}

/** 投诉/满意度 summaries from a business type: records per status, days to a final status, averages of its number fields. */
export function businessSummary(ws: Workspace, typeId: string, asOf: string, windowDays: number) {
  const w = windowEnding(asOf, windowDays);
  const byStatus = ws.db
    .prepare(
      `SELECT status, count(*) AS records FROM business_records WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ? GROUP BY status`,
    )
    .all(typeId, w.from, w.to) as { status: string; records: number }[];
  const type = ws.db.prepare('SELECT statuses FROM business_types WHERE id = ?').pluck().get(typeId) as string | undefined;
  const finals = type ? (JSON.parse(type) as { key: string; final?: boolean }[]).filter((s) => s.final).map((s) => s.key) : [];
  const closeDays = finals.length
    ? (ws.db
        .prepare(
          `SELECT avg(julianday(status_changed_at) - julianday(created_at)) FROM business_records
           WHERE type_id = ? AND deleted = 0 AND status IN (${finals.map(() => '?').join(',')}) AND substr(created_at, 1, 10) BETWEEN ? AND ?`,
        )
        .pluck()
        .get(typeId, ...finals, w.from, w.to) as number | null)
    : null;
  const numeric = ws.db
    .prepare("SELECT column_name AS c, label FROM custom_fields WHERE business_type_id = ? AND deleted = 0 AND purged = 0 AND type IN ('integer', 'decimal', 'money', 'percent')")
    .all(typeId) as { c: string; label: string }[];
  const averages = numeric
    .filter((f) => /^cf_[a-z0-9]{6,16}$/.test(f.c))
    .map((f) => ({
      column: f.c,
      label: f.label,
      average: ws.db
        .prepare(`SELECT avg(${f.c}) FROM business_records WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ?`)
        .pluck()
        .get(typeId, w.from, w.to) as number | null,
    }));
  return { window: w, byStatus, averageDaysToClose: closeDays === null ? null : Math.round(closeDays * 10) / 10, averages };
}
