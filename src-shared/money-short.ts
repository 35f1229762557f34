import { formatMoney, type Fen } from './money';

// Large amounts in charts and summary figures read as people say them: ¥263.8亿, not
// ¥26,380,445,941.75 (English: ¥26.38B). Report tables too (exact on hover: analysis/money-cell.tsx);
// record tables, forms and exports keep the exact amount.

const trimmed = (n: number, digits: number) => n.toFixed(digits).replace(/\.?0+$/, '');

/** A rounded, readable amount with 万/亿 (Chinese) or K/M/B (English); small amounts exact. For display only. */
export function formatMoneyShort(fen: Fen, language: string): string {
  const yuan = fen / 100;
  const abs = Math.abs(yuan);
  const sign = yuan < 0 ? '-' : '';
  const scaled = (value: number, unit: string) => `${sign}¥${trimmed(value, value >= 100 ? 1 : 2)}${unit}`;
  if (language.startsWith('zh')) {
    if (abs >= 1e8) return scaled(abs / 1e8, '亿');
    if (abs >= 1e4) return scaled(abs / 1e4, '万');
  } else {
    if (abs >= 1e9) return scaled(abs / 1e9, 'B');
    if (abs >= 1e6) return scaled(abs / 1e6, 'M');
    if (abs >= 1e4) return scaled(abs / 1e3, 'K');
  }
  return formatMoney(Math.round(fen), { symbol: true });
}
