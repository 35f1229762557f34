import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOrderDiscount,
  bpToPercent,
  bpToZhe,
  parseOrderDiscount,
  percentToBp,
  requestedDiscount,
  zheToBp,
} from '../../../src-shared/order-discount';

/** The model: pay subtotal × (10000 − bp) / 10000, rounded half away from zero, in exact rationals. */
function modelTotal(subtotal: number, bp: number): number {
  const numerator = BigInt(subtotal) * BigInt(10000 - bp);
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator * sign;
  const whole = abs / 10000n;
  const rest = abs % 10000n;
  return Number(sign * (rest * 2n >= 10000n ? whole + 1n : whole));
}

describe('order discount', () => {
  it('reads 折 and percent as people write them', () => {
    expect(zheToBp('9')).toBe(1000);
    expect(zheToBp('9.5折')).toBe(500);
    expect(zheToBp('9.25')).toBe(750);
    expect(zheToBp('95折')).toBe(500);
    expect(zheToBp('85')).toBe(1500);
    expect(zheToBp('10')).toBe(0);
    expect(zheToBp('０.５折')).toBe(9500);
    expect(zheToBp('0')).toBeNull();
    expect(zheToBp('11.5')).toBeNull();
    expect(zheToBp('9.1234')).toBeNull();
    expect(zheToBp('abc')).toBeNull();
    expect(percentToBp('95%')).toBe(500);
    expect(percentToBp('92.5')).toBe(750);
    expect(percentToBp('100%')).toBe(0);
    expect(percentToBp('０%')).toBeNull();
    expect(percentToBp('101%')).toBeNull();
    expect(percentToBp('9.999%')).toBeNull();
    expect(bpToZhe(1000)).toBe('9');
    expect(bpToZhe(750)).toBe('9.25');
    expect(bpToPercent(500)).toBe('95');
  });

  it('tells a rate from an amount in one cell', () => {
    expect(parseOrderDiscount('9.5折')).toEqual({ kind: 'rate', bp: 500 });
    expect(parseOrderDiscount(' 95% ')).toEqual({ kind: 'rate', bp: 500 });
    expect(parseOrderDiscount('９折')).toEqual({ kind: 'rate', bp: 1000 });
    expect(parseOrderDiscount('50')).toEqual({ kind: 'amount', fen: 5000 });
    expect(parseOrderDiscount('¥1,200.50')).toEqual({ kind: 'amount', fen: 120050 });
    expect(parseOrderDiscount('')).toEqual({ kind: 'amount', fen: 0 });
    expect(parseOrderDiscount('-5')).toBeNull();
    expect(parseOrderDiscount('20折')).toBeNull();
    expect(parseOrderDiscount('100折')).toBeNull();
    expect(parseOrderDiscount('打折')).toBeNull();
  });

  it('rounds the amount to pay half away from zero and derives the discount from it', () => {
    // 9折 of ¥299.95: 269.955 → ¥269.96 to pay, ¥29.99 off.
    expect(applyOrderDiscount(29995, { kind: 'rate', bp: 1000 })).toEqual({ discountFen: 2999, totalFen: 26996 });
    // 9.5折 of ¥0.10: 9.5 fen → 10 fen to pay, nothing off.
    expect(applyOrderDiscount(10, { kind: 'rate', bp: 500 })).toEqual({ discountFen: 0, totalFen: 10 });
    expect(applyOrderDiscount(100_000, { kind: 'rate', bp: 0 })).toEqual({ discountFen: 0, totalFen: 100_000 });
    expect(applyOrderDiscount(100_000, { kind: 'rate', bp: 10000 })).toEqual({ discountFen: 100_000, totalFen: 0 });
    // Beyond 2^53 in the intermediate product, still exact.
    expect(applyOrderDiscount(9_999_999_999_999, { kind: 'rate', bp: 1 })).toEqual({ discountFen: 1_000_000_000, totalFen: 9_998_999_999_999 });
    // An amount is taken as given; the total stops at zero.
    expect(applyOrderDiscount(5000, { kind: 'amount', fen: 120 })).toEqual({ discountFen: 120, totalFen: 4880 });
    expect(applyOrderDiscount(5000, { kind: 'amount', fen: 9000 })).toEqual({ discountFen: 9000, totalFen: 0 });
  });

  it('matches the exact model on random orders, and discount + total is always the subtotal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 10000 }), (subtotal, bp) => {
        const { discountFen, totalFen } = applyOrderDiscount(subtotal, { kind: 'rate', bp });
        expect(totalFen).toBe(modelTotal(subtotal, bp));
        expect(discountFen + totalFen).toBe(subtotal);
        expect(totalFen).toBeGreaterThanOrEqual(0);
        expect(totalFen).toBeLessThanOrEqual(subtotal);
      }),
    );
  });

  it('a rate written as 折 and as percent is the same discount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), (paidHundredths) => {
        const pct = `${paidHundredths / 100}%`;
        const bp = percentToBp(pct);
        expect(bp).toBe(10000 - paidHundredths);
        expect(zheToBp(bpToZhe(bp ?? -1))).toBe(bp);
        expect(percentToBp(bpToPercent(bp ?? -1))).toBe(bp);
      }),
    );
  });

  it('resolves what an input or a patch asks for', () => {
    const before = { discountFen: 2999, discountBp: 1000 };
    expect(requestedDiscount({ discountFen: 0 }, null)).toEqual({ kind: 'amount', fen: 0 });
    expect(requestedDiscount({ discountFen: 0, discountBp: 500 }, null)).toEqual({ kind: 'rate', bp: 500 });
    expect(requestedDiscount({ discountFen: 100, discountBp: 500 }, null)).toBe('conflict');
    expect(requestedDiscount({}, before)).toEqual({ kind: 'rate', bp: 1000 });
    expect(requestedDiscount({ discountBp: null }, before)).toEqual({ kind: 'amount', fen: 2999 });
    expect(requestedDiscount({ discountFen: 500 }, before)).toEqual({ kind: 'amount', fen: 500 });
  });
});
