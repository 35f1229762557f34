// RFM (最近一次消费 Recency, 消费频率 Frequency, 消费金额 Monetary): scoring and the common
// Chinese eight-segment reading. Pure functions over per-customer figures.

import type { SegmentSummary } from '../contract/report-results';

export interface RfmInput {
  id: string;
  /** Days from the last order to the analysis date. */
  recencyDays: number;
  /** Orders in the window. */
  frequency: number;
  /** Revenue in the window, fen. */
  monetary: number;
}

export type RfmScoring =
  | { kind: 'quantiles'; buckets: 3 | 4 | 5 }
  /** Ascending cut points: a value ≥ cut[i] scores i + 2 (recency: ≤ cut scores higher). */
  | { kind: 'thresholds'; recency: number[]; frequency: number[]; monetary: number[] };

export const RFM_SEGMENTS = ['重要价值', '重要发展', '重要保持', '重要挽留', '一般价值', '一般发展', '一般保持', '一般挽留'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const RFM_ACTIONS: Record<RfmSegment, string> = {
  重要价值: '一对一专属服务，优先资源倾斜，维持高满意度',
  重要发展: '消费频次偏低：推荐复购与交叉销售，提高购买频率',
  重要保持: '近期未消费的高价值客户：主动回访，了解需求，防止流失',
  重要挽留: '高价值但久未消费且频次低：重点挽回，专项优惠与上门拜访',
  一般价值: '活跃但金额不高：推荐高价值产品，提升客单价',
  一般发展: '新近客户：培育关系，提供入门优惠与关怀',
  一般保持: '频次尚可但久未消费：定期提醒与促销唤醒',
  一般挽留: '低价值且流失倾向：低成本触达，必要时放弃投入',
};

export interface RfmScored extends RfmInput {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/** Score in 1..n by quantile rank; ties share the higher score, so equal values never split. */
function quantileScores(values: ArrayLike<number>, buckets: number, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i += 1) v[i] = higherIsBetter ? (values[i] as number) : -(values[i] as number);
  // A typed array sorts natively, with no comparator call per step; each value's tie group then
  // ends where the first larger value starts, found by binary search.
  const sorted = v.slice().sort();
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const value = v[i] as number;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) <= value) lo = mid + 1;
      else hi = mid;
    }
    // Rank of the last element of the tie group decides the bucket.
    scores[i] = Math.min(buckets, Math.floor((lo * buckets - 1) / n) + 1);
  }
  return scores;
}

function thresholdScore(value: number, cuts: readonly number[], higherIsBetter: boolean): number {
  let score = 1;
  for (const cut of cuts) if (higherIsBetter ? value >= cut : value <= cut) score += 1;
  return score;
}

/** The figures of n customers as columns (typed arrays), so a large report builds no object per customer. */
export interface RfmColumns {
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

/** Scores per customer, by position; `segment` holds R·4 + F·2 + M (1 = high), see SEGMENT_BY_BITS. */
export interface RfmColumnScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  segment: Uint8Array;
}

/**
 * Scores every customer and assigns a segment: a dimension is "high" when its score is at least
 * the mean score of that dimension over the customers analysed (the usual reading of the model).
 */
export function scoreRfmColumns(cols: RfmColumns, scoring: RfmScoring): RfmColumnScores {
  const n = cols.monetary.length;
  let r: Uint8Array;
  let f: Uint8Array;
  let m: Uint8Array;
  if (scoring.kind === 'quantiles') {
    r = quantileScores(cols.recencyDays, scoring.buckets, false);
    f = quantileScores(cols.frequency, scoring.buckets, true);
    m = quantileScores(cols.monetary, scoring.buckets, true);
  } else {
    const by = (xs: ArrayLike<number>, cuts: readonly number[], higherIsBetter: boolean) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) out[i] = thresholdScore(xs[i] as number, cuts, higherIsBetter);
      return out;
    };
    r = by(cols.recencyDays, scoring.recency, false);
    f = by(cols.frequency, scoring.frequency, true);
    m = by(cols.monetary, scoring.monetary, true);
  }
  const mean = (xs: Uint8Array) => {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += xs[i] as number;
    return sum / n;
  };
  const [mr, mf, mm] = [mean(r), mean(f), mean(m)];
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) segment[i] = ((r[i] as number) >= mr ? 4 : 0) + ((f[i] as number) >= mf ? 2 : 0) + ((m[i] as number) >= mm ? 1 : 0);
  return { r, f, m, segment };
}

