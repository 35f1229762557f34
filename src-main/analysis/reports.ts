import { orderTransitions } from '../../src-shared/analysis/contribution';
import type { Workspace } from '../db/workspace';
import { scopeWherePositional } from '../people/record-scope';
import { getScheme } from './classification-service';
import { windowEnding } from './customer-metrics';
import { salesFacts } from './facts/facts-cache';
import { periodClasses } from './facts/snapshot-facts';
import { counted, reportCustomers, reportMask } from './customer-mask';

// The class, relationship and business-record reports: grouped SQL over snapshots, customers and
// records, returned as plain JSON the renderer charts. The reports over orders are in sales-reports.ts.
// `store` (HQ's 门店 filter, a site code) keeps one store's customers; absent, every customer counts.
// Under record scope 'own' only the caller's customers count (customer-mask.ts). The class reports
// count those customers by the classes the workspace's runs gave them (the same class their cards
// and queries show): see docs/security.md, "Reports under scope own".

/**
 * Snapshot rows of customers still live: a class report counts what its drill-down (a query over
 * live customers) lists. Written as "not one of the deleted" rather than a join: the deleted are
 * few and found through an index, and classification_snapshots_run_idx carries customer_id, so
 * the count never reads a customer row (the join made the pyramid 35× its plain count).
 */
const LIVE_SNAPSHOTS = '(SELECT * FROM classification_snapshots WHERE customer_id NOT IN (SELECT id FROM customers WHERE deleted = 1)) s';

/** The condition on snapshot rows `s` (门店 and record scope) and its parameters (none without either). */
const snapshotStore = (store: string | undefined) => reportCustomers('s.customer_id', store);

/** Customers in each class of the scheme's latest (or given) period: the pyramid. */
export function classPyramid(ws: Workspace, schemeId: string, period?: string, store?: string) {
  const scheme = getScheme(ws, schemeId);
  const latest =
    period ?? (ws.db.prepare('SELECT max(period) FROM classification_snapshots WHERE scheme_id = ?').pluck().get(schemeId) as string | null);
  if (!latest) return { period: null, classes: scheme.definition.classes.map((c) => ({ ...c, customers: 0 })) };
  const only = snapshotStore(store);
  const counts = new Map(
    (
      ws.db
        .prepare(`SELECT s.class AS k, count(*) AS n FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ? AND s.period = ?${only.sql} GROUP BY s.class`)
        .all(schemeId, latest, ...only.params) as { k: string; n: number }[]
    ).map((r) => [r.k, r.n]),
  );
  return { period: latest, classes: scheme.definition.classes.map((c) => ({ ...c, customers: counts.get(c.key) ?? 0 })) };
}

/** Class counts per period: how the distribution moved over time. */
export function classDistribution(ws: Workspace, schemeId: string, store?: string) {
  const only = snapshotStore(store);
  const rows = ws.db
    .prepare(
      `SELECT s.period, s.class AS k, count(*) AS n FROM ${LIVE_SNAPSHOTS} WHERE s.scheme_id = ?${only.sql} GROUP BY s.period, s.class ORDER BY s.period`,
    )
    .all(schemeId, ...only.params) as { period: string; k: string; n: number }[];
  const periods = [...new Set(rows.map((r) => r.period))];
  const classes = getScheme(ws, schemeId).definition.classes.map((c) => c.key);
  return { periods, series: classes.map((k) => ({ key: k, counts: periods.map((p) => rows.find((r) => r.period === p && r.k === k)?.n ?? 0) })) };
}

