import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classesByContribution, lifetimeValue, paretoCurve, transitionMatrix } from '../../../src-shared/analysis/contribution';
import { rfmHeatmap, scoreRfm, segmentOf, summariseSegments } from '../../../src-shared/analysis/rfm';
import { stageOf } from '../../../src-main/analysis/lifecycle-service';

describe('RFM', () => {
  it('scores by quintiles with ties sharing a score, and names the eight segments', () => {
    const rows = [
      { id: 'a', recencyDays: 1, frequency: 10, monetary: 1000 },
      { id: 'b', recencyDays: 5, frequency: 1, monetary: 900 },
      { id: 'c', recencyDays: 300, frequency: 8, monetary: 800 },
      { id: 'd', recencyDays: 200, frequency: 1, monetary: 10 },
      { id: 'e', recencyDays: 2, frequency: 7, monetary: 20 },
    ];
    const scored = scoreRfm(rows, { kind: 'quantiles', buckets: 5 });
    expect(scored.map((s) => [s.id, s.r, s.f, s.m])).toEqual([
      ['a', 5, 5, 5],
      ['b', 3, 2, 4],
      ['c', 1, 4, 3],
      ['d', 2, 2, 1],
      ['e', 4, 3, 2],
    ]);
    // Means: R 3, F 3.2, M 3 — so e (4, 3, 2) is recent but neither frequent nor big: 一般发展.
    expect(scored.map((s) => s.segment)).toEqual(['重要价值', '重要发展', '重要保持', '一般挽留', '一般发展']);
    expect(segmentOf(false, false, true)).toBe('重要挽留');
    expect(segmentOf(true, false, false)).toBe('一般发展');
    expect(segmentOf(false, true, false)).toBe('一般保持');
  });

  it('keeps every customer in exactly one segment and shares summing to one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ recencyDays: fc.nat(400), frequency: fc.integer({ min: 1, max: 30 }), monetary: fc.integer({ min: 1, max: 1e7 }) }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.constantFrom(3 as const, 4 as const, 5 as const),
        (raw, buckets) => {
          const rows = raw.map((r, i) => ({ ...r, id: String(i) }));
          const scored = scoreRfm(rows, { kind: 'quantiles', buckets });
          for (const s of scored) for (const v of [s.r, s.f, s.m]) expect(v >= 1 && v <= buckets).toBe(true);
          // Equal values always get equal scores; a larger monetary never scores lower.
          for (const a of scored) for (const b of scored) if (a.monetary > b.monetary) expect(a.m).toBeGreaterThanOrEqual(b.m);
          const summary = summariseSegments(scored);
          expect(summary.reduce((a, s) => a + s.customers, 0)).toBe(rows.length);
          expect(summary.reduce((a, s) => a + s.revenueShare, 0)).toBeCloseTo(1, 9);
          expect(rfmHeatmap(scored).reduce((a, c) => a + c.customers, 0)).toBe(rows.length);
        },
      ),
    );
  });

  it('scores by thresholds', () => {
    const [s] = scoreRfm([{ id: 'x', recencyDays: 20, frequency: 6, monetary: 50_000 }], {
      kind: 'thresholds',
      recency: [90, 30],
      frequency: [2, 5],
      monetary: [10_000, 100_000],
    });
    expect([s?.r, s?.f, s?.m]).toEqual([3, 3, 2]);
  });
});

describe('contribution', () => {
  it('draws a thinned Pareto curve but computes the exact 20% share', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), value: i + 1 }));
    const curve = paretoCurve(rows, 50);
    const total = (1000 * 1001) / 2;
    const top = Array.from({ length: 200 }, (_, i) => 1000 - i).reduce((a, b) => a + b, 0);
    expect(curve.top20Share).toBe(top / total);
    expect(curve.points.length).toBeLessThanOrEqual(53);
    expect(curve.points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
    expect(curve.points.some((p) => p.customerShare === 0.2 && p.valueShare === top / total)).toBe(true);
  });

  it('puts customers into classes by cumulative share, zero buyers last', () => {
    const classes = classesByContribution(
      [
        { id: 'big', value: 700 },
        { id: 'mid', value: 200 },
        { id: 'small', value: 100 },
        { id: 'none', value: 0 },
      ],
      [
        { key: 'A', upTo: 0.7 },
        { key: 'B', upTo: 0.9 },
        { key: 'C', upTo: 1 },
      ],
    );
    expect(Object.fromEntries(classes)).toEqual({ big: 'A', mid: 'B', small: 'C', none: 'C' });
  });

  it('counts class transitions including customers who appear or drop out', () => {
    const before = new Map([
      ['1', 'A'],
      ['2', 'B'],
      ['3', 'B'],
      ['4', 'C'],
    ]);
    const after = new Map([
      ['1', 'B'],
      ['2', 'A'],
      ['3', 'B'],
      ['5', 'C'],
    ]);
    expect(transitionMatrix(before, after, ['A', 'B', 'C'])).toEqual([
      { from: 'A', to: 'B', customers: 1 },
      { from: 'B', to: 'A', customers: 1 },
      { from: 'B', to: 'B', customers: 1 },
      { from: 'C', to: '—', customers: 1 },
      { from: '—', to: 'C', customers: 1 },
    ]);
  });

  it('computes lifetime value with its formula', () => {
    const clv = lifetimeValue({ revenue: 1_200_000, orders: 40, customers: 10, years: 2, lifespanYears: 5, grossMargin: 0.3 });
    expect(clv).toMatchObject({ avgOrderValue: 30_000, purchasesPerYear: 2, clv: 30_000 * 2 * 5 * 0.3 });
    expect(clv.formula).toContain('毛利率');
  });
});

describe('lifecycle rules', () => {
  const rules = { newWithinDays: 90, dormantAfterDays: 180, lostAfterDays: 365 };
  it('assigns prospect, new, repeat, dormant and lost', () => {
    expect(stageOf(0, null, null, '2026-11-23', rules)).toBe('prospect');
    expect(stageOf(1, '2026-10-01', '2026-10-01', '2026-11-23', rules)).toBe('new');
    expect(stageOf(3, '2025-01-01', '2026-11-01', '2026-11-23', rules)).toBe('repeat');
    expect(stageOf(3, '2025-01-01', '2026-04-01', '2026-11-23', rules)).toBe('dormant');
    expect(stageOf(3, '2024-01-01', '2025-10-01', '2026-11-23', rules)).toBe('lost');
  });
});
