import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src-main/db/migrations-folder';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { indexPendingSearch } from '../../../src-main/services/search/index-pending-search';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { pendingSearchRanges } from '../../../src-main/services/search/search-backlog';
import { countSearchMatches } from '../../../src-main/services/search/search-matches';
import { matchExpression, normalizeForSearch } from '../../../src-shared/search/search-tokens';
import { tempDir, testUser } from '../../support/temp-workspace';

// A workspace built by the release before migration 0017 (schema 17, search index with 1- and
// 2-character prefix indexes): `kecard demo --customers 12 --seed 1`, then through `kecard call`
// a customer "Café Lumière 咖啡" (short name 卡菲, phone 020-83330001) with a contact 李娜
// (13800001111), and the demo customer with seq 3 deleted.
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'workspaces', 'schema-v17.kecard');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** What the old release asked for a query: a plain prefix query for fragments shorter than an n-gram. */
function oldExpression(q: string): string | null {
  const runs = normalizeForSearch(q).match(
    /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007])[\p{L}\p{N}])+/gu,
  );
  if (runs?.length === 1 && /^[a-z0-9]{2}$/.test(runs[0] ?? '')) return `"${runs[0]}"*`;
  return matchExpression(q);
}

/** Fragments users type: starts and middles of names, initials and pinyin, codes, phone digits, contact names. */
function queriesOf(db: Database.Database): string[] {
  const qs = new Set(['af', 'ca', 'lu', 'ln', 'lina', '李娜', '13800', '8333', '咖啡', 'kf', 'kafei', '卡']);
  const customers = db.prepare('SELECT name, short_name, code, phones, sort_key FROM customers').all() as {
    name: string;
    short_name: string | null;
    code: string | null;
    phones: string;
    sort_key: string;
  }[];
  for (const c of customers) {
    const pinyin = c.sort_key.split('\u0001')[0] ?? '';
    const initials = pinyin
      .split(' ')
      .map((w) => w[0] ?? '')
      .join('');
    for (const q of [
      c.name.slice(0, 1),
      c.name.slice(0, 2),
      c.name.slice(1, 4),
      initials.slice(0, 2),
      initials,
      pinyin.replaceAll(' ', '').slice(0, 5),
    ])
      if (q) qs.add(q);
    if (c.code) qs.add(c.code.slice(0, 7));
    for (const phone of JSON.parse(c.phones) as string[]) qs.add(phone.replace(/\D/g, '').slice(2, 6));
  }
  for (const c of db.prepare('SELECT name, mobile FROM contacts').all() as { name: string; mobile: string | null }[]) {
    qs.add(c.name);
    if (c.mobile) qs.add(c.mobile.slice(0, 4));
  }
  return [...qs];
}

describe('migration 0017: the smaller quick-search index', () => {
  it('rebuilds the index of a schema-17 workspace through the backlog, and every query finds what it found before', () => {
    const path = join(dir, 'old.kecard');
    copyFileSync(FIXTURE, path);
    const old = new Database(path, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(17);
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'customer_search'").pluck().get()).toContain("prefix='1 2'");
    const queries = queriesOf(old);
    const found = old.prepare(
      `SELECT c.name FROM customer_search s JOIN customers c ON c.seq = s.rowid WHERE customer_search MATCH ? AND c.deleted = 0 ORDER BY c.name`,
    );
    const before = new Map(queries.map((q) => [q, found.pluck().all(oldExpression(q)) as string[]]));
    const logBefore = old.prepare('SELECT count(*) FROM change_log').pluck().get();
    const seqs = old.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM customers').get() as { lo: number; hi: number };
    old.close();
    expect(queries.length).toBeGreaterThan(60);
    expect(before.get('af')).toEqual(['Café Lumière 咖啡']);
    expect(before.get('ln')).toEqual(['Café Lumière 咖啡']);
    expect([...before.values()].filter((names) => names.length > 0).length).toBeGreaterThan(50);

    const ws = openWorkspace(path);
    try {
      expect(ws.backupPath && existsSync(ws.backupPath)).toBe(true);
      expect(ws.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      expect(ws.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'customer_search'").pluck().get()).toContain("prefix='1'");
      expect(ws.db.prepare("SELECT v FROM customer_search_config WHERE k = 'hashsize'").pluck().get()).toBe(16777216);
      // Empty, every customer in the backlog: until the job runs, the rows are scanned.
      expect(ws.db.prepare('SELECT count(*) FROM customer_search').pluck().get()).toBe(0);
      expect(pendingSearchRanges(ws)).toEqual([[seqs.lo, seqs.hi]]);
      expect(quickSearch(ws, 'Café', 20).hits.map((h) => h.name)).toEqual(['Café Lumière 咖啡']);

      expect(indexPendingSearch(ws)).toEqual({ indexed: seqs.hi - seqs.lo + 1, cancelled: false });
      expect(pendingSearchRanges(ws)).toEqual([]);
      const live = ws.db.prepare('SELECT count(*) FROM customers WHERE deleted = 0').pluck().get();
      expect(ws.db.prepare('SELECT count(*) FROM customer_search').pluck().get()).toBe(live);
      for (const q of queries) {
        const names = quickSearch(ws, q, 400)
          .hits.map((h) => h.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect([q, names]).toEqual([q, before.get(q)]);
        expect([q, countSearchMatches(ws, q).count]).toEqual([q, before.get(q)?.length]);
      }
      // The log is untouched; later writes keep the index as before.
      expect(ws.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(logBefore);
      const cafe = ws.db.prepare("SELECT id FROM customers WHERE name LIKE 'Café%'").pluck().get() as string;
      createContact(ws, testUser, { customerId: cafe, name: 'Zoë Ansel' });
      expect(quickSearch(ws, 'zo', 20).hits.map((h) => h.name)).toEqual(['Café Lumière 咖啡']);
      expect(quickSearch(ws, 'oë', 20).hits.map((h) => h.name)).toEqual(['Café Lumière 咖啡']);
    } finally {
      ws.close();
    }
  });
});