/** 客户异动: moves between two periods' classes, plus who stopped buying in the later window. */
export function classTransitions(ws: Workspace, schemeId: string, from: string, to: string, store?: string) {
  const order = getScheme(ws, schemeId).definition.classes.map((c) => c.key);
  // Both periods by customer index (read once per applied run, facts/snapshot-facts.ts): one walk
  // over the live customers. As SQL this was four joins of the two runs, 8.6 s at 600k.
  const facts = salesFacts(ws);
  const a = periodClasses(ws, facts, schemeId, from);
  const b = periodClasses(ws, facts, schemeId, to);
  const only = reportMask(ws, facts, store);
  const width = b.keys.length + 1;
  const counts = new Map<number, number>();
  let stoppedBuying = 0;
  for (let c = 0; c < facts.customerCount; c++) {
    if (facts.customerDeleted[c] === 1 || !counted(only, c)) continue;
    const x = a.classOf[c] ?? 0;
    const y = b.classOf[c] ?? 0;
    if (x === 0 && y === 0) continue;
    counts.set(x * width + y, (counts.get(x * width + y) ?? 0) + 1);
    if (x !== 0 && y !== 0 && a.revenueSign[c] === 1 && b.revenueSign[c] === 0) stoppedBuying += 1;
  }
  const keyOf = (code: number) => (code === 0 ? '—' : (b.keys[code - 1] as string));
  const cells = [...counts.entries()].map(([k, customers]) => ({ from: keyOf(Math.floor(k / width)), to: keyOf(k % width), customers }));
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
  return { from, to, matrix: orderTransitions(cells, order), up, down, same, stoppedBuying };
}

export function relationshipDistribution(ws: Workspace, store?: string) {
  const params: unknown[] = store === undefined ? [] : [store];
  const mine = scopeWherePositional('c', params);
  return ws.db
    .prepare(
      `SELECT relationship_level AS level, count(*) AS customers FROM customers c WHERE deleted = 0${store === undefined ? '' : ' AND store_code = ?'}
       AND ${mine} GROUP BY relationship_level ORDER BY relationship_level`,
    )
    .all(...params) as { level: number | null; customers: number }[];
}

/** 投诉/满意度 summaries from a business type: records per status, days to a final status, averages of its number fields. */
export function businessSummary(ws: Workspace, typeId: string, asOf: string, windowDays: number, store?: string) {
  const w = windowEnding(asOf, windowDays);
  // With a 门店 (or under scope 'own'): the records of those customers (as without, a deleted customer's records still count).
  const only = reportCustomers('customer_id', store);
  const byStatus = ws.db
    .prepare(
      `SELECT status, count(*) AS records FROM business_records WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ?${only.sql} GROUP BY status`,
    )
    .all(typeId, w.from, w.to, ...only.params) as { status: string; records: number }[];
  const type = ws.db.prepare('SELECT statuses FROM business_types WHERE id = ?').pluck().get(typeId) as string | undefined;
  const finals = type ? (JSON.parse(type) as { key: string; final?: boolean }[]).filter((s) => s.final).map((s) => s.key) : [];
  const closeDays = finals.length
    ? (ws.db
        .prepare(
          `SELECT avg(julianday(status_changed_at) - julianday(created_at)) FROM business_records
           WHERE type_id = ? AND deleted = 0 AND status IN (${finals.map(() => '?').join(',')}) AND substr(created_at, 1, 10) BETWEEN ? AND ?${only.sql}`,
        )
        .pluck()
        .get(typeId, ...finals, w.from, w.to, ...only.params) as number | null)
    : null;
  const numeric = ws.db
    .prepare(
      "SELECT column_name AS c, label FROM custom_fields WHERE business_type_id = ? AND deleted = 0 AND purged = 0 AND type IN ('integer', 'decimal', 'money', 'percent')",
    )
    .all(typeId) as { c: string; label: string }[];
  const averages = numeric
    .filter((f) => /^cf_[a-z0-9]{6,16}$/.test(f.c))
    .map((f) => ({
      column: f.c,
      label: f.label,
      average: ws.db
        .prepare(
          `SELECT avg(${f.c}) FROM business_records WHERE type_id = ? AND deleted = 0 AND substr(created_at, 1, 10) BETWEEN ? AND ?${only.sql}`,
        )
        .pluck()
        .get(typeId, w.from, w.to, ...only.params) as number | null,
    }));
  return { window: w, byStatus, averageDaysToClose: closeDays === null ? null : Math.round(closeDays * 10) / 10, averages };
}
