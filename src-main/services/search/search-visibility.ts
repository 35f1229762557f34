import type Database from 'better-sqlite3';
import { queryRuns, textsMatch, unmatchedRuns } from '../../../src-shared/search/search-tokens';
import type { Workspace } from '../../db/workspace';
import { CONTACT_SOURCES, SEARCH_BLIND } from './search-blind';
import { searchTexts } from './search-index';

// Quick search for a caller who may not see some of its sources in clear (search-blind.ts): the
// index finds candidates on every source, and each candidate is then matched again, in SQL through
// the function below, against only the sources the caller sees. The index stays one per workspace
// (it cannot be one per role), the extra work is per candidate and only for such callers, and a
// manager's search runs the statements it always ran (the fragment is '1').

const registered = new WeakSet<Database.Database>();

/** Pinyin keys are letters a–z only: a run with anything else is never found in them. */
const PINYIN_RUN = /^[a-z]+$/;
/** Phone sources are written as ASCII digits only (search-index.ts): only such a run can be in one. */
const DIGIT_RUN = /^[0-9]+$/;
const PHONE_SOURCES = SEARCH_BLIND.phones | SEARCH_BLIND.contactMobile | SEARCH_BLIND.contactPhone;
const TEXT_SOURCES = ~PHONE_SOURCES & 0xff;

/**
 * The runs of the query that could have been found in a source the caller may not see: those
 * must be found again in what they see; the others the index found in a visible source already.
 * None (the usual case: a name typed while phones are hidden) means the index's answer stands.
 */
function suspectRuns(query: string, blind: number): string[] {
  if (blind === 0) return [];
  return queryRuns(query).filter((run) => (blind & TEXT_SOURCES) !== 0 || ((blind & PHONE_SOURCES) !== 0 && DIGIT_RUN.test(run)));
}

/** Registers kc_search_own and kc_search_seen on the connection once. */
function ensureFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  // The same runs are asked of every candidate of a statement: kept split.
  let lastRuns: string | null = null;
  let runs: string[] = [];
  const runsOf = (text: unknown): string[] => {
    if (text !== lastRuns) {
      lastRuns = String(text);
      runs = lastRuns.split(' ');
    }
    return runs;
  };
  const rowOf = (name: unknown, shortName: unknown, code: unknown, email: unknown, phones: unknown) => ({
    name: String(name),
    short_name: shortName as string | null,
    code: code as string | null,
    email: email as string | null,
    phones: typeof phones === 'string' ? phones : '[]',
  });
  // The cheap first test: the customer's own visible fields, without pinyin (most matches end here).
  db.function('kc_search_own', { deterministic: true, directOnly: true }, (suspects, blind, name, shortName, code, email, phones) =>
    textsMatch(runsOf(suspects), searchTexts(rowOf(name, shortName, code, email, phones), [], Number(blind), false)) ? 1 : 0,
  );
  // Then with the visible contacts, and the pinyin keys when what is still unmatched could be pinyin.
  db.function('kc_search_seen', { deterministic: true, directOnly: true }, (suspects, blind, name, shortName, code, email, phones, contacts) => {
    const row = rowOf(name, shortName, code, email, phones);
    const people = contactsOf(contacts);
    const missing = unmatchedRuns(runsOf(suspects), searchTexts(row, people, Number(blind), false));
    if (missing.length === 0) return 1;
    if (!missing.every((r) => PINYIN_RUN.test(r))) return 0;
    return unmatchedRuns(missing, searchTexts(row, people, Number(blind), true)).length === 0 ? 1 : 0;
  });
  registered.add(db);
}

/** A customer's contacts as the SQL below concatenates them: name, mobile, phone; \u0001 between fields, \u0002 between contacts. */
function contactsOf(text: unknown): { name: string; mobile: string | null; phone: string | null }[] {
  if (typeof text !== 'string' || text === '') return [];
  return text.split('\u0002').map((c) => {
    const [name = '', mobile = '', phone = ''] = c.split('\u0001');
    return { name, mobile, phone };
  });
}

export interface SearchSeen {
  /** A condition on a customers alias; '1' when nothing needs checking again. */
  sql: string;
  params: { searchSuspects: string; searchBlind: number } | Record<string, never>;
}

/**
 * The test, on a customers alias, that the query matches what the caller sees. '1' when they see
 * every source or when no run of the query could have been found in one they do not see. CASE
 * decides in order, so the contacts are read only for candidates their own fields did not match.
 */
export function searchSeen(ws: Workspace, query: string, blind: number, alias = 'c'): SearchSeen {
  const suspects = suspectRuns(query, blind);
  if (suspects.length === 0) return { sql: '1', params: {} };
  ensureFunctions(ws.db);
  const own = `${alias}.name, ${alias}.short_name, ${alias}.code, ${alias}.email, ${alias}.phones`;
  const contacts =
    (blind & CONTACT_SOURCES) === CONTACT_SOURCES
      ? 'NULL'
      : `(SELECT group_concat(k.name || char(1) || ifnull(k.mobile, '') || char(1) || ifnull(k.phone, ''), char(2)) FROM contacts k WHERE k.customer_id = ${alias}.id AND k.deleted = 0)`;
  return {
    sql: `(CASE WHEN kc_search_own(@searchSuspects, @searchBlind, ${own}) THEN 1 ELSE kc_search_seen(@searchSuspects, @searchBlind, ${own}, ${contacts}) END)`,
    params: { searchSuspects: suspects.join(' '), searchBlind: blind },
  };
}
