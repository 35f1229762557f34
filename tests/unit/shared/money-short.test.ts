import { describe, expect, it } from 'vitest';
import { formatMoneyShort } from '../../../src-shared/money-short';

describe('large amounts as people say them', () => {
  it('reads 万 and 亿 in Chinese, K/M/B in English, and keeps small amounts exact', () => {
    expect(formatMoneyShort(2_638_044_594_175, 'zh-CN')).toBe('¥263.8亿');
    expect(formatMoneyShort(12_500_000, 'zh-CN')).toBe('¥12.5万');
    expect(formatMoneyShort(100_000_000, 'zh-CN')).toBe('¥100万');
    expect(formatMoneyShort(998_765, 'zh-CN')).toBe('¥9,987.65');
    expect(formatMoneyShort(-3_000_000_000, 'zh-CN')).toBe('-¥3000万');
    expect(formatMoneyShort(2_638_044_594_175, 'en')).toBe('¥26.38B');
    expect(formatMoneyShort(150_000_000, 'en')).toBe('¥1.5M');
    expect(formatMoneyShort(1_234_500, 'en')).toBe('¥12.35K');
  });
});
