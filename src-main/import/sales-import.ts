import { formatMoney, lineAmount, lineAmountAgrees, parseMoney, parseQuantityMilli, sumFen, unitPriceFromAmount } from '../../src-shared/money';
import { applyOrderDiscount, parseOrderDiscount, percentToBp, zheToBp, type OrderDiscount } from '../../src-shared/order-discount';
import { orderInput, productInput } from '../../src-shared/domain/sales';
import { KecardError } from '../../src-shared/errors';
import { cellText, cellWords, problemValue, toCalendarDate } from '../../src-shared/import/convert-cells';
import type { ImportReport, ImportSettings, MoneyTotals, RowProblem } from '../../src-shared/import/import-settings';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { OrderBulkWriter } from '../services/sales/order-bulk';
import { insertProduct } from '../services/sales/product-service';
import type { Cell } from './read-rows';
import { openSource } from './read-rows';
import { isTotalRow } from './total-rows';
import { columnsOf, customerFinder, type PartImportOptions } from './import-pass';
import { refuseInvalid } from './import-pass';

// Orders (one sheet row per order line, grouped by order number) and the product catalogue.
// Two passes, like receipts and records: check everything, then write in one transaction.
// (Customers and contacts take one pass on two threads: see run-import.ts.)

const num = (v: Cell): number | null => {
  if (typeof v === 'number') return v;
  const n = Number(cellText(v).replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
};

/** A line's 折扣: 9.5折 / 95% (paid) / 0.95 → basis points off (500). */
function discountBp(v: Cell): number | null {
  const s = cellText(v);
  if (!s) return 0;
  if (s.endsWith('折')) return zheToBp(s);
  if (s.endsWith('%')) return percentToBp(s);
  const n = num(v);
  if (n === null) return null;
  return n <= 1 ? Math.round((1 - n) * 10000) : null;
}

/** A quantity as people write it: 3, 2.5 (kept in thousandths). */
const quantityText = (milli: number): string => String(milli / 1000);

/** Words as written; empty cells left out, so the preview shows no empty column for them. */
const asWritten = (v: Cell): string | null => cellWords(v) || null;

interface PendingOrder {
  customerId: string;
  orderDate: string;
  discount: OrderDiscount | null;
  lines: { productName: string; quantityMilli: number; unitPriceFen: number; discountBp: number; amountFen?: number }[];
}

type LineMoney = { ok: true; unitPriceFen: number; amountFen: number | null } | { ok: false; field: 'unitPrice' | 'amount'; code: string };

/**
 * A line's price and amount from 单价 and/or 金额 (数量 and 折扣 already read): the one missing is
 * derived — 单价 = 金额 ÷ (数量 × (1 − 折扣)) to the fen — and a given 金额 is kept as the line's
 * amount, so the revenue is the file's to the fen. Both given must agree (within the price's rounding).
 */
function lineMoney(priceText: string, amountText: string, quantityMilli: number | null, discount: number | null): LineMoney {
  const price = priceText ? parseMoney(priceText) : null;
  const amount = amountText ? parseMoney(amountText) : null;
  if (priceText && (price === null || price < 0)) return { ok: false, field: 'unitPrice', code: 'invalid' };
  if (amountText && (amount === null || amount < 0)) return { ok: false, field: 'amount', code: 'invalid' };
  if (price === null && amount === null) return { ok: false, field: 'unitPrice', code: 'required' };
  // Quantity and discount problems are reported on their own columns.
  if (quantityMilli === null || quantityMilli <= 0 || discount === null || discount < 0 || discount > 10000)
    return { ok: true, unitPriceFen: price ?? 0, amountFen: amount };
  if (amount === null) return { ok: true, unitPriceFen: price as number, amountFen: null };
  if (price !== null) {
    return lineAmountAgrees(amount, quantityMilli, price, discount)
      ? { ok: true, unitPriceFen: price, amountFen: amount }
      : { ok: false, field: 'amount', code: 'amountMismatch' };
  }
  const derived = unitPriceFromAmount(amount, quantityMilli, discount);
  return derived === null ? { ok: false, field: 'amount', code: 'invalid' } : { ok: true, unitPriceFen: derived, amountFen: amount };
}

function moneyTotals(
  column: { field: 'amount' | 'unitPrice'; header: string; fileFen: bigint } | null,
  orders: Iterable<PendingOrder>,
): MoneyTotals | null {
  if (!column) return null;
  let linesFen = 0n;
  let ordersFen = 0n;
  for (const order of orders) {
    const subtotal = sumFen(order.lines.map((l) => l.amountFen ?? lineAmount(l.quantityMilli, l.unitPriceFen, l.discountBp)));
    linesFen += BigInt(subtotal);
    ordersFen += BigInt(applyOrderDiscount(subtotal, order.discount ?? { kind: 'amount', fen: 0 }).totalFen);
  }
  return { field: column.field, header: column.header, fileFen: Number(column.fileFen), linesFen: Number(linesFen), ordersFen: Number(ordersFen) };
}

export async function runSalesImport(
  ws: Workspace,
  ctx: CallContext,
  path: string,
  settings: ImportSettings,
  report: ImportReport,
  o: PartImportOptions,
): Promise<ImportReport> {
  const { get } = columnsOf(o.mapping);
  const customers = customerFinder(ws);
  const productCodes = new Set(
    (ws.db.prepare('SELECT code FROM products WHERE deleted = 0 AND code IS NOT NULL').pluck().all() as string[]).map((c) => c.toLowerCase()),
  );
  const orders = new Map<string, PendingOrder>();
  // The file's money column summed as it reads (金额 when mapped, else 单价), beside what is imported.
  const moneyColumn = Object.entries(o.mapping).find(([, f]) => f === 'amount') ?? Object.entries(o.mapping).find(([, f]) => f === 'unitPrice');
  const moneyField = moneyColumn
    ? { field: moneyColumn[1] as 'amount' | 'unitPrice', header: report.headers[Number(moneyColumn[0])] ?? '', fileFen: 0n }
    : null;
  const existingOrderNos = new Set(ws.db.prepare('SELECT order_no FROM orders WHERE deleted = 0').pluck().all() as string[]);
  const products: ReturnType<typeof productInput.parse>[] = [];

  // The listed problems are capped; whether the current row is bad is tracked on its own.
  let rowBad = false;
  const problem = (list: RowProblem[], row: number, field: string, code: string, value: Cell) => {
    rowBad = true;
    if (list.length < 2000) list.push({ row, field, code, value: problemValue(value) });
  };

  let rowNumber = 0;
  let read = 0;
  for await (const cells of openSource(path, settings.read).rows((b) => (read = b))) {
    rowNumber += 1;
    if (rowNumber <= o.headerRow || cells.every((c) => c === null || c === '')) continue;
    // Before the money sum: a 合计 row would double the file's total.
    if (isTotalRow(cells)) {
      report.skippedTotals.push(rowNumber);
      continue;
    }
    if (rowNumber % 500 === 0) {
      if (o.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
      o.onProgress?.(read, report.total, 'checking');
    }
    report.total += 1;
    rowBad = false;
    // The check step's "导入后的数据": what will be stored (days, quantities, money from the fen),
    // words as written, as the customer, contact and receipt previews show them.
    let preview: Record<string, unknown> | null = null;
    if (settings.target === 'products') {
      const price = parseMoney(cellText(get(cells, 'price')) || '0');
      const cost = cellText(get(cells, 'cost')) ? parseMoney(cellText(get(cells, 'cost'))) : null;
      const parsed = productInput.safeParse({
        code: cellText(get(cells, 'code')) || null,
        name: cellWords(get(cells, 'name')),
        category: cellWords(get(cells, 'category')) || null,
        unit: cellWords(get(cells, 'unit')) || null,
        priceFen: price ?? -1,
        costFen: cost,
        notes: cellWords(get(cells, 'notes')) || null,
      });
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          problem(report.problems, rowNumber, String(issue.path[0] ?? '_'), issue.message, get(cells, String(issue.path[0])));
      else {
        const d = parsed.data;
        preview = {
          code: d.code,
          name: d.name,
          category: d.category,
          unit: d.unit,
          price: formatMoney(d.priceFen, { symbol: true }),
          cost: d.costFen === null || d.costFen === undefined ? null : formatMoney(d.costFen, { symbol: true }),
          notes: d.notes,
        };
        if (d.code && productCodes.has(d.code.toLowerCase())) {
          if (report.duplicates.length < 2000)
            report.duplicates.push({ row: rowNumber, name: d.name, matchRow: null, matchId: null, matchName: d.code, key: `code:${d.code}` });
        } else {
          if (d.code) productCodes.add(d.code.toLowerCase());
          products.push(d);
        }
      }
    } else {
      const orderNo = cellText(get(cells, 'orderNo'));
      const date = toCalendarDate(get(cells, 'orderDate'));
      const name = cellText(get(cells, 'customer'));
      const customerId = customers.find(cellText(get(cells, 'customerCode')), name)?.id ?? null;
      const quantityCell = get(cells, 'quantity');
      const quantity = typeof quantityCell === 'number' ? parseQuantityMilli(quantityCell) : parseQuantityMilli(cellText(quantityCell));
      const discount = discountBp(get(cells, 'discount'));
      const money = lineMoney(cellText(get(cells, 'unitPrice')), cellText(get(cells, 'amount')), quantity, discount);
      if (moneyField) {
        const fileFen = parseMoney(cellText(get(cells, moneyField.field)));
        if (fileFen !== null) moneyField.fileFen += BigInt(fileFen);
      }
      // 整单优惠 repeats on each line of its order (or stands on one of them): "9折", "95%" or an amount.
      const orderDiscountText = cellText(get(cells, 'orderDiscount'));
      const orderDiscount = orderDiscountText ? parseOrderDiscount(orderDiscountText) : null;
      if (!orderNo) problem(report.problems, rowNumber, 'orderNo', 'required', null);
      if (!date.ok || !date.value) problem(report.problems, rowNumber, 'orderDate', 'date', get(cells, 'orderDate'));
      if (!customerId) problem(report.problems, rowNumber, 'customer', 'notFound', get(cells, name ? 'customer' : 'customerCode'));
      if (quantity === null || quantity <= 0) problem(report.problems, rowNumber, 'quantity', 'range', get(cells, 'quantity'));
      if (!money.ok) problem(report.problems, rowNumber, money.field, money.code, get(cells, money.field));
      if (discount === null || discount < 0 || discount > 10000) problem(report.problems, rowNumber, 'discount', 'invalid', get(cells, 'discount'));
      if (orderDiscountText && !orderDiscount) problem(report.problems, rowNumber, 'orderDiscount', 'invalid', get(cells, 'orderDiscount'));
      if (!rowBad && date.ok && quantity !== null && discount !== null && money.ok) {
        const lineFen = money.amountFen ?? lineAmount(quantity, money.unitPriceFen, discount);
        preview = {
          orderNo,
          orderDate: date.value,
          customer: asWritten(get(cells, 'customer')),
          customerCode: cellText(get(cells, 'customerCode')) || null,
          productName: cellWords(get(cells, 'productName')) || cellText(get(cells, 'productCode')) || '—',
          productCode: cellText(get(cells, 'productCode')) || null,
          quantity: quantityText(quantity),
          unitPrice: formatMoney(money.unitPriceFen, { symbol: true }),
          discount: discount ? `${(10000 - discount) / 1000}折` : null,
          amount: formatMoney(lineFen, { symbol: true }),
          orderDiscount: asWritten(get(cells, 'orderDiscount')),
        };
      }
      if (orderNo && existingOrderNos.has(orderNo)) {
        if (report.duplicates.length < 2000)
          report.duplicates.push({ row: rowNumber, name: orderNo, matchRow: null, matchId: null, matchName: orderNo, key: `order:${orderNo}` });
      } else if (!rowBad && customerId && date.ok && date.value && money.ok) {
        const order = orders.get(orderNo) ?? { customerId, orderDate: date.value, discount: null, lines: [] };
        if (order.customerId !== customerId) problem(report.problems, rowNumber, 'customer', 'orderCustomerMismatch', get(cells, 'customer'));
        else if (orderDiscount && order.discount && JSON.stringify(orderDiscount) !== JSON.stringify(order.discount)) {
          problem(report.problems, rowNumber, 'orderDiscount', 'orderDiscountMismatch', get(cells, 'orderDiscount'));
        } else {
          order.discount = orderDiscount ?? order.discount;
          order.lines.push({
            productName: cellWords(get(cells, 'productName')) || cellText(get(cells, 'productCode')) || '—',
            quantityMilli: quantity as number,
            unitPriceFen: money.unitPriceFen,
            discountBp: discount as number,
            ...(money.amountFen === null ? {} : { amountFen: money.amountFen }),
          });
          orders.set(orderNo, order);
        }
      }
    }
    if (rowBad) report.invalid += 1;
    else report.valid += 1;
    if (report.preview.length < 20 && !rowBad && preview) report.preview.push({ row: rowNumber, ...preview });
  }
  if (settings.target === 'orders') report.money = moneyTotals(moneyField, orders.values());
  if (o.dryRun) return report;
  refuseInvalid(settings, report);
  await o.beforeWrite?.();
  const written = { inserted: 0, updated: 0, skipped: report.invalid + report.duplicates.length };
  await runWriteAsync(
    ws,
    ctx,
    async (tx) => {
      await Promise.resolve();
      let n = 0;
      if (settings.target === 'products') {
        for (const p of products) {
          insertProduct(tx, p);
          written.inserted += 1;
        }
        return;
      }
      const writer = new OrderBulkWriter(tx);
      for (const [orderNo, order] of orders) {
        if (++n % 500 === 0 && o.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
        const discount = order.discount?.kind === 'rate' ? { discountBp: order.discount.bp } : { discountFen: order.discount?.fen ?? 0 };
        writer.insert(orderInput.parse({ customerId: order.customerId, orderNo, orderDate: order.orderDate, ...discount, lines: order.lines }));
        written.inserted += 1;
      }
    },
    { source: `import:${o.fileName}` },
  );
  report.written = written;
  return report;
}
