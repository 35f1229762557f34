import type { RelativePeriod } from './query-tree';

// Relative periods are resolved against "now" in the user's local calendar, outside SQL, so the
// same query gives the same answer in the compiler and in the test model, and tests can fix now.

/** Local calendar date as YYYY-MM-DD. */
export function localDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function addDays(d: Date, n: number): Date {
  const r = new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
  return r;
}

/** Half-open local-date range [from, to) for a period; Monday starts the week (China). */
/** Today on the user's calendar (the UTC date is yesterday's before 08:00 in China). */
export function today(): string {
  return localDate(new Date());
}

export function periodRange(period: RelativePeriod, now: Date, days = 0): { from: Date; to: Date } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  switch (period) {
    case 'today':
      return { from: today, to: addDays(today, 1) };
    case 'thisWeek': {
      const offset = (today.getDay() + 6) % 7;
      const from = addDays(today, -offset);
      return { from, to: addDays(from, 7) };
    }
    case 'thisMonth':
      return { from: new Date(today.getFullYear(), today.getMonth(), 1), to: new Date(today.getFullYear(), today.getMonth() + 1, 1) };
    case 'thisQuarter': {
      const q = Math.floor(today.getMonth() / 3) * 3;
      return { from: new Date(today.getFullYear(), q, 1), to: new Date(today.getFullYear(), q + 3, 1) };
    }
    case 'thisYear':
      return { from: new Date(today.getFullYear(), 0, 1), to: new Date(today.getFullYear() + 1, 0, 1) };
    // The whole previous calendar week, month, quarter or year: 上周, 上月, 上季度, 去年.
    case 'lastWeek': {
      const thisWeek = periodRange('thisWeek', now);
      return { from: addDays(thisWeek.from, -7), to: thisWeek.from };
    }
    case 'lastMonth':
      return { from: new Date(today.getFullYear(), today.getMonth() - 1, 1), to: new Date(today.getFullYear(), today.getMonth(), 1) };
    case 'lastQuarter': {
      const q = Math.floor(today.getMonth() / 3) * 3;
      return { from: new Date(today.getFullYear(), q - 3, 1), to: new Date(today.getFullYear(), q, 1) };
    }
    case 'lastYear':
      return { from: new Date(today.getFullYear() - 1, 0, 1), to: new Date(today.getFullYear(), 0, 1) };
    case 'lastNDays':
      // The last N days including today: today and the N-1 days before it.
      return { from: addDays(today, -Math.max(days, 1) + 1), to: addDays(today, 1) };
    case 'nextNDays':
      return { from: today, to: addDays(today, Math.max(days, 1)) };
  }
}

/**
 * Month-day strings (MM-DD) from today through today + N days, for "birthday within N days"
 * ignoring the year. In a non-leap year a 29 February birthday is celebrated on 28 February.
 */
export function anniversaryDays(now: Date, days: number): string[] {
  const out = new Set<string>();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  for (let i = 0; i <= Math.min(days, 366); i += 1) {
    const d = addDays(today, i);
    const md = localDate(d).slice(5);
    out.add(md);
    const year = d.getFullYear();
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (md === '02-28' && !leap) out.add('02-29');
  }
  return [...out];
}
