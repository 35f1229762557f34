// Contribution analysis (贡献度分析): the 80/20 curve and classes by cumulative share.

export interface ValueRow {
  id: string;
  value: number;
}

export interface ParetoPoint {
  /** Share of customers (0..1), largest contributors first. */
  customerShare: number;
  /** Cumulative share of the total value (0..1). */
  valueShare: number;
}

/**
 * The cumulative curve, exact in its figures; `maxPoints` only thins the points drawn (the first
 * and last points and the exact 20% point are always kept).
 */
export function paretoCurve(
  rows: readonly ValueRow[],
  maxPoints = 500,
): { points: ParetoPoint[]; total: number; top20Share: number; customers: number } {
  return paretoCurveOf(
    Float64Array.from(rows, (r) => r.value),
    maxPoints,
  );
}

/** The same curve from a column of values; sorts `values` in place. */
export function paretoCurveOf(
  values: Float64Array,
  maxPoints = 500,
): { points: ParetoPoint[]; total: number; top20Share: number; customers: number } {
  const n = values.length;
  for (let i = 0; i < n; i += 1) values[i] = Math.max(0, values[i] as number);
  // Native ascending sort, then read from the end: largest contributors first.
  values.sort();
  let total = 0;
  for (let i = n - 1; i >= 0; i -= 1) total += values[i] as number;
  const points: ParetoPoint[] = [{ customerShare: 0, valueShare: 0 }];
  if (n === 0 || total === 0) return { points, total, top20Share: 0, customers: n };
  const step = Math.max(1, Math.floor(n / maxPoints));
  let cumulative = 0;
  const top20Count = Math.ceil(n * 0.2);
  let top20Share = 0;
  for (let i = 0; i < n; i += 1) {
    cumulative += values[n - 1 - i] as number;
    if (i + 1 === top20Count) top20Share = cumulative / total;
    if ((i + 1) % step === 0 || i === n - 1 || i + 1 === top20Count) points.push({ customerShare: (i + 1) / n, valueShare: cumulative / total });
  }
  return { points, total, top20Share, customers: n };
}

/**
 * Classes by cumulative contribution: sorted by value, a customer belongs to the first class whose
 * cumulative cut (e.g. A 0.7, B 0.9, C 1.0) its running share has not yet passed before it.
 * Customers with no value fall in the last class.
 */
export function classesByContribution(rows: readonly ValueRow[], cuts: readonly { key: string; upTo: number }[]): Map<string, string> {
  const sorted = [...rows].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1));
  const total = sorted.reduce((a, r) => a + Math.max(0, r.value), 0);
  const last = cuts[cuts.length - 1]?.key ?? '';
  const result = new Map<string, string>();
  let before = 0;
  for (const row of sorted) {
    if (row.value <= 0 || total === 0) {
      result.set(row.id, last);
      continue;
    }
    const shareBefore = before / total;
    const cls = cuts.find((c) => shareBefore < c.upTo)?.key ?? last;
    result.set(row.id, cls);
    before += row.value;
  }
  return result;
}

/** Counts between two periods' classes: who moved up, down, stayed, appeared or dropped out. */
export function transitionMatrix(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  order: readonly string[],
): { from: string; to: string; customers: number }[] {
  const counts = new Map<string, number>();
  const ids = new Set([...before.keys(), ...after.keys()]);
  for (const id of ids) {
    const key = `${before.get(id) ?? '—'}\u0000${after.get(id) ?? '—'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return orderTransitions(
    [...counts.entries()].map(([k, customers]) => {
      const [from, to] = k.split('\u0000') as [string, string];
      return { from, to, customers };
    }),
    order,
  );
}

/** Matrix cells in class order, "—" (not in that period) last. */
export function orderTransitions<T extends { from: string; to: string }>(cells: T[], order: readonly string[]): T[] {
  const rank = (c: string) => (c === '—' ? order.length : order.indexOf(c));
  return cells.sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
}

/**
 * Customer lifetime value, the formula the report shows:
 * CLV = 平均客单价 × 年均购买次数 × 平均客户寿命(年) × 毛利率
 */
export function lifetimeValue(input: {
  revenue: number;
  orders: number;
  customers: number;
  years: number;
  lifespanYears: number;
  grossMargin: number;
}) {
  const avgOrderValue = input.orders === 0 ? 0 : input.revenue / input.orders;
  const purchasesPerYear = input.customers === 0 || input.years === 0 ? 0 : input.orders / input.customers / input.years;
  const clv = avgOrderValue * purchasesPerYear * input.lifespanYears * input.grossMargin;
  return {
    avgOrderValue,
    purchasesPerYear,
    lifespanYears: input.lifespanYears,
    grossMargin: input.grossMargin,
    clv,
    formula: '平均客单价 × 年均购买次数 × 平均客户寿命(年) × 毛利率',
  };
}
