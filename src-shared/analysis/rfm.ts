// RFM (最近一次消费 Recency, 消费频率 Frequency, 消费金额 Monetary): scoring and the common
// Chinese eight-segment reading. Pure functions over per-customer figures.

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
function quantileScores(values: number[], buckets: number, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  // Sort indexes over a typed copy of the values: no object per customer on a 1M-row report.
  const v = Float64Array.from(values, (x) => (higherIsBetter ? x : -x));
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  order.sort((a, b) => (v[a] as number) - (v[b] as number));
  const scores = new Uint8Array(n);
  let k = 0;
  while (k < n) {
    let j = k;
    const value = v[order[k] as number];
    while (j + 1 < n && v[order[j + 1] as number] === value) j += 1;
    // Rank of the last element of the tie group decides the bucket.
    const score = Math.min(buckets, Math.floor(((j + 1) * buckets - 1) / n) + 1);
    for (let t = k; t <= j; t += 1) scores[order[t] as number] = score;
    k = j + 1;
  }
  return scores;
}

function thresholdScore(value: number, cuts: readonly number[], higherIsBetter: boolean): number {
  let score = 1;
  for (const cut of cuts) if (higherIsBetter ? value >= cut : value <= cut) score += 1;
  return score;
}

/**
 * Scores every customer and assigns a segment: a dimension is "high" when its score is at least
 * the mean score of that dimension over the customers analysed (the usual reading of the model).
 */
export function scoreRfm(rows: readonly RfmInput[], scoring: RfmScoring): RfmScored[] {
  if (rows.length === 0) return [];
  let r: ArrayLike<number>;
  let f: ArrayLike<number>;
  let m: ArrayLike<number>;
  if (scoring.kind === 'quantiles') {
    r = quantileScores(rows.map((x) => x.recencyDays), scoring.buckets, false);
    f = quantileScores(rows.map((x) => x.frequency), scoring.buckets, true);
    m = quantileScores(rows.map((x) => x.monetary), scoring.buckets, true);
  } else {
    r = rows.map((x) => thresholdScore(x.recencyDays, scoring.recency, false));
    f = rows.map((x) => thresholdScore(x.frequency, scoring.frequency, true));
    m = rows.map((x) => thresholdScore(x.monetary, scoring.monetary, true));
  }
  const mean = (xs: ArrayLike<number>) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i += 1) sum += xs[i] as number;
    return sum / xs.length;
  };
  const [mr, mf, mm] = [mean(r), mean(f), mean(m)];
  return rows.map((row, i) => {
    const [ri, fi, mi] = [r[i] as number, f[i] as number, m[i] as number];
    return { ...row, r: ri, f: fi, m: mi, segment: segmentOf(ri >= mr, fi >= mf, mi >= mm) };
  });
}

/** Indexed by R·4 + F·2 + M (1 = high). */
const SEGMENT_BY_BITS: readonly RfmSegment[] = ['一般挽留', '重要挽留', '一般保持', '重要保持', '一般发展', '重要发展', '一般价值', '重要价值'];

export function segmentOf(rHigh: boolean, fHigh: boolean, mHigh: boolean): RfmSegment {
  return SEGMENT_BY_BITS[(rHigh ? 4 : 0) + (fHigh ? 2 : 0) + (mHigh ? 1 : 0)] as RfmSegment;
}

export interface SegmentSummary {
  segment: RfmSegment;
  customers: number;
  revenue: number;
  revenueShare: number;
  action: string;
}

export function summariseSegments(scored: readonly RfmScored[]): SegmentSummary[] {
  const counts = new Map<RfmSegment, { customers: number; revenue: number }>();
  let total = 0;
  for (const s of scored) {
    const c = counts.get(s.segment) ?? { customers: 0, revenue: 0 };
    c.customers += 1;
    c.revenue += s.monetary;
    counts.set(s.segment, c);
    total += s.monetary;
  }
  return RFM_SEGMENTS.map((segment) => {
    const c = counts.get(segment) ?? { customers: 0, revenue: 0 };
    return { segment, customers: c.customers, revenue: c.revenue, revenueShare: total === 0 ? 0 : c.revenue / total, action: RFM_ACTIONS[segment] };
  });
}

/** The RFM cube's face: for each R×F score cell, how many customers and their average M. */
export function rfmHeatmap(scored: readonly RfmScored[]): { r: number; f: number; customers: number; avgMonetary: number }[] {
  const cells = new Map<string, { r: number; f: number; customers: number; sum: number }>();
  for (const s of scored) {
    const key = `${s.r}:${s.f}`;
    const cell = cells.get(key) ?? { r: s.r, f: s.f, customers: 0, sum: 0 };
    cell.customers += 1;
    cell.sum += s.monetary;
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({ r: c.r, f: c.f, customers: c.customers, avgMonetary: Math.round(c.sum / c.customers) })).sort((a, b) => a.r - b.r || a.f - b.f);
}
