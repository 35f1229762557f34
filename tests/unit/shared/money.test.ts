import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, lineAmount, lineAmountAgrees, parseMoney, parseQuantityMilli, sumFen, unitPriceFromAmount } from '../../../src-shared/money';

describe('money in fen', () => {
  it('parses what people type and sheets hold', () => {
    expect(parseMoney('¥1,234.56')).toBe(123456);
    expect(parseMoney('１２３４．５元')).toBe(123450);
    expect(parseMoney('1.2万')).toBe(1200000);
    expect(parseMoney('-0.005')).toBe(-1);
    expect(parseMoney('0.005')).toBe(1);
    expect(parseMoney('12.345')).toBe(1235);
    expect(parseMoney('RMB 88')).toBe(8800);
    expect(parseMoney('abc')).toBeNull();
    expect(parseMoney('1.2.3')).toBeNull();
  });

  it('formats with thousands separators and round-trips', () => {
    expect(formatMoney(123456789)).toBe('1,234,567.89');
    expect(formatMoney(-5, { symbol: true })).toBe('-¥0.05');
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(parseMoney(formatMoney(fen))).toBe(fen);
      }),
    );
  });

  it('computes line amounts exactly where floating point would drift', () => {
    // 3 × ¥0.10 with no discount is exactly ¥0.30 (0.1 * 3 = 0.30000000000000004 in floats).
    expect(lineAmount(3000, 10, 0)).toBe(30);
    // 1.5 kg at ¥19.99 with 9.5折: 1.5 × 1999 × 0.95 = 2848.575 fen → 2849
    expect(lineAmount(1500, 1999, 500)).toBe(2849);
    // Large quantities stay exact beyond 2^53 intermediates.
    expect(lineAmount(1_000_000_000, 99_999_999, 0)).toBe(99_999_999_000_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 10000 }), (q, p, d) => {
        const exact = (BigInt(q) * BigInt(p) * BigInt(10000 - d) * 2n + 10_000_000n) / 20_000_000n;
        expect(lineAmount(q, p, d)).toBe(Number(exact));
      }),
    );
  });

  it('sums without losing cents', () => {
    expect(sumFen(Array.from({ length: 1000 }, () => 1))).toBe(1000);
    expect(sumFen([2 ** 52, 2 ** 52, -1])).toBe(2 ** 53 - 1);
  });

  it('derives a unit price from a line amount that gives the amount back within the price’s rounding', () => {
    expect(unitPriceFromAmount(100000, 3000, 0)).toBe(33333);
    expect(unitPriceFromAmount(4500, 10000, 1000)).toBe(500);
    expect(unitPriceFromAmount(0, 0, 0)).toBe(0);
    expect(unitPriceFromAmount(100, 1000, 10000)).toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 0, max: 9900 }),
        (amount, quantityMilli, discountBp) => {
          const price = unitPriceFromAmount(amount, quantityMilli, discountBp);
          expect(price).not.toBeNull();
          expect(lineAmountAgrees(amount, quantityMilli, price as number, discountBp)).toBe(true);
        },
      ),
    );
  });

  it('reads quantities exactly in thousandths', () => {
    expect(parseQuantityMilli('1,000.5')).toBe(1000500);
    expect(parseQuantityMilli('２')).toBe(2000);
    expect(parseQuantityMilli('0.0005')).toBe(1);
    expect(parseQuantityMilli(1.005)).toBe(1005);
    expect(parseQuantityMilli('')).toBeNull();
    expect(parseQuantityMilli('三')).toBeNull();
  });
});
