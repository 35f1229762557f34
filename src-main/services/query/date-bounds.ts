import { KecardError } from '../../../src-shared/errors';
import type { ConditionNode } from '../../../src-shared/query/query-tree';
import { anniversaryDays, localDate, periodRange } from '../../../src-shared/query/relative-dates';

/** What a date condition compares its column with: the values SQL binds, and the in-memory test too. */
export type DateBound =
  | { op: 'eq'; value: string }
  | { op: 'lt'; value: string }
  | { op: 'gte'; value: string }
  /** from ≤ X < to */
  | { op: 'range'; from: string; to: string }
  /** X's MM-DD is one of these. */
  | { op: 'anniversary'; days: string[] }
  | { op: 'empty' }
  | { op: 'notEmpty' };

/**
 * Dates (YYYY-MM-DD) compare as local calendar days; timestamps (UTC ISO) compare with the
 * instants at which those local days start, so "created today" means today where the user is.
 */
export function dateBound(n: ConditionNode, type: 'date' | 'datetime', now: Date): DateBound {
  const dayStart = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number);
    const local = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays);
    return type === 'date' ? localDate(local) : local.toISOString();
  };
  const day = (v: string | number | undefined) => String(v ?? '').slice(0, 10);
  switch (n.operator) {
    case 'eq':
      return type === 'date' ? { op: 'eq', value: day(n.value) } : { op: 'range', from: dayStart(day(n.value)), to: dayStart(day(n.value), 1) };
    case 'before':
      return { op: 'lt', value: dayStart(day(n.value)) };
    case 'after':
      return { op: 'gte', value: dayStart(day(n.value), 1) };
    case 'between':
      return { op: 'range', from: dayStart(day(n.value)), to: dayStart(day(n.value2), 1) };
    case 'relative': {
      const r = periodRange(n.period ?? 'today', now, n.days ?? 0);
      return type === 'date'
        ? { op: 'range', from: localDate(r.from), to: localDate(r.to) }
        : { op: 'range', from: r.from.toISOString(), to: r.to.toISOString() };
    }
    case 'anniversaryWithin':
      return { op: 'anniversary', days: anniversaryDays(now, n.days ?? 0) };
    case 'empty':
      return { op: 'empty' };
    case 'notEmpty':
      return { op: 'notEmpty' };
    default:
      throw new KecardError('QUERY_INVALID', `Operator ${n.operator} does not apply to dates.`);
  }
}
