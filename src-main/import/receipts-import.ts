import { KecardError } from '../../src-shared/errors';
import { missingFields } from '../../src-shared/import/mapping-checks';
import { receiptInput } from '../../src-shared/domain/sales';
import { cellText, cellWords, problemValue, toCalendarDate } from '../../src-shared/import/convert-cells';
import type { ImportReport, ImportSettings, RowProblem } from '../../src-shared/import/import-settings';
import { formatMoney, parseMoney } from '../../src-shared/money';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { insertReceipt } from '../services/sales/receipt-service';
import { columnsOf, customerFinder, eachDataRow, pushListed, refuseInvalid, PREVIEW_ROWS, type PartImportOptions } from './import-pass';
import type { Cell } from './read-rows';

// Receipts (收款): one sheet row per receipt, linked to a customer by code or name and optionally
// to an order by its number (which also names the customer when the sheet has no customer column).
// A check pass, then one transaction through the receipt service; the file is streamed twice.

type ReceiptValues = ReturnType<typeof receiptInput.parse>;

interface ConvertedReceipt {
  values: ReceiptValues | null;
  problems: RowProblem[];
  customerName: string;
  orderNo: string;
}

/** Money exactly as written: a number cell goes through its decimal text, never through a float product. */
export function moneyFen(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? parseMoney(String(v)) : null;
  return parseMoney(cellText(v));
}

