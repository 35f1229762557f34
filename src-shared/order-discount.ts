import { parseMoney, type Fen } from './money';

// The order-level discount (整单优惠 / 整单折扣). People give it either as an amount ("优惠 50 元")
// or as 折 ("打 9 折" = pay 90%), and sheets write the rate as "9.5折" or "95%". A rate is kept as
// basis points off the lines' subtotal, like a line's discount: 9折 = 1000, 9.5折 = 95% = 500.
//
// Rounding rule (one rule, used by main, the dialog and the importer): with a rate, the amount to
// pay is subtotal × (10000 − bp) / 10000 rounded half away from zero to the fen (四舍五入, as a line
// amount is rounded); the discount is what is left, subtotal − total. So discount + total equals
// the subtotal exactly, to the fen, and the rounding never loses or makes up a fen.
// An amount is taken as given; it never makes the total negative (the total stops at zero).

export type OrderDiscount = { kind: 'amount'; fen: Fen } | { kind: 'rate'; bp: number };

export const NO_DISCOUNT: OrderDiscount = { kind: 'amount', fen: 0 };

function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

/** What the order comes to: the discount in fen (derived for a rate) and the total to pay. */
export function applyOrderDiscount(subtotalFen: Fen, discount: OrderDiscount): { discountFen: Fen; totalFen: Fen } {
  if (discount.kind === 'amount') return { discountFen: discount.fen, totalFen: Math.max(0, subtotalFen - discount.fen) };
  const totalFen = Number(roundedQuotient(BigInt(subtotalFen) * BigInt(10000 - discount.bp), 10000n));
  return { discountFen: subtotalFen - totalFen, totalFen };
}

/** The stored pair (`discount_fen`, `discount_bp`) as a discount: a rate when `discount_bp` is set. */
export function storedDiscount(discountFen: Fen, discountBp: number | null): OrderDiscount {
  return discountBp === null ? { kind: 'amount', fen: discountFen } : { kind: 'rate', bp: discountBp };
}

/** Exact decimal text → an integer in units of 10^-scale ("9.25", 2 → 925); null when it has more decimals. */
function decimalUnits(text: string, scale: number): number | null {
  const m = /^(\d{1,6})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > scale) return null;
  return Number(m[1]) * 10 ** scale + Number(frac.padEnd(scale, '0') || '0');
}

/**
 * 折 → basis points off: "9" → 1000, "9.5" → 500, "9.25" → 750. Two digits without a point are the
 * colloquial form: "95" (95折) is 9.5折, "85" is 8.5折 ("20" stays 20折, which is no rate). Null when
 * it is not a rate in (0折, 10折].
 */
export function zheToBp(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/折$/, '').trim();
  let thousandths = decimalUnits(s, 3);
  if (thousandths === null) return null;
  if (/^\d[1-9]$/.test(s) && thousandths > 10000) thousandths /= 10;
  if (thousandths <= 0 || thousandths > 10000) return null;
  return 10000 - thousandths;
}

/** Percent paid → basis points off: "95" / "95%" → 500, "92.5%" → 750. Null outside (0%, 100%]. */
export function percentToBp(text: string): number | null {
  const hundredths = decimalUnits(text.normalize('NFKC').trim().replace(/%$/, '').trim(), 2);
  if (hundredths === null || hundredths <= 0 || hundredths > 10000) return null;
  return 10000 - hundredths;
}

/** Basis points off → 折 text without the sign: 1000 → "9", 500 → "9.5", 750 → "9.25". */
export function bpToZhe(bp: number): string {
  return String((10000 - bp) / 1000);
}

/** Basis points off → percent paid: 500 → "95", 750 → "92.5". */
export function bpToPercent(bp: number): string {
  return String((10000 - bp) / 100);
}

/**
 * A discount as sheets and people write it: "9.5折" / "95折" / "95%" are rates, anything else that
 * reads as money ("50", "¥1,200.50", "50元") is an amount. Empty text is no discount; null when
 * the text is neither.
 */
export function parseOrderDiscount(text: string): OrderDiscount | null {
  const s = text.normalize('NFKC').trim();
  if (s === '') return NO_DISCOUNT;
  if (s.endsWith('折')) {
    const bp = zheToBp(s);
    return bp === null ? null : { kind: 'rate', bp };
  }
  if (s.endsWith('%')) {
    const bp = percentToBp(s);
    return bp === null ? null : { kind: 'rate', bp };
  }
  const fen = parseMoney(s);
  return fen === null || fen < 0 ? null : { kind: 'amount', fen };
}

/**
 * The discount an order's input or patch asks for. A rate (`discountBp`) and a non-zero amount
 * (`discountFen`) together are a contradiction ('conflict'); `discountBp: null` turns a rate into
 * the amount it came to; a patch that names neither keeps `before`.
 */
export function requestedDiscount(
  input: { discountFen?: Fen | undefined; discountBp?: number | null | undefined },
  before: { discountFen: Fen; discountBp: number | null } | null,
): OrderDiscount | 'conflict' {
  const { discountFen, discountBp } = input;
  if (discountBp !== null && discountBp !== undefined) return discountFen ? 'conflict' : { kind: 'rate', bp: discountBp };
  if (discountFen !== undefined) return { kind: 'amount', fen: discountFen };
  if (!before) return NO_DISCOUNT;
  return discountBp === null ? { kind: 'amount', fen: before.discountFen } : storedDiscount(before.discountFen, before.discountBp);
}
