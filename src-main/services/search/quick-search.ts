import type { SearchHit } from '../../../src-shared/contract/methods';
import { matchExpression, normalizeForSearch } from '../../../src-shared/search/search-tokens';
import type { Workspace } from '../../db/workspace';

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

export function quickSearch(ws: Workspace, query: string, limit = 20): { hits: SearchHit[]; tookMs: number } {
  const started = performance.now();
  const expr = matchExpression(query);
  if (!expr) return { hits: [], tookMs: 0 };
  const candidates = ws.db
    .prepare(
      `SELECT c.id, c.name, c.short_name, c.code, c.city, c.class, c.sort_key
       FROM customer_search s JOIN customers c ON c.seq = s.rowid
       WHERE customer_search MATCH ? AND c.deleted = 0 LIMIT ?`,
    )
    .all(expr, CANDIDATES) as Candidate[];

  const q = normalizeForSearch(query).trim();
  const ranked = candidates
    .map((c) => ({ c, score: score(c, q) }))
    .sort((a, b) => a.score - b.score || (a.c.sort_key < b.c.sort_key ? -1 : a.c.sort_key > b.c.sort_key ? 1 : 0))
    .slice(0, limit);

  const contactMatches = matchedContacts(
    ws,
    ranked.filter((r) => r.score >= 4).map((r) => r.c.id),
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
  const rows = ws.db
    .prepare(`SELECT customer_id, name FROM contacts WHERE deleted = 0 AND customer_id IN (${placeholders})`)
    .all(...ids) as { customer_id: string; name: string }[];
  for (const r of rows) {
    if (!result.has(r.customer_id) && normalizeForSearch(r.name).includes(q)) result.set(r.customer_id, r.name);
  }
  return result;
}
