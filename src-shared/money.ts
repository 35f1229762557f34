// Money is integer fen (分) everywhere; arithmetic that could exceed 2^53 goes through BigInt.
// Rounding is half away from zero (四舍五入), as on Chinese invoices.

export type Fen = number;

/** Parses what people type or what sheets hold: "¥1,234.5", "1234.56元", "－12", "1.2万". */
export function parseMoney(input: string | number): Fen | null {
  if (typeof input === 'number') return Number.isFinite(input) ? Math.round(input * 100) : null;
  let s = input
    .normalize('NFKC')
    .trim()
    .replace(/[¥￥,，\s]|元|人民币|RMB|CNY/gi, '');
  let scale = 1n;
  if (s.endsWith('万')) {
    scale = 10000n;
    s = s.slice(0, -1);
  }
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const [, sign, whole = '0', frac = ''] = m;
  // Work in 1/1000 fen so one rounding step covers both decimals and the 万 scale.
  const milli = (BigInt(whole) * 100000n + BigInt((frac + '00000').slice(0, 5))) * scale;
  const fen = (milli + 500n) / 1000n;
  const value = Number(sign === '-' ? -fen : fen);
  return Number.isSafeInteger(value) ? value : null;
}

export function formatMoney(fen: Fen, options: { symbol?: boolean } = {}): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${options.symbol ? '¥' : ''}${grouped}.${cents}`;
}

/** Line amount = quantity × unit price × (1 − discount), quantity in thousandths, discount in basis points. */
export function lineAmount(quantityMilli: number, unitPriceFen: Fen, discountBp: number): Fen {
  const gross = BigInt(quantityMilli) * BigInt(unitPriceFen) * BigInt(10000 - discountBp);
  const denominator = 1000n * 10000n;
  const half = denominator / 2n;
  const rounded = gross >= 0n ? (gross + half) / denominator : -((-gross + half) / denominator);
  return Number(rounded);
}

export function sumFen(values: readonly Fen[]): Fen {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  return Number(total);
}

/**
 * How far a line amount given by its source (an import's 金额) may lie from
 * quantity × price × (1 − discount): the price is held to the fen, so it may be up to half a fen
 * per unit off the exact one, plus the amount's own rounding to the fen.
 */
export function lineAmountTolerance(quantityMilli: number): Fen {
  return Math.ceil(quantityMilli / 2000) + 1;
}

/** Whether a given line amount agrees with the line's quantity, price and discount (within the price's rounding). */
export function lineAmountAgrees(amountFen: Fen, quantityMilli: number, unitPriceFen: Fen, discountBp: number): boolean {
  return Math.abs(lineAmount(quantityMilli, unitPriceFen, discountBp) - amountFen) <= lineAmountTolerance(quantityMilli);
}

/**
 * The unit price, to the fen (half away from zero), that a line amount comes from:
 * amount ÷ (quantity × (1 − discount)), in BigInt. Null when no price can give the amount
 * (no quantity, or a 100 % discount on a non-zero amount).
 */
export function unitPriceFromAmount(amountFen: Fen, quantityMilli: number, discountBp: number): Fen | null {
  if (amountFen === 0) return 0;
  if (quantityMilli <= 0 || discountBp >= 10000) return null;
  const numerator = BigInt(amountFen) * 1000n * 10000n;
  const denominator = BigInt(quantityMilli) * BigInt(10000 - discountBp);
  const abs = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  const value = Number(numerator < 0n ? -rounded : rounded);
  return Number.isSafeInteger(value) ? value : null;
}

/** A quantity in thousandths from a decimal text ("1,000.5", "２"), exactly (further decimals round half away from zero); null when it is not a number. */
export function parseQuantityMilli(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? Math.round(input * 1000) : null;
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(
    input
      .normalize('NFKC')
      .trim()
      .replace(/[,，\s]/g, ''),
  );
  if (!m) return null;
  const [, sign, whole = '0', frac = ''] = m;
  const milli = BigInt(whole) * 1000n + BigInt((frac + '000').slice(0, 3)) + (Number(frac[3] ?? '0') >= 5 ? 1n : 0n);
  const value = Number(sign === '-' ? -milli : milli);
  return Number.isSafeInteger(value) ? value : null;
}
