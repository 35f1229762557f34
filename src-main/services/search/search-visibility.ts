import type Database from 'better-sqlite3';
import { queryRuns, textsMatch } from '../../../src-shared/search/search-tokens';
import type { Workspace } from '../../db/workspace';
import { CONTACT_SOURCES } from './search-blind';
import { searchTexts } from './search-index';

// Quick search for a caller who may not see some of its sources in clear (search-blind.ts): the
// index finds candidates on every source, and each candidate is then matched again, in SQL through
// the function below, against only the sources the caller sees. The index stays one per workspace
// (it cannot be one per role), the extra work is per candidate and only for such callers, and a
// manager's search runs the statements it always ran (the fragment is '1').

const registered = new WeakSet<Database.Database>();

/** Registers kc_search_seen on the connection once. */
function ensureFunction(db: Database.Database): void {
  if (registered.has(db)) return;
  // The same query text is asked of every candidate of a statement: its runs are kept.
  let lastQuery: string | null = null;
  let lastRuns: string[] = [];
  db.function('kc_search_seen', { deterministic: true, directOnly: true }, (query, blind, name, shortName, code, email, phones, contacts) => {
    if (query !== lastQuery) {
      lastQuery = String(query);
      lastRuns = queryRuns(lastQuery);
    }
    const row = {
      name: String(name),
      short_name: shortName as string | null,
      code: code as string | null,
      email: email as string | null,
      phones: typeof phones === 'string' ? phones : '[]',
    };
    const list = typeof contacts === 'string' ? (JSON.parse(contacts) as [string, string | null, string | null][]) : [];
    const people = list.map(([n, mobile, phone]) => ({ name: n, mobile, phone }));
    const mask = Number(blind);
    // Pinyin is the dearest part: most searches are decided without it.
    if (textsMatch(lastRuns, searchTexts(row, people, mask, false))) return 1;
    return textsMatch(lastRuns, searchTexts(row, people, mask, true)) ? 1 : 0;
  });
  registered.add(db);
}

/**
 * The test, on a customers alias, that the query matches what the caller sees; '1' when they see
 * every source. Binds @searchSeenQ and @searchBlind: pass `searchSeenParams` with the statement's values.
 */
export function searchSeenSql(ws: Workspace, blind: number, alias = 'c'): string {
  if (blind === 0) return '1';
  ensureFunction(ws.db);
  const contacts =
    (blind & CONTACT_SOURCES) === CONTACT_SOURCES
      ? 'NULL'
      : `(SELECT json_group_array(json_array(k.name, k.mobile, k.phone)) FROM contacts k WHERE k.customer_id = ${alias}.id AND k.deleted = 0)`;
  return `kc_search_seen(@searchSeenQ, @searchBlind, ${alias}.name, ${alias}.short_name, ${alias}.code, ${alias}.email, ${alias}.phones, ${contacts})`;
}

export function searchSeenParams(query: string, blind: number): { searchSeenQ: string; searchBlind: number } | Record<string, never> {
  return blind === 0 ? {} : { searchSeenQ: query, searchBlind: blind };
}
