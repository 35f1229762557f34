import type { DrillResult, DrillTarget } from '../../src-shared/contract/report-results';
import type { ResultFigure } from '../../src-shared/query/figure';
import type { RfmScored } from '../../src-shared/analysis/rfm';
import { snapshotFieldKey, snapshotRevenueFieldKey } from '../../src-shared/query/query-fields';
import type { ConditionNode, GroupNode, QueryNode, RelatedNode } from '../../src-shared/query/query-tree';
import type { Workspace } from '../db/workspace';
import { scopeWherePositional } from '../people/record-scope';
import { provinceKey } from '../services/regions/canonical-region';
import { getScheme } from './classification-service';
import { windowEnding, type Window } from './customer-metrics';
import { paretoRevenues, rfmScored } from './sales-reports';

// A drill-down is the report element's customers as an ordinary customer query: the user sees its
// results, its conditions in the builder, and can save it. Where a report cuts by computed scores
// (RFM quantiles, the Pareto top share) the cut is turned into the figures it stands for — order
// counts, sums and last-order dates in the window — which the query language compares directly.
// A report read for one 门店 drills with that store: its scores come from the store's customers
// and the query adds `storeCode = store`, so the list holds exactly the customers counted. Under
// record scope 'own' the scores and thresholds come from the caller's customers alone, and the
// query runs through the scoped query path, so it lists theirs only.

type Op = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';

const group = (children: QueryNode[]): GroupNode => ({ kind: 'group', op: 'and', children });
const cond = (field: string, operator: ConditionNode['operator'], rest: Partial<ConditionNode> = {}): ConditionNode => ({
  kind: 'condition',
  field,
  operator,
  ...rest,
});
const ordersBetween = (from: string, to: string): GroupNode => group([cond('orderDate', 'between', { value: from, value2: to })]);
const hasOrders = (where: GroupNode, mode: 'has' | 'hasNo' = 'has'): RelatedNode => ({ kind: 'related', relation: 'orders', mode, where });
const countOrders = (where: GroupNode, op: Op, value: number): RelatedNode => ({
  kind: 'related',
  relation: 'orders',
  mode: 'count',
  where,
  count: { op, value },
});
const aggregateOrders = (where: GroupNode | undefined, fn: 'sum' | 'max' | 'min', field: string, op: Op, value: number | string): RelatedNode => ({
  kind: 'related',
  relation: 'orders',
  mode: 'aggregate',
  ...(where ? { where } : {}),
  aggregate: { fn, field, op, value },
});
/** Buyers of a period (revenue > 0 in it, as `isWindowBuyer`): an order above 0 in it, totals being never negative. */
const buyersBetween = (from: string, to: string): RelatedNode =>
  hasOrders(group([cond('orderDate', 'between', { value: from, value2: to }), cond('totalFen', 'gt', { value: 0 })]));
/** Matches no customer: the element was empty when the drill was asked for. */
const nothing = (w: Window): RelatedNode => countOrders(ordersBetween(w.from, w.to), 'lt', 0);

const DAY = 86_400_000;
const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Value range of one RFM dimension over the customers whose score passes `keep`, or null if none does. */
function range(scored: readonly RfmScored[], value: (s: RfmScored) => number, keep: (s: RfmScored) => boolean): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scored) {
    if (!keep(s)) continue;
    min = Math.min(min, value(s));
    max = Math.max(max, value(s));
  }
  return min <= max ? { min, max } : null;
}

/**
 * An RFM selection as order figures in the window. Scores rise (recency: fall) with the value and
 * ties share a score, so the customers of a score set are exactly those whose value lies between
 * the set's smallest and largest value; a bound at the population's own extreme is left out.
 */
