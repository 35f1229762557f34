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
  const keys = computeKeys(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, keys);
  return keys;
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
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join(' ')
    .toLowerCase();
  return `${full}\u0001${name}`;
}
