import { matchExpression, normalizeForSearch } from '../../../src-shared/search/search-tokens';
import { scopeParams, scopeWhere } from '../../people/record-scope';
import type { Workspace } from '../../db/workspace';
import { pendingSearchRanges } from './search-backlog';
import { searchSeen } from './search-visibility';

/** The most a quick-search count goes to; beyond it the dropdown says "10,000+" (cheap at 1M rows). */
export const SEARCH_COUNT_CAP = 10_000;

export interface SearchFilter {
  /** A condition on `customers c` (without the deleted check). */
  where: string;
  params: Record<string, string | number>;
}

/**
 * Every customer a quick-search query matches, as a condition on `customers c`: the search index,
 * plus the rows of a large import the backlog job has not indexed yet (found by scanning them, as
 * the quick search does). Null when nothing searchable was typed. `blind` (search-blind.ts): the
 * sources the caller may not see in clear, which then find no customer.
 */
export function searchFilter(ws: Workspace, query: string, blind = 0): SearchFilter | null {
  const expr = matchExpression(query);
  if (!expr) return null;
  const seen = searchSeen(ws, query, blind);
  const params: Record<string, string | number> = { sq: expr, ...seen.params };
  const parts = ['c.seq IN (SELECT rowid FROM customer_search WHERE customer_search MATCH @sq)'];
  const backlog = backlogCondition(ws, normalizeForSearch(query).trim(), params);
  if (backlog) parts.push(backlog);
  return { where: seen.sql === '1' ? `(${parts.join(' OR ')})` : `((${parts.join(' OR ')}) AND ${seen.sql})`, params };
}

function backlogCondition(ws: Workspace, q: string, params: Record<string, string | number>): string | null {
  const ranges = pendingSearchRanges(ws);
  if (ranges.length === 0 || q === '') return null;
  params.like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const inRanges = ranges.map(([from, to], i) => {
    params[`f${i}`] = from;
    params[`t${i}`] = to;
    return `c.seq BETWEEN @f${i} AND @t${i}`;
  });
  const digits = /^[\d\s-]+$/.test(q) ? `%${q.replace(/\D/g, '')}%` : null;
  const tests = ['name', 'short_name', 'code', 'email'].map((col) => `c.${col} LIKE @like ESCAPE '\\'`);
  tests.push(`replace(c.sort_key, ' ', '') LIKE @like ESCAPE '\\'`);
  if (digits) {
    params.digits = digits;
    tests.push(`replace(c.phones, '-', '') LIKE @digits`);
  }
  return `((${inRanges.join(' OR ')}) AND (${tests.join(' OR ')}))`;
}

/**
 * How many customers match, counted up to `cap` (and `capped` when there are more). The index
 * is walked as a join and stops at the cap, so a query matching most of 1M customers stays cheap.
 */
export function countSearchMatches(ws: Workspace, query: string, cap = SEARCH_COUNT_CAP, blind = 0): { count: number; capped: boolean } {
  const expr = matchExpression(query);
  if (!expr) return { count: 0, capped: false };
  const seen = searchSeen(ws, query, blind);
  const indexed = ws.db
    .prepare(
      `SELECT count(*) FROM (SELECT 1 FROM customer_search s JOIN customers c ON c.seq = s.rowid
       WHERE customer_search MATCH @sq AND c.deleted = 0 AND ${scopeWhere('c')} AND ${seen.sql} LIMIT @cap)`,
    )
    .pluck()
    .get({ sq: expr, cap: cap + 1, ...scopeParams(), ...seen.params }) as number;
  let count = indexed;
  const params: Record<string, string | number> = {};
  const backlog = backlogCondition(ws, normalizeForSearch(query).trim(), params);
  if (backlog && count <= cap) {
    count += ws.db
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM customers c WHERE c.deleted = 0 AND ${backlog} AND ${scopeWhere('c')} AND ${seen.sql}
         AND c.seq NOT IN (SELECT rowid FROM customer_search WHERE customer_search MATCH @sq) LIMIT @cap)`,
      )
      .pluck()
      .get({ ...params, sq: expr, cap: cap + 1 - count, ...scopeParams(), ...seen.params }) as number;
  }
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}
