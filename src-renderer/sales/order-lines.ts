import { formatMoney, lineAmount, parseMoney, sumFen } from '../../src-shared/money';
import { applyOrderDiscount, bpToPercent, bpToZhe, percentToBp, zheToBp, type OrderDiscount } from '../../src-shared/order-discount';
import type { OrderLineInput } from '../../src-shared/domain/sales';

/** One line as the dialog's inputs hold it. */
export interface LineDraft {
  key: string;
  id?: string;
  productId: string | null;
  productName: string;
  quantity: string;
  unitPrice: string;
  /** 折扣 as people say it: "9.5" = 9.5折 = 5% off; empty = no discount. */
  discount: string;
  /** A saved line's inputs and amount: while the inputs read the same, the amount is the saved one (an import's 金额 may differ from quantity × price by the price's rounding, and main keeps it). */
  saved?: { quantity: string; unitPrice: string; discount: string; amountFen: number };
}

let seq = 0;
export const newLineKey = () => `l${++seq}`;

/** Quantity in thousandths from "2", "1.5", "1,000"; null when not a positive number. */
export function parseQuantity(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(text.normalize('NFKC').trim().replace(/,/g, ''));
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  return milli > 0 && Number.isSafeInteger(milli) ? milli : null;
}

/** 折 text → basis points off: "9.5" → 500, "8" → 2000, "" → 0; null when out of (0, 10]. */
export function parseDiscount(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/折$/, '');
  if (s === '') return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  if (hundredths <= 0 || hundredths > 1000) return null;
  return (1000 - hundredths) * 10;
}

/** Basis points off → 折 text: 500 → "9.5", 0 → "". */
export function discountText(bp: number): string {
  if (bp === 0) return '';
  return String((10000 - bp) / 1000);
}

export interface LineCalc {
  quantityMilli: number | null;
  unitPriceFen: number | null;
  discountBp: number | null;
  amountFen: number | null;
}

export function calcLine(line: LineDraft): LineCalc {
  const quantityMilli = parseQuantity(line.quantity);
  const unitPriceFen = line.unitPrice.trim() === '' ? null : parseMoney(line.unitPrice);
  const discountBp = parseDiscount(line.discount);
  const saved = line.saved;
  const unchanged = saved !== undefined && saved.quantity === line.quantity && saved.unitPrice === line.unitPrice && saved.discount === line.discount;
  const amountFen =
    quantityMilli !== null && unitPriceFen !== null && unitPriceFen >= 0 && discountBp !== null
      ? unchanged
        ? saved.amountFen
        : lineAmount(quantityMilli, unitPriceFen, discountBp)
      : null;
  return { quantityMilli, unitPriceFen, discountBp, amountFen };
}

/** Sum of the valid lines, the order discount it comes to and the total, by main's rule (src-shared/order-discount.ts). */
export function orderTotal(lines: readonly LineDraft[], discount: OrderDiscount): { subtotal: number; discountFen: number; total: number } {
  const subtotal = sumFen(lines.map((l) => calcLine(l).amountFen ?? 0));
  const applied = applyOrderDiscount(subtotal, discount);
  return { subtotal, discountFen: applied.discountFen, total: applied.totalFen };
}

/** How the order discount is typed: 元 off, 折 (9 = pay 90%), or the percent paid (90). */
export const DISCOUNT_MODES = ['amount', 'zhe', 'percent'] as const;
export type DiscountMode = (typeof DISCOUNT_MODES)[number];

/** The discount the dialog's input means in its mode; null when the text is not one. */
export function parseDiscountInput(mode: DiscountMode, text: string): OrderDiscount | null {
  if (text.trim() === '') return { kind: 'amount', fen: 0 };
  if (mode === 'amount') {
    const fen = parseMoney(text);
    return fen === null || fen < 0 ? null : { kind: 'amount', fen };
  }
  const bp = mode === 'zhe' ? zheToBp(text) : percentToBp(text);
  return bp === null ? null : { kind: 'rate', bp };
}

/** The stored discount as the dialog shows it: a rate in 折, an amount in 元. */
export function discountInput(discountFen: number, discountBp: number | null): { mode: DiscountMode; text: string } {
  if (discountBp !== null) return { mode: 'zhe', text: bpToZhe(discountBp) };
  return { mode: 'amount', text: discountFen ? formatMoney(discountFen).replace(/,/g, '') : '' };
}

/** A rate as text in a mode ("9折" ⇄ "90") when the user switches between 折 and percent. */
export function convertRateText(from: DiscountMode, to: DiscountMode, text: string): string {
  if (from === to) return text;
  const parsed = parseDiscountInput(from, text);
  if (to === 'amount' || !parsed || parsed.kind !== 'rate') return '';
  return to === 'zhe' ? bpToZhe(parsed.bp) : bpToPercent(parsed.bp);
}

/** Lines for the contract; invalid numbers are sent as they are so main names the field. */
export function linesInput(lines: readonly LineDraft[]): OrderLineInput[] {
  return lines.map((l) => {
    const c = calcLine(l);
    return {
      ...(l.id ? { id: l.id } : {}),
      productId: l.productId,
      productName: l.productName,
      quantityMilli: c.quantityMilli ?? -1,
      unitPriceFen: c.unitPriceFen ?? -1,
      discountBp: c.discountBp ?? -1,
    };
  });
}

/** What is wrong with a line's numbers, as message keys (ux.order.*) by field; empty when it can be saved. */
export function lineProblems(line: LineDraft): Partial<Record<'quantity' | 'unitPrice' | 'discount', string>> {
  const c = calcLine(line);
  const out: Partial<Record<'quantity' | 'unitPrice' | 'discount', string>> = {};
  const quantity = line.quantity.normalize('NFKC').trim();
  if (c.quantityMilli === null)
    out.quantity =
      quantity === '' ? 'quantityRequired' : /^[-−]/.test(quantity) || /^0*(\.0*)?$/.test(quantity) ? 'quantityPositive' : 'quantityFormat';
  if (line.unitPrice.trim() !== '' && (c.unitPriceFen === null || c.unitPriceFen < 0)) out.unitPrice = 'priceInvalid';
  if (c.discountBp === null) out.discount = 'discountInvalid';
  return out;
}
