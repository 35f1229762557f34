import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../src-main/db/migrations-folder';
import { documentTokens, matchExpression, normalizeForSearch, queryRuns, textsMatch } from '../../../src-shared/search/search-tokens';

// The search index is compared with the plain model it stands for: "some word of the document
// contains what was typed". Real FTS5, as the latest migration that makes the table defines it
// (0017: prefix index of 1 character only), with its hashsize setting.
function searchTable(): Database.Database {
  const db = new Database(':memory:');
  const { folder, entries } = migrationsFolder();
  const statements = entries
    .map((e) => readFileSync(join(folder, `${e.tag}.sql`), 'utf8').split('--> statement-breakpoint'))
    .filter((parts) => parts.some((p) => p.includes('CREATE VIRTUAL TABLE `customer_search`')))
    .at(-1) as string[];
  for (const statement of statements)
    if (/^\s*(--[^\n]*\n\s*)*(CREATE VIRTUAL TABLE|INSERT INTO) `customer_search`/.test(statement)) db.exec(statement);
  return db;
}

it('builds the test index from migration 0017 (1-character prefix index, hashsize set)', () => {
  const db = searchTable();
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'customer_search'").pluck().get() as string;
  expect(sql).toContain("prefix='1'");
  expect(db.prepare("SELECT v FROM customer_search_config WHERE k = 'hashsize'").pluck().get()).toBe(16777216);
  db.close();
});

// é and ж are letters outside a–z/0–9: 2-character fragments before them need the extra tokens.
const WORD_CHARS = ['中', '国', '移', '动', '华', '为', 'a', 'b', 'c', '1', '2', 'é', 'ж'];
const SEPARATORS = [' ', '-', '（', '@'];
const wordArb = fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const docArb = fc
  .array(fc.tuple(wordArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Words as the tokenizer sees them: CJK and alphanumeric runs are separate words. */
function words(text: string): string[] {
  return normalizeForSearch(text).match(/[\u4e00-\u9fff]+|[a-z0-9éж]+/g) ?? [];
}

// Two-character fragments of a–z/0–9 (asked as an OR of exact terms) against words where such a
// pair is often followed by a letter outside a–z/0–9.
const pairArb = fc.array(fc.constantFrom('a', 'b', '1'), { minLength: 2, maxLength: 2 }).map((cs) => cs.join(''));
const pairDocArb = fc.array(fc.constantFrom('a', 'b', '1', 'é', 'ж', ' '), { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));

describe('quick search tokens', () => {
  it.each([
    ['any fragment', docArb, wordArb],
    ['two-character fragments', pairDocArb, pairArb],
  ])('finds exactly the documents with a word containing the typed fragment (%s)', (_, docArbitrary, queryArbitrary) => {
    fc.assert(
      fc.property(fc.array(docArbitrary, { minLength: 1, maxLength: 25 }), queryArbitrary, (docs, rawQuery) => {
        const db = searchTable();
        const insert = db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (?, ?)');
        docs.forEach((d, i) => insert.run(i + 1, documentTokens([d])));
        const expr = matchExpression(rawQuery);
        const found = (
          db.prepare('SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid').all(expr) as { id: number }[]
        ).map((r) => r.id);
        const queryWords = words(rawQuery);
        const expected = docs
          .map((d, i) => ({ i: i + 1, w: words(d) }))
          .filter(({ w }) => queryWords.every((q) => w.some((word) => word.includes(q))))
          .map(({ i }) => i);
        db.close();
        expect(found).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  // The re-check of candidates against the fields a caller may see (search-visibility.ts) must
  // agree with the index: same texts, same answer.
  it('textsMatch answers as the index does', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 3 }), fc.oneof(wordArb, pairArb), (texts, rawQuery) => {
        const db = searchTable();
        db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (1, ?)').run(documentTokens(texts));
        const indexed = db.prepare('SELECT count(*) FROM customer_search WHERE customer_search MATCH ?').pluck().get(matchExpression(rawQuery)) === 1;
        db.close();
        expect(textsMatch(queryRuns(rawQuery), texts)).toBe(indexed);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes every token so typed operators cannot change the query', () => {
    const or = (pair: string) => `(${[pair, ...'abcdefghijklmnopqrstuvwxyz0123456789'].map((c, i) => `"${i === 0 ? c : pair + c}"`).join(' OR ')})`;
    expect(matchExpression('a OR b" NEAR(')).toBe(`"a"* AND ${or('or')} AND "b"* AND "nea ear"`);
    expect(matchExpression('  ')).toBeNull();
    expect(matchExpression('中国移动')).toBe('"中国 国移 移动"');
    expect(matchExpression('ＺＧＹＤ')).toBe('"zgy gyd"');
  });
});

describe('documentTokens', () => {
  const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007])[\p{L}\p{N}])+/gu;
  // The model: the runs of all texts, each once and in order, leaving out a run that lies inside
  // another (it adds no match); each split into characters (code points) as overlapping n-grams.
  const runsOf = (texts: string[]) => {
    const all = [...new Set(texts.flatMap((t) => normalizeForSearch(t).match(RUN) ?? []))];
    return all.filter((run) => !all.some((other) => other !== run && other.includes(run)));
  };
  const model = (texts: string[]) =>
    runsOf(texts)
      .map((run) => {
        const chars = [...run];
        const n = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/u.test(chars[0] ?? '') ? 2 : 3;
        return chars.map((_, i) => chars.slice(i, i + n).join('')).join(' ');
      })
      .concat(pairsModel(runsOf(texts)))
      .join(' ');
  // ... then, once at the end, each a–z/0–9 pair that starts a trigram ending outside a–z/0–9.
  const pairsModel = (runs: string[]): string[] => {
    const pairs = new Set<string>();
    for (const run of runs) {
      const chars = [...run];
      for (let i = 0; i + 2 < chars.length; i += 1) {
        const pair = `${chars[i]}${chars[i + 1]}`;
        if (/^[a-z0-9]{2}$/.test(pair) && !/^[a-z0-9]$/.test(chars[i + 2] ?? '')) pairs.add(pair);
      }
    }
    return pairs.size ? [[...pairs].join(' ')] : [];
  };

  it('gives the n-grams of every run, also with characters outside the BMP', () => {
    const char = fc.constantFrom('中', '国', '华', 'a', 'B', '1', '２', ' ', '-', '𠀋', '𝒳', 'é');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(char, { maxLength: 12 }).map((c) => c.join('')),
          { maxLength: 4 },
        ),
        (texts) => documentTokens(texts) === model(texts),
      ),
    );
  });

  it('writes the pair before a letter outside a–z/0–9 once, so a 2-character fragment finds it', () => {
    // café lies inside caféine: written once, as part of caféine.
    expect(documentTokens(['Café au lait', 'caféine', 'lait'])).toBe('au u lai ait it t caf afé féi éin ine ne e af');
    const db = searchTable();
    db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (1, ?)').run(documentTokens(['Café']));
    db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (2, ?)').run(documentTokens(['cab', 'fé']));
    const find = (q: string) => db.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ?').pluck().all(matchExpression(q));
    expect(find('af')).toEqual([1]);
    expect(find('ca')).toEqual([1, 2]);
    db.close();
  });
});