export async function runReceiptsImport(
  ws: Workspace,
  ctx: CallContext,
  path: string,
  settings: ImportSettings,
  report: ImportReport,
  o: PartImportOptions,
): Promise<ImportReport> {
  const columns = columnsOf(o.mapping);
  if (!columns.has('receiptDate') || !columns.has('amount') || !(columns.has('customer') || columns.has('customerCode') || columns.has('orderNo'))) {
    throw new KecardError('VALIDATION', 'Map the receipt date, the amount and the customer or order.', {
      fields: { mapping: 'receiptRequired' },
      target: 'receipts',
      missing: missingFields('receipts', o.mapping),
      headers: report.headers,
    });
  }
  const customers = customerFinder(ws);
  const orders = new Map<string, { id: string; customerId: string; customerName: string }>();
  const orderRows = ws.db
    .prepare(
      'SELECT o.id, o.order_no AS orderNo, o.customer_id AS customerId, c.name AS customerName FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.deleted = 0 AND c.deleted = 0',
    )
    .iterate() as IterableIterator<{ id: string; orderNo: string; customerId: string; customerName: string }>;
  for (const r of orderRows) if (!orders.has(r.orderNo)) orders.set(r.orderNo, { id: r.id, customerId: r.customerId, customerName: r.customerName });

  const convert = (cells: Cell[], row: number): ConvertedReceipt => {
    const problems: RowProblem[] = [];
    const problem = (field: string, code: string, value: Cell) => problems.push({ row, field, code, value: problemValue(value) });
    const code = cellText(columns.get(cells, 'customerCode'));
    const name = cellText(columns.get(cells, 'customer'));
    const orderNo = cellText(columns.get(cells, 'orderNo')).replace(/^(\d+)\.0+$/, '$1');
    const named = code || name ? customers.find(code, name) : null;
    if ((code || name) && !named) problem('customer', 'notFound', code && !name ? code : name);
    const order = orderNo ? orders.get(orderNo) : undefined;
    if (orderNo && !order) problem('orderNo', 'orderNotFound', orderNo);
    if (named && order && order.customerId !== named.id) problem('orderNo', 'orderOtherCustomer', orderNo);
    if (!code && !name && !orderNo) problem('customer', 'required', null);
    const date = toCalendarDate(columns.get(cells, 'receiptDate'));
    if (!date.ok) problem('receiptDate', 'date', columns.get(cells, 'receiptDate'));
    else if (!date.value) problem('receiptDate', 'required', null);
    const amountCell = columns.get(cells, 'amount');
    const amount = cellText(amountCell) === '' ? null : moneyFen(amountCell);
    if (cellText(amountCell) === '') problem('amount', 'required', null);
    else if (amount === null) problem('amount', 'invalid', amountCell);
    const customer = named ?? (order ? { id: order.customerId, name: order.customerName } : null);
    if (problems.length > 0 || !customer) return { values: null, problems, customerName: customer?.name ?? name, orderNo };
    const parsed = receiptInput.safeParse({
      customerId: customer.id,
      orderId: order?.id ?? null,
      receiptDate: date.ok ? date.value : null,
      amountFen: amount,
      method: cellText(columns.get(cells, 'method')) || null,
      notes: cellWords(columns.get(cells, 'notes')) || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '_');
        const shown = field === 'amountFen' ? 'amount' : field;
        problem(shown, issue.message, columns.get(cells, shown));
      }
      return { values: null, problems, customerName: customer.name, orderNo };
    }
    return { values: parsed.data, problems, customerName: customer.name, orderNo };
  };

  // Duplicates: the same customer, date, amount and order, in the file or already in the workspace.
  const keyOf = (v: ReceiptValues) => `${v.customerId}\u0000${v.receiptDate}\u0000${v.amountFen}\u0000${v.orderId ?? ''}`;
  const existing = new Map<string, string>();
  for (const r of ws.db
    .prepare('SELECT id, customer_id AS c, receipt_date AS d, amount_fen AS a, order_id AS o FROM receipts WHERE deleted = 0')
    .iterate() as IterableIterator<{
    id: string;
    c: string;
    d: string;
    a: number;
    o: string | null;
  }>) {
    existing.set(`${r.c}\u0000${r.d}\u0000${r.a}\u0000${r.o ?? ''}`, r.id);
  }
  const seenInFile = new Map<string, number>();
  /** Rows the write pass leaves out: invalid ones and duplicates the user did not want created. */
  const leaveOut = new Set<number>();

  await eachDataRow(path, settings, o, 'checking', (cells, row) => {
    report.total += 1;
    const r = convert(cells, row);
    if (!r.values) {
      report.invalid += 1;
      leaveOut.add(row);
      for (const p of r.problems) pushListed(report.problems, p);
      return;
    }
    report.valid += 1;
    const key = keyOf(r.values);
    const inWorkspace = existing.get(key);
    const inFile = seenInFile.get(key);
    const label = `${r.customerName} ${r.values.receiptDate} ${formatMoney(r.values.amountFen)}`;
    if (inWorkspace !== undefined || inFile !== undefined) {
      if (report.duplicates.length < 2000) {
        report.duplicates.push({
          row,
          name: label,
          matchRow: inWorkspace ? null : (inFile ?? null),
          matchId: inWorkspace ?? null,
          matchName: label,
          key: 'receipt',
        });
      }
      // A receipt has nothing to merge: the choice is to leave the row out or to add it anyway.
      if ((settings.rowActions[String(row)] ?? settings.duplicateAction) !== 'create') leaveOut.add(row);
    }
    if (inFile === undefined) seenInFile.set(key, row);
    if (report.preview.length < PREVIEW_ROWS) {
      report.preview.push({
        row,
        customer: r.customerName,
        orderNo: r.orderNo || null,
        receiptDate: r.values.receiptDate,
        amount: formatMoney(r.values.amountFen, { symbol: true }),
        method: r.values.method,
        notes: r.values.notes,
      });
    }
  });

  if (o.dryRun) return report;
  refuseInvalid(settings, report);
  await o.beforeWrite?.();
  const written = { inserted: 0, updated: 0, skipped: 0 };
  await runWriteAsync(
    ws,
    ctx,
    async (tx) => {
      await eachDataRow(path, settings, o, 'writing', (cells, row) => {
        if (leaveOut.has(row)) {
          written.skipped += 1;
          return;
        }
        const r = convert(cells, row);
        // The lookups were read before the check, so a row converts the same in both passes;
        // a row that no longer converts means the file changed in between.
        if (!r.values) throw new KecardError('CONFLICT', 'The file changed during the import; nothing was changed.', { row });
        insertReceipt(tx, r.values);
        written.inserted += 1;
      });
    },
    { source: `import:${o.fileName}` },
  );
  report.written = written;
  return report;
}
