// Tokenising for quick search, shared by the index (main) and anyone who needs to know why a row
// matched. SQLite's trigram tokenizer cannot find one- or two-character Chinese words (most
// company-name fragments are two characters: 移动, 华为), so the document is pre-tokenised:
//   - a run of Chinese characters becomes its overlapping bigrams plus its last character;
//   - a run of letters/digits becomes its overlapping trigrams plus its last two and last one.
// Every position of a run thus starts exactly one token, so a prefix query finds 1–2 character
// fragments anywhere, and a longer fragment is a phrase of consecutive n-grams.

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

/** The FTS document for a set of searchable texts (tokens separated by spaces). */
export function documentTokens(texts: readonly (string | null | undefined)[]): string {
  const out: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const run of runs(text)) out.push(ngramsOf(run).join(' '));
  }
  return out.join(' ');
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
    if (chars.length < n) {
      parts.push(`"${run}"*`);
    } else {
      const grams: string[] = [];
      for (let i = 0; i + n <= chars.length; i += 1) grams.push(chars.slice(i, i + n).join(''));
      parts.push(`"${grams.join(' ')}"`);
    }
  }
  return parts.length === 0 ? null : parts.join(' AND ');
}
