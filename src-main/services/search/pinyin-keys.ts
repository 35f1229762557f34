import { pinyin } from 'pinyin-pro';

/** Full pinyin without tones or spaces ("zhongguoyidong") and initials ("zgyd"). */
export function pinyinKeys(text: string): { full: string; initials: string } {
  if (!/[\u3400-\u9fff]/.test(text)) return { full: '', initials: '' };
  const full = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).join('');
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
  return { full: full.toLowerCase(), initials: initials.toLowerCase() };
}

/** Sort key so that lists order Chinese names by pinyin (阿里 < 百度 < 中国), then by the name itself. */
export function sortKeyOf(name: string): string {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join(' ')
    .toLowerCase();
  return `${full}\u0001${name}`;
}