/** The same scores as one object per customer (for callers that need the ids). */
export function scoreRfm(rows: readonly RfmInput[], scoring: RfmScoring): RfmScored[] {
  if (rows.length === 0) return [];
  const s = scoreRfmColumns(
    { recencyDays: rows.map((x) => x.recencyDays), frequency: rows.map((x) => x.frequency), monetary: rows.map((x) => x.monetary) },
    scoring,
  );
  return rows.map((row, i) => ({
    ...row,
    r: s.r[i] as number,
    f: s.f[i] as number,
    m: s.m[i] as number,
    segment: SEGMENT_BY_BITS[s.segment[i] as number] as RfmSegment,
  }));
}

/** Indexed by R·4 + F·2 + M (1 = high). */
const SEGMENT_BY_BITS: readonly RfmSegment[] = ['一般挽留', '重要挽留', '一般保持', '重要保持', '一般发展', '重要发展', '一般价值', '重要价值'];

export function segmentOf(rHigh: boolean, fHigh: boolean, mHigh: boolean): RfmSegment {
  return SEGMENT_BY_BITS[(rHigh ? 4 : 0) + (fHigh ? 2 : 0) + (mHigh ? 1 : 0)] as RfmSegment;
}

export function summariseSegments(scored: readonly RfmScored[]): SegmentSummary[] {
  const bits = Uint8Array.from(scored, (s) => SEGMENT_BY_BITS.indexOf(s.segment));
  return summariseSegmentColumns(
    bits,
    scored.map((s) => s.monetary),
  );
}

/** Customers and revenue per segment, from `RfmColumnScores.segment` and the monetary column. */
export function summariseSegmentColumns(segment: Uint8Array, monetary: ArrayLike<number>): SegmentSummary[] {
  const customers = new Float64Array(8);
  const revenue = new Float64Array(8);
  let total = 0;
  for (let i = 0; i < segment.length; i += 1) {
    const k = segment[i] as number;
    const value = monetary[i] as number;
    customers[k] = (customers[k] as number) + 1;
    revenue[k] = (revenue[k] as number) + value;
    total += value;
  }
  return RFM_SEGMENTS.map((name) => {
    const k = SEGMENT_BY_BITS.indexOf(name);
    const c = { customers: customers[k] as number, revenue: revenue[k] as number };
    return {
      segment: name,
      customers: c.customers,
      revenue: c.revenue,
      revenueShare: total === 0 ? 0 : c.revenue / total,
      action: RFM_ACTIONS[name],
    };
  });
}

/** The RFM cube's face: for each R×F score cell, how many customers and their average M. */
export function rfmHeatmap(scored: readonly RfmScored[]): { r: number; f: number; customers: number; avgMonetary: number }[] {
  return rfmHeatmapColumns(
    Uint8Array.from(scored, (s) => s.r),
    Uint8Array.from(scored, (s) => s.f),
    scored.map((s) => s.monetary),
  );
}

/** Cells by index r·w + f, where w is above the highest score (5 for the report's own scorings). */
export function rfmHeatmapColumns(
  r: Uint8Array,
  f: Uint8Array,
  monetary: ArrayLike<number>,
): { r: number; f: number; customers: number; avgMonetary: number }[] {
  let w = 1;
  for (let i = 0; i < r.length; i += 1) w = Math.max(w, (r[i] as number) + 1, (f[i] as number) + 1);
  const customers = new Float64Array(w * w);
  const sums = new Float64Array(w * w);
  for (let i = 0; i < r.length; i += 1) {
    const k = (r[i] as number) * w + (f[i] as number);
    customers[k] = (customers[k] as number) + 1;
    sums[k] = (sums[k] as number) + (monetary[i] as number);
  }
  const cells: { r: number; f: number; customers: number; avgMonetary: number }[] = [];
  for (let k = 0; k < w * w; k += 1) {
    const n = customers[k] as number;
    if (n > 0) cells.push({ r: Math.floor(k / w), f: k % w, customers: n, avgMonetary: Math.round((sums[k] as number) / n) });
  }
  return cells;
}
