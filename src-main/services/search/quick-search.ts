import type { SearchHit } from '../../../src-shared/contract/methods';
import { scopeParams, scopeRowTest } from '../../people/record-scope';
import { matchExpression, normalizeForSearch } from '../../../src-shared/search/search-tokens';
import type { Workspace } from '../../db/workspace';
import { pendingSearchRanges } from './search-backlog';
import { SEARCH_BLIND } from './search-blind';
import { searchSeen, type SearchSeen } from './search-visibility';

interface Candidate {
  id: string;
  name: string;
  short_name: string | null;
  code: string | null;
  city: string | null;
  class: string | null;
  sort_key: string;
}

/** Candidates fetched before ranking; beyond this the user is typing too little to rank usefully. */
const CANDIDATES = 400;

/**
 * The best matches for what the user typed. `blind` (search-blind.ts): the sources the caller may
 * not see in clear, which then neither find a customer nor rank it.
 */
export function quickSearch(ws: Workspace, query: string, limit = 20, blind = 0): { hits: SearchHit[]; tookMs: number } {
  const started = performance.now();
  const expr = matchExpression(query);
  if (!expr) return { hits: [], tookMs: 0 };
  const seen = searchSeen(ws, query, blind);
  const candidates = ws.db
    .prepare(
      `SELECT c.id, c.name, c.short_name, c.code, c.city, c.class, c.sort_key
       FROM customer_search s JOIN customers c ON c.seq = s.rowid
       WHERE customer_search MATCH ? AND c.deleted = 0 AND ${scopeRowTest('c')} AND ${seen.sql} LIMIT ?`,
    )
    .all(expr, CANDIDATES, { ...scopeParams(), ...seen.params }) as Candidate[];

  const q = normalizeForSearch(query).trim();
  if (candidates.length < CANDIDATES) candidates.push(...backlogCandidates(ws, q, CANDIDATES - candidates.length, seen));
  const ranked = candidates
    .map((c) => ({ c, score: score(blind === 0 ? c : unseen(c, blind), q) }))
    .sort((a, b) => a.score - b.score || (a.c.sort_key < b.c.sort_key ? -1 : a.c.sort_key > b.c.sort_key ? 1 : 0))
    .slice(0, limit);

  // A contact's name the caller may not see is not offered as the reason for a match.
  const contactMatches = matchedContacts(
    ws,
    (blind & SEARCH_BLIND.contactName) === 0 ? ranked.filter((r) => r.score >= 4).map((r) => r.c.id) : [],
    q,
  );
  const hits = ranked.map(({ c }) => ({
    id: c.id,
    name: c.name,
    shortName: c.short_name,
    code: c.code,
    city: c.city,
    customerClass: c.class,
    matchedContact: contactMatches.get(c.id) ?? null,
  }));
  return { hits, tookMs: Math.round((performance.now() - started) * 100) / 100 };
}

/**
 * Customers of a large import whose documents the backlog job has not written yet, found by
 * scanning their rows: name, short name, code, e-mail, phone digits and full pinyin (not
 * initials or contacts, which need the document). Slower than the index, and only for the
 * minute or so after such an import.
 */
function backlogCandidates(ws: Workspace, q: string, limit: number, seen: SearchSeen): Candidate[] {
  const ranges = pendingSearchRanges(ws);
  if (ranges.length === 0 || q === '') return [];
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const digits = /^[\d\s-]+$/.test(q) ? `%${q.replace(/\D/g, '')}%` : null;
  const scan = ws.db.prepare(
    `SELECT id, name, short_name, code, city, class, sort_key FROM customers c
     WHERE seq BETWEEN @from AND @to AND deleted = 0 AND ${scopeRowTest('c')} AND ${seen.sql}
       AND (name LIKE @like ESCAPE '\\' OR short_name LIKE @like ESCAPE '\\' OR code LIKE @like ESCAPE '\\' OR email LIKE @like ESCAPE '\\'
            OR replace(sort_key, ' ', '') LIKE @like ESCAPE '\\' OR (@digits IS NOT NULL AND replace(phones, '-', '') LIKE @digits))
     LIMIT @limit`,
  );
  const out: Candidate[] = [];
  for (const [from, to] of ranges) {
    if (out.length >= limit) break;
    out.push(...(scan.all({ from, to, like, digits, limit: limit - out.length, ...scopeParams(), ...seen.params }) as Candidate[]));
  }
  return out;
}

/** A candidate as the caller sees it: the sources they may not see do not rank it either. */
function unseen(c: Candidate, blind: number): Candidate {
  return {
    ...c,
    name: (blind & SEARCH_BLIND.name) === 0 ? c.name : '',
    short_name: (blind & SEARCH_BLIND.shortName) === 0 ? c.short_name : null,
    code: (blind & SEARCH_BLIND.code) === 0 ? c.code : null,
  };
}

/** Lower is better: the name itself, then its start, then short name or code, then anything else. */
function score(c: Candidate, q: string): number {
  const name = normalizeForSearch(c.name);
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.includes(q)) return 2;
  if (normalizeForSearch(c.short_name ?? '').includes(q) || normalizeForSearch(c.code ?? '').includes(q)) return 3;
  return 4;
}

function matchedContacts(ws: Workspace, ids: string[], q: string): Map<string, string> {
  const result = new Map<string, string>();
  if (ids.length === 0) return result;
  const placeholders = ids.map(() => '?').join(',');
  const rows = ws.db.prepare(`SELECT customer_id, name FROM contacts WHERE deleted = 0 AND customer_id IN (${placeholders})`).all(...ids) as {
    customer_id: string;
    name: string;
  }[];
  for (const r of rows) {
    if (!result.has(r.customer_id) && normalizeForSearch(r.name).includes(q)) result.set(r.customer_id, r.name);
  }
  return result;
}
