import { lineAmount, parseMoney, sumFen } from '../../src-shared/money';
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
  const amountFen =
    quantityMilli !== null && unitPriceFen !== null && unitPriceFen >= 0 && discountBp !== null ? lineAmount(quantityMilli, unitPriceFen, discountBp) : null;
  return { quantityMilli, unitPriceFen, discountBp, amountFen };
}

/** Sum of the valid lines minus the order discount, never below zero (as main computes it). */
export function orderTotal(lines: readonly LineDraft[], discountFen: number): { subtotal: number; total: number } {
  const subtotal = sumFen(lines.map((l) => calcLine(l).amountFen ?? 0));
  return { subtotal, total: Math.max(0, subtotal - discountFen) };
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
