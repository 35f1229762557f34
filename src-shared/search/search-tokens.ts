// Tokenising for quick search, shared by the index (main) and anyone who needs to know why a row
// matched. SQLite's trigram tokenizer cannot find one- or two-character Chinese words (most
// company-name fragments are two characters: 移动, 华为), so the document is pre-tokenised:
//   - a run of Chinese characters becomes its overlapping bigrams plus its last character;
//   - a run of letters/digits becomes its overlapping trigrams plus its last two and last one.
// Every position of a run thus starts exactly one token, so a prefix query finds 1–2 character
// fragments anywhere, and a longer fragment is a phrase of consecutive n-grams.
//
// The index keeps a prefix index of 1 character only (migration 0017): the 2-character one cost a
// third of the index (≈ 390 of 1,175 bytes per customer at the 100k demo) and a prefix query
// without it merges every matching term's list up front (8 ms for "zh" at 100k). So a
// 2-character fragment of a–z/0–9 is asked as the OR of its exact terms instead — the 2-character
// token itself and each trigram it starts, which FTS5 walks lazily (≈ 0.5 ms). A trigram whose
// third character is outside a–z/0–9 (café → "afé") would escape that OR, so such a trigram's
// first two characters are also written as a token of their own at the end of the document
// (a short token is never part of a phrase, so this adds no other match).

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/u;
const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007])[\p{L}\p{N}])+/gu;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runs(text: string): string[] {
  return normalizeForSearch(text).match(RUN) ?? [];
}

function isCjkRun(run: string): boolean {
  return CJK.test(run[0] ?? '');
}

function ngramsOf(run: string): string[] {
  const n = isCjkRun(run) ? 2 : 3;
  const tokens: string[] = [];
  // Every import and edit builds a document, so the common case (no characters outside the BMP)
  // slices the string instead of splitting it into an array of characters first.
  if (!/[\uD800-\uDFFF]/.test(run)) {
    for (let i = 0; i < run.length; i += 1) tokens.push(run.slice(i, i + n));
    return tokens;
  }
  const chars = [...run];
  for (let i = 0; i < chars.length; i += 1) {
    const width = Math.min(n, chars.length - i);
    tokens.push(chars.slice(i, i + width).join(''));
  }
  return tokens;
}

/**
 * The FTS document for a set of searchable texts (tokens separated by spaces). A document matches
 * when every run of the query is part of one of its runs, so a run that is part of another run of
 * the same document (a short name inside the name, an e-mail's pinyin inside the full pinyin, a
 * phone written twice) adds no match and is left out: ≈ 11 % fewer tokens at the demo.
 */
export function documentTokens(texts: readonly (string | null | undefined)[]): string {
  const all = new Set<string>();
  for (const text of texts) if (text) for (const run of runs(text)) all.add(run);
  // Longest first: a run can only be contained in a longer one, and those come before it.
  const kept: string[] = [];
  for (const run of [...all].sort((a, b) => b.length - a.length)) if (!kept.some((k) => k.includes(run))) kept.push(run);
  const keep = new Set(kept);
  const out: string[] = [];
  let pairs: Set<string> | null = null;
  for (const run of all) {
    if (!keep.has(run)) continue;
    out.push(ngramsOf(run).join(' '));
    if (!isCjkRun(run) && !PLAIN_RUN.test(run)) for (const pair of escapingPairs(run)) (pairs ??= new Set()).add(pair);
  }
  if (pairs) out.push([...pairs].join(' '));
  return out.join(' ');
}

/** The letters and digits a 2-character fragment's OR lists as third characters. */
const PLAIN = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PLAIN_PAIR = /^[a-z0-9]{2}$/;
const PLAIN_RUN = /^[a-z0-9]*$/;

/** The first two characters of each trigram of a run that a plain pair starts and a third character outside a–z/0–9 ends. */
function escapingPairs(run: string): string[] {
  const chars = [...run];
  const pairs: string[] = [];
  for (let i = 0; i + 2 < chars.length; i += 1) {
    const pair = (chars[i] ?? '') + (chars[i + 1] ?? '');
    if (PLAIN_PAIR.test(pair) && !PLAIN.includes(chars[i + 2] ?? '')) pairs.push(pair);
  }
  return pairs;
}

/**
 * The FTS5 MATCH expression for what the user typed, or null if nothing searchable was typed.
 * Only n-grams of letters, digits and Chinese characters come out, each quoted, so no user text
 * can change the shape of the query.
 */
export function matchExpression(query: string): string | null {
  const parts: string[] = [];
  for (const run of runs(query)) {
    const chars = [...run];
    const n = isCjkRun(run) ? 2 : 3;
    if (n === 3 && PLAIN_PAIR.test(run)) {
      parts.push(`(${[`"${run}"`, ...[...PLAIN].map((c) => `"${run}${c}"`)].join(' OR ')})`);
    } else if (chars.length < n) {
      parts.push(`"${run}"*`);
    } else {
      const grams: string[] = [];
      for (let i = 0; i + n <= chars.length; i += 1) grams.push(chars.slice(i, i + n).join(''));
      parts.push(`"${grams.join(' ')}"`);
    }
  }
  return parts.length === 0 ? null : parts.join(' AND ');
}

/**
 * Whether a document made of these texts matches the query, decided without the index: every run
 * of the query must be part of one run of the texts — the rule the index's n-grams implement
 * (a 1–2 character fragment as a prefix of the token starting there, a longer one as a phrase of
 * consecutive n-grams, which never spans two runs). A query run holds no separator and is all
 * Chinese or all letters/digits, so "part of a run" is "part of the normalised text". Used to
 * re-check candidates against only the fields a caller may see (src-main/services/search/search-visibility.ts).
 */
export function textsMatch(queryRuns: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  return queryRuns.length > 0 && unmatchedRuns(queryRuns, texts).length === 0;
}

/** The runs of a query that no text holds (textsMatch is "none"). */
export function unmatchedRuns(queryRuns: readonly string[], texts: readonly (string | null | undefined)[]): string[] {
  const doc = texts
    .filter((t): t is string => !!t)
    .map(normalizeForSearch)
    .join('\u0000');
  return queryRuns.filter((q) => !doc.includes(q));
}

/** The runs of a query as textsMatch takes them (normalised letters/digits and Chinese runs). */
export function queryRuns(query: string): string[] {
  return runs(query);
}
