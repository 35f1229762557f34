import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  full: string;
  initials: string;
}

// Person names and short names repeat a lot (张伟, 王芳 …), and pinyin conversion is the dearest
// step of indexing a customer, so recent results are kept. Bounded: cleared when full, which is
// cheaper than LRU bookkeeping and still hits for the frequent names.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, PinyinKeys>();

/** Full pinyin without tones or spaces ("zhongguoyidong") and initials ("zgyd"). */
export function pinyinKeys(text: string): PinyinKeys {
  const hit = cache.get(text);
  if (hit) return hit;
  return remember(text, computeKeys(text));
}

function remember(text: string, keys: PinyinKeys): PinyinKeys {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, keys);
  return keys;
}

/**
 * sortKeyOf(name) and pinyinKeys(name) from ONE conversion (it is the dearest step of preparing
 * an imported customer, and both are needed). The conversion that keeps other characters returns
 * a run of them as itself, while a Chinese character's pinyin is never the character, so the
 * Chinese syllables can be picked out of it. Tested against the two separate conversions.
 */
export function namePinyin(name: string): { sortKey: string; keys: PinyinKeys } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const sortKey = `${syllables.join(' ').toLowerCase()}\u0001${name}`;
  const cached = cache.get(name);
  if (cached) return { sortKey, keys: cached };
  if (!/[\u3400-\u9fff]/.test(name)) return { sortKey, keys: remember(name, { full: '', initials: '' }) };
  const chinese: string[] = [];
  let at = 0;
  for (const s of syllables) {
    if (s !== '' && name.startsWith(s, at)) at += s.length;
    else {
      chinese.push(s);
      at += (name.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    }
  }
  const keys = {
    full: chinese.join('').toLowerCase(),
    initials: chinese
      .map((s) => s.slice(0, 1))
      .join('')
      .toLowerCase(),
  };
  return { sortKey, keys: remember(name, keys) };
}

function computeKeys(text: string): PinyinKeys {
  if (!/[\u3400-\u9fff]/.test(text)) return { full: '', initials: '' };
  // One conversion gives both: the initials are the first letters of the syllables (pinyin-pro's
  // `pattern: 'first'` yields exactly that, checked over every CJK character and 100k random strings).
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
  return {
    full: syllables.join('').toLowerCase(),
    initials: syllables
      .map((s) => s.slice(0, 1))
      .join('')
      .toLowerCase(),
  };
}

/** Sort key so that lists order Chinese names by pinyin (阿里 < 百度 < 中国), then by the name itself. */
export function sortKeyOf(name: string): string {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ').toLowerCase();
  return `${full}\u0001${name}`;
}