function rfmQuery(
  asOf: string,
  windowDays: number,
  scored: readonly RfmScored[],
  keep: Record<'r' | 'f' | 'm', (s: RfmScored) => boolean>,
): QueryNode[] {
  const w = windowEnding(asOf, windowDays);
  const inWindow = ordersBetween(w.from, w.to);
  const all = () => true;
  const nodes: QueryNode[] = [buyersBetween(w.from, w.to)];
  const dims = [
    { value: (s: RfmScored) => s.recencyDays, keep: keep.r },
    { value: (s: RfmScored) => s.frequency, keep: keep.f },
    { value: (s: RfmScored) => s.monetary, keep: keep.m },
  ];
  for (const [i, d] of dims.entries()) {
    const r = range(scored, d.value, (s) => dims.every((o) => o.keep(s)));
    if (!r) return [nothing(w)];
    const whole = range(scored, d.value, all) as { min: number; max: number };
    const bounds: [Op, number][] = [
      ...(r.min > whole.min ? [['gte', r.min] as [Op, number]] : []),
      ...(r.max < whole.max ? [['lte', r.max] as [Op, number]] : []),
    ];
    for (const [op, v] of bounds) {
      if (i === 0) nodes.push(aggregateOrders(inWindow, 'max', 'orderDate', op === 'gte' ? 'lte' : 'gte', daysBefore(asOf, v)));
      else if (i === 1) nodes.push(countOrders(inWindow, op, v));
      else nodes.push(aggregateOrders(inWindow, 'sum', 'totalFen', op, v));
    }
  }
  return nodes;
}

function mean(scored: readonly RfmScored[], k: 'r' | 'f' | 'm'): number {
  return scored.reduce((a, s) => a + s[k], 0) / Math.max(1, scored.length);
}

function drillNodes(ws: Workspace, t: DrillTarget, store: string | undefined): QueryNode[] {
  switch (t.of) {
    case 'paretoTop': {
      const w = windowEnding(t.asOf, t.windowDays);
      const revenues = paretoRevenues(ws, t.asOf, t.windowDays, store).sort((a, b) => b - a);
      const threshold = revenues[Math.ceil(revenues.length * t.share) - 1];
      // Customers tied with the last one of the share are in as well: a query cannot split a tie.
      return threshold === undefined ? [nothing(w)] : [aggregateOrders(ordersBetween(w.from, w.to), 'sum', 'totalFen', 'gte', threshold)];
    }
    case 'rfmSegment': {
      const scored = rfmScored(ws, t.asOf, t.windowDays, t.scoring, store);
      const segment = scored.find((s) => s.segment === t.segment);
      if (!segment) return [nothing(windowEnding(t.asOf, t.windowDays))];
      // A segment is high or low on each dimension against the dimension's mean score.
      const [mr, mf, mm] = [mean(scored, 'r'), mean(scored, 'f'), mean(scored, 'm')];
      const side = (score: number, m: number, ref: number) => score >= m === ref >= m;
      return rfmQuery(t.asOf, t.windowDays, scored, {
        r: (s) => side(s.r, mr, segment.r),
        f: (s) => side(s.f, mf, segment.f),
        m: (s) => side(s.m, mm, segment.m),
      });
    }
    case 'rfmCell': {
      const scored = rfmScored(ws, t.asOf, t.windowDays, t.scoring, store);
      return rfmQuery(t.asOf, t.windowDays, scored, { r: (s) => s.r === t.r, f: (s) => s.f === t.f, m: () => true });
    }
    case 'snapshotClass':
      return [cond(snapshotFieldKey(t.schemeId, t.period), 'eq', { value: t.classKey })];
    case 'transition': {
      const inPeriod = (period: string, cls: string) =>
        cls === '—' ? cond(snapshotFieldKey(t.schemeId, period), 'empty') : cond(snapshotFieldKey(t.schemeId, period), 'eq', { value: cls });
      return [inPeriod(t.from, t.fromClass), inPeriod(t.to, t.toClass)];
    }
    case 'records': {
      const where = group([cond('status', 'eq', { value: t.status }), cond('createdAt', 'between', { value: t.from, value2: t.to })]);
      return [{ kind: 'related', relation: `records:${t.typeId}`, mode: 'has', where }];
    }
    case 'transitionMove':
      return transitionMoveNodes(ws, t);
    case 'dormant': {
      // Bought on or before the cut-off, and not since up to the analysis date.
      const quietFrom = daysBefore(t.asOf, t.dormantDays - 1);
      return [hasOrders(group([cond('orderDate', 'before', { value: quietFrom })])), hasOrders(ordersBetween(quietFrom, t.asOf), 'hasNo')];
    }
    case 'buyers': {
      const w = windowEnding(t.asOf, t.windowDays);
      return [buyersBetween(w.from, w.to)];
    }
    case 'month': {
      const [from, to] = [`${t.month}-01`, monthEnd(t.month)];
      if (t.measure === 'new')
        return [aggregateOrders(undefined, 'min', 'orderDate', 'gte', from), aggregateOrders(undefined, 'min', 'orderDate', 'lte', to)];
      const nodes: QueryNode[] = [buyersBetween(from, to)];
      if (t.by) {
        if (t.by === 'class') nodes.push(t.key ? cond('customerClass', 'eq', { value: t.key }) : cond('customerClass', 'empty'));
        else if (t.by === 'store') nodes.push(t.key ? cond('storeCode', 'eq', { value: t.key }) : cond('storeCode', 'empty'));
        // The report folds 广东 into 广东省: the drill selects every stored text of that name.
        else nodes.push(t.key ? cond('province', 'in', { values: provinceTexts(ws, t.key) }) : cond('province', 'empty'));
      }
      return nodes;
    }
    case 'relationship':
      return [t.level === null ? cond('relationshipLevel', 'empty') : cond('relationshipLevel', 'eq', { value: t.level })];
    case 'owner':
      return [cond('ownerId', 'eq', { value: t.ownerId })];
  }
}

