import { sortKeyOf } from './pinyin-keys';

// The order of Chinese labels (groups, report dimensions): by pinyin, as a Chinese reader looks
// things up (安徽省, 北京市, 重庆市 …), where code points would put 上海 before 东莞 by accident of
// encoding. One comparator for every grouped list and report, so they agree.

// Group labels are few and repeat on every call; their keys are kept (bounded).
const CACHE_LIMIT = 10_000;
const keys = new Map<string, string>();

function keyOf(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    if (keys.size >= CACHE_LIMIT) keys.clear();
    key = sortKeyOf(text);
    keys.set(text, key);
  }
  return key;
}

/** Pinyin order of two labels; the labels themselves break ties (同音字), so the order is total. */
export function comparePinyin(a: string, b: string): number {
  if (a === b) return 0;
  const x = keyOf(a);
  const y = keyOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Group keys: numbers in numeric order, text by pinyin, numbers before text. */
export function compareGroupKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return comparePinyin(a, b);
}
