import { parseMoney } from '../../src-shared/money';
import { parseOrderDiscount, percentToBp, zheToBp, type OrderDiscount } from '../../src-shared/order-discount';
import { orderInput, productInput } from '../../src-shared/domain/sales';
import { KecardError } from '../../src-shared/errors';
import { cellText, toCalendarDate } from '../../src-shared/import/convert-cells';
import type { ImportReport, ImportSettings, RowProblem } from '../../src-shared/import/import-settings';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { OrderBulkWriter } from '../services/sales/order-bulk';
import { insertProduct } from '../services/sales/product-service';
import type { Cell } from './read-rows';
import { openSource } from './read-rows';
import { columnsOf, customerFinder, type PartImportOptions } from './import-pass';

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

export async function runSalesImport(
  ws: Workspace,
  ctx: CallContext,
  path: string,
  settings: ImportSettings,
  report: ImportReport,
  o: PartImportOptions,
): Promise<ImportReport> {
  const { get } = columnsOf(o.mapping);
  const mappedFields = [...new Set(Object.values(o.mapping).filter((f): f is string => f !== null))];
  const customers = customerFinder(ws);
  const productCodes = new Set((ws.db.prepare('SELECT code FROM products WHERE deleted = 0 AND code IS NOT NULL').pluck().all() as string[]).map((c) => c.toLowerCase()));
  const orders = new Map<
    string,
    { customerId: string; orderDate: string; discount: OrderDiscount | null; lines: { productName: string; quantityMilli: number; unitPriceFen: number; discountBp: number }[] }
  >();
  const existingOrderNos = new Set(ws.db.prepare('SELECT order_no FROM orders WHERE deleted = 0').pluck().all() as string[]);
  const products: ReturnType<typeof productInput.parse>[] = [];

  // The listed problems are capped; whether the current row is bad is tracked on its own.
  let rowBad = false;
  const problem = (list: RowProblem[], row: number, field: string, code: string, value: Cell) => {
    rowBad = true;
    if (list.length < 2000) list.push({ row, field, code, value: cellText(value) });
  };

  let rowNumber = 0;
  let read = 0;
  for await (const cells of openSource(path, settings.read).rows((b) => (read = b))) {
    rowNumber += 1;
    if (rowNumber <= o.headerRow || cells.every((c) => c === null || c === '')) continue;
    if (rowNumber % 500 === 0) {
      if (o.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
      o.onProgress?.(read, report.total, 'checking');
    }
    report.total += 1;
    rowBad = false;
    if (settings.target === 'products') {
      const price = parseMoney(cellText(get(cells, 'price')) || '0');
      const cost = cellText(get(cells, 'cost')) ? parseMoney(cellText(get(cells, 'cost'))) : null;
      const parsed = productInput.safeParse({
        code: cellText(get(cells, 'code')) || null,
        name: cellText(get(cells, 'name')),
        category: cellText(get(cells, 'category')) || null,
        unit: cellText(get(cells, 'unit')) || null,
        priceFen: price ?? -1,
        costFen: cost,
        notes: cellText(get(cells, 'notes')) || null,
      });
      if (!parsed.success) for (const issue of parsed.error.issues) problem(report.problems, rowNumber, String(issue.path[0] ?? '_'), issue.message, get(cells, String(issue.path[0])));
      else if (parsed.data.code && productCodes.has(parsed.data.code.toLowerCase())) {
        if (report.duplicates.length < 2000) report.duplicates.push({ row: rowNumber, name: parsed.data.name, matchRow: null, matchId: null, matchName: parsed.data.code, key: `code:${parsed.data.code}` });
      } else {
        if (parsed.data.code) productCodes.add(parsed.data.code.toLowerCase());
        products.push(parsed.data);
      }
    } else {
      const orderNo = cellText(get(cells, 'orderNo'));
      const date = toCalendarDate(get(cells, 'orderDate'));
      const name = cellText(get(cells, 'customer'));
      const customerId = customers.find(cellText(get(cells, 'customerCode')), name)?.id ?? null;
      const quantity = num(get(cells, 'quantity'));
      const price = parseMoney(cellText(get(cells, 'unitPrice')));
      const discount = discountBp(get(cells, 'discount'));
      // 整单优惠 repeats on each line of its order (or stands on one of them): "9折", "95%" or an amount.
      const orderDiscountText = cellText(get(cells, 'orderDiscount'));
      const orderDiscount = orderDiscountText ? parseOrderDiscount(orderDiscountText) : null;
      if (!orderNo) problem(report.problems, rowNumber, 'orderNo', 'required', null);
      if (!date.ok || !date.value) problem(report.problems, rowNumber, 'orderDate', 'date', get(cells, 'orderDate'));
      if (!customerId) problem(report.problems, rowNumber, 'customer', 'notFound', get(cells, name ? 'customer' : 'customerCode'));
      if (quantity === null || quantity <= 0) problem(report.problems, rowNumber, 'quantity', 'range', get(cells, 'quantity'));
      if (price === null || price < 0) problem(report.problems, rowNumber, 'unitPrice', 'invalid', get(cells, 'unitPrice'));
      if (discount === null || discount < 0 || discount > 10000) problem(report.problems, rowNumber, 'discount', 'invalid', get(cells, 'discount'));
      if (orderDiscountText && !orderDiscount) problem(report.problems, rowNumber, 'orderDiscount', 'invalid', get(cells, 'orderDiscount'));
      if (orderNo && existingOrderNos.has(orderNo)) {
        if (report.duplicates.length < 2000) report.duplicates.push({ row: rowNumber, name: orderNo, matchRow: null, matchId: null, matchName: orderNo, key: `order:${orderNo}` });
      } else if (!rowBad && customerId && date.ok && date.value) {
        const order = orders.get(orderNo) ?? { customerId, orderDate: date.value, discount: null, lines: [] };
        if (order.customerId !== customerId) problem(report.problems, rowNumber, 'customer', 'orderCustomerMismatch', get(cells, 'customer'));
        else if (orderDiscount && order.discount && JSON.stringify(orderDiscount) !== JSON.stringify(order.discount)) {
          problem(report.problems, rowNumber, 'orderDiscount', 'orderDiscountMismatch', get(cells, 'orderDiscount'));
        } else {
          order.discount = orderDiscount ?? order.discount;
          order.lines.push({
            productName: cellText(get(cells, 'productName')) || cellText(get(cells, 'productCode')) || '—',
            quantityMilli: Math.round((quantity as number) * 1000),
            unitPriceFen: price as number,
            discountBp: discount as number,
          });
          orders.set(orderNo, order);
        }
      }
    }
    if (rowBad) report.invalid += 1;
    else report.valid += 1;
    if (report.preview.length < 20 && !rowBad) report.preview.push({ row: rowNumber, ...Object.fromEntries(mappedFields.map((f) => [f, cellText(get(cells, f))])) });
  }
  if (o.dryRun) return report;
  if (settings.mode === 'allOrNothing' && report.invalid > 0) {
    throw new KecardError('VALIDATION', 'Some rows are not valid; nothing was imported.', { fields: { rows: 'invalidRows' }, invalid: report.invalid });
  }
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