/** Every live customer's stored province text that maps onto `key` (and `key` itself). */
function provinceTexts(ws: Workspace, key: string): string[] {
  // Of the caller's customers only under scope 'own': a colleague's customer's spelling is not theirs to read.
  const params: unknown[] = [];
  const mine = scopeWherePositional('c', params);
  const rows = ws.db
    .prepare(`SELECT DISTINCT province AS p FROM customers c WHERE deleted = 0 AND province IS NOT NULL AND province <> '' AND ${mine}`)
    .all(...params) as { p: string }[];
  return [...new Set([key, ...rows.map((r) => r.p).filter((p) => provinceKey(p) === key)])].sort();
}

/**
 * The transition report's totals as queries. Up, down and same are the matrix cells on that side
 * of the diagonal (customers in both periods), OR-ed; stopped buying compares the revenue each
 * snapshot was computed from, exactly as the report counts it.
 */
function transitionMoveNodes(ws: Workspace, t: Extract<DrillTarget, { of: 'transitionMove' }>): QueryNode[] {
  if (t.move === 'stopped') {
    return [
      cond(snapshotRevenueFieldKey(t.schemeId, t.from), 'gt', { value: 0 }),
      cond(snapshotRevenueFieldKey(t.schemeId, t.to), 'eq', { value: 0 }),
    ];
  }
  const order = getScheme(ws, t.schemeId).definition.classes.map((c) => c.key);
  const cells: GroupNode[] = [];
  for (const [i, a] of order.entries()) {
    for (const [j, b] of order.entries()) {
      if ((t.move === 'up' && j < i) || (t.move === 'down' && j > i) || (t.move === 'same' && i === j)) {
        cells.push(
          group([cond(snapshotFieldKey(t.schemeId, t.from), 'eq', { value: a }), cond(snapshotFieldKey(t.schemeId, t.to), 'eq', { value: b })]),
        );
      }
    }
  }
  // No cell on that side (a one-class scheme cannot move up or down): empty and not empty at once matches no one.
  if (cells.length === 0) return [cond(snapshotFieldKey(t.schemeId, t.from), 'empty'), cond(snapshotFieldKey(t.schemeId, t.from), 'notEmpty')];
  return [{ kind: 'group', op: 'or', children: cells }];
}

/** The number each drill's customers were drawn by, for the list to show and sort by. */
function drillFigure(t: DrillTarget): ResultFigure | null {
  switch (t.of) {
    case 'paretoTop':
    case 'rfmSegment':
    case 'rfmCell':
      return { kind: 'revenue', ...windowEnding(t.asOf, t.windowDays) };
    case 'buyers': {
      const w = windowEnding(t.asOf, t.windowDays);
      // One buyer's CLV by the report's formula: revenue ÷ years × lifespan × margin.
      return t.clv ? { kind: 'clv', ...w, factor: (t.clv.lifespanYears * t.clv.grossMargin * 365) / t.windowDays } : { kind: 'revenue', ...w };
    }
    case 'dormant':
      return { kind: 'quietDays', asOf: t.asOf };
    case 'month':
      return { kind: 'revenue', from: `${t.month}-01`, to: monthEnd(t.month) };
    default:
      return null;
  }
}

/** The customer query behind one bar, slice or cell of a report, computed as the report was. */
export function drillQuery(ws: Workspace, t: DrillTarget, store?: string): DrillResult {
  const nodes = drillNodes(ws, t, store);
  if (store !== undefined) nodes.push(cond('storeCode', 'eq', { value: store }));
  return { definition: { entity: 'customer', where: group(nodes) }, figure: drillFigure(t) };
}
