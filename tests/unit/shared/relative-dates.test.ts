import { describe, expect, it } from 'vitest';
import { RELATIVE_PERIODS } from '../../../src-shared/query/query-tree';
import { localDate, periodRange } from '../../../src-shared/query/relative-dates';

// Expected ranges written out by hand from a calendar, not computed by the code under test.
function range(period: (typeof RELATIVE_PERIODS)[number], now: Date, days = 0): [string, string] {
  const r = periodRange(period, now, days);
  return [localDate(r.from), localDate(r.to)];
}

describe('relative periods', () => {
  // Sunday 2026-12-06: the week starts on Monday 2026-11-30 (China).
  const sunday = new Date(2026, 11, 6, 15, 30);

  it('previous week, month, quarter and year (上周, 上月, 上季度, 去年), half-open', () => {
    expect(range('lastWeek', sunday)).toEqual(['2026-11-23', '2026-11-30']);
    expect(range('lastMonth', sunday)).toEqual(['2026-11-01', '2026-12-01']);
    expect(range('lastQuarter', sunday)).toEqual(['2026-07-01', '2026-10-01']);
    expect(range('lastYear', sunday)).toEqual(['2025-01-01', '2026-01-01']);
  });

  it('crosses the year boundary in January and the quarter boundary on its first day', () => {
    const jan = new Date(2027, 0, 1, 0, 5);
    expect(range('lastMonth', jan)).toEqual(['2026-12-01', '2027-01-01']);
    expect(range('lastQuarter', jan)).toEqual(['2026-10-01', '2027-01-01']);
    expect(range('lastWeek', jan)).toEqual(['2026-12-21', '2026-12-28']); // Friday: this week began Monday 28 Dec
    expect(range('thisQuarter', new Date(2026, 3, 1))).toEqual(['2026-04-01', '2026-07-01']);
  });

  it('every period is a non-empty range of whole days', () => {
    for (const p of RELATIVE_PERIODS) {
      const [from, to] = range(p, sunday, 3);
      expect(from < to, p).toBe(true);
    }
  });
});
