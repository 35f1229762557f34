import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../src-main/db/migrations-folder';
import { documentTokens, matchExpression, normalizeForSearch } from '../../../src-shared/search/search-tokens';

// The search index is compared with the plain model it stands for: "some word of the document
// contains what was typed". Real FTS5, built by the real migration.
function searchTable(): Database.Database {
  const db = new Database(':memory:');
  const { folder, entries } = migrationsFolder();
  const tag = entries.find((e) => e.tag.includes('customer_search'))?.tag as string;
  db.exec(readFileSync(join(folder, `${tag}.sql`), 'utf8'));
  return db;
}

const WORD_CHARS = ['中', '国', '移', '动', '华', '为', 'a', 'b', 'c', '1', '2'];
const SEPARATORS = [' ', '-', '（', '@'];
const wordArb = fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const docArb = fc
  .array(fc.tuple(wordArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Words as the tokenizer sees them: CJK and alphanumeric runs are separate words. */
function words(text: string): string[] {
  return normalizeForSearch(text).match(/[\u4e00-\u9fff]+|[a-z0-9]+/g) ?? [];
}

describe('quick search tokens', () => {
  it('finds exactly the documents with a word containing the typed fragment', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 25 }), wordArb, (docs, rawQuery) => {
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

  it('quotes every token so typed operators cannot change the query', () => {
    expect(matchExpression('a OR b" NEAR(')).toBe('"a"* AND "or"* AND "b"* AND "nea ear"');
    expect(matchExpression('  ')).toBeNull();
    expect(matchExpression('中国移动')).toBe('"中国 国移 移动"');
    expect(matchExpression('ＺＧＹＤ')).toBe('"zgy gyd"');
  });
});

describe('documentTokens', () => {
  // The model: split each run into characters (code points) and take overlapping n-grams.
  const model = (texts: string[]) =>
    texts
      .flatMap(
        (t) =>
          normalizeForSearch(t).match(
            /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007])[\p{L}\p{N}])+/gu,
          ) ?? [],
      )
      .map((run) => {
        const chars = [...run];
        const n = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/u.test(chars[0] ?? '') ? 2 : 3;
        return chars.map((_, i) => chars.slice(i, i + n).join('')).join(' ');
      })
      .join(' ');

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
});
