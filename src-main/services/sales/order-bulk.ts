import { generatedNumberPrefix } from '../../changelog/site-code';
import { pooledUuidV7 } from '../../changelog/pooled-uuid';
import type { orderInput, receiptInput } from '../../../src-shared/domain/sales';
import { sumFen } from '../../../src-shared/money';
import { applyOrderDiscount } from '../../../src-shared/order-discount';
import { KecardError } from '../../../src-shared/errors';
import type { WriteTx } from '../../changelog/write-tx';
import { BulkRowWriter } from '../shared/bulk-rows';
import { discountColumns, discountOf, lineAmountOf } from './order-service';

type OrderValues = ReturnType<typeof orderInput.parse>;
type ReceiptValues = ReturnType<typeof receiptInput.parse>;

/** What an order comes to after its discount, as insert stores it (demo receipts are paid against it). */
export function orderTotalOf(values: OrderValues): number {
  const { lines, custom: _custom, ...header } = values;
  return applyOrderDiscount(sumFen(lines.map((l) => lineAmountOf(l))), discountOf(header, null)).totalFen;
}

/**
 * insertOrder for many orders (import, demo data): the same rows, totals and change-log entries,
 * through prepared statements, with customers checked once each instead of once per order.
 */
export class OrderBulkWriter {
  private readonly rows: BulkRowWriter;
  private readonly liveCustomers = new Set<string>();
  private readonly customerExists;

  private prefix: string | null = null;

  constructor(private readonly tx: WriteTx) {
    this.rows = new BulkRowWriter(tx);
    this.customerExists = tx.ws.db.prepare('SELECT 1 FROM customers WHERE id = ? AND deleted = 0');
  }

  insert(values: OrderValues, id: string = pooledUuidV7()): string {
    if (!this.liveCustomers.has(values.customerId)) {
      if (!this.customerExists.get(values.customerId)) throw new KecardError('NOT_FOUND', 'Customer not found.', { id: values.customerId });
      this.liveCustomers.add(values.customerId);
    }
    const { lines, custom: _custom, ...header } = values;
    const amounts = lines.map((l) => lineAmountOf(l));
    const discount = discountOf(header, null);
    this.prefix ??= generatedNumberPrefix(this.tx.ws.db);
    const orderNo = header.orderNo ?? `${this.prefix}SO${header.orderDate.replace(/-/g, '')}-${id.slice(-6)}`;
    this.rows.insert('order', values.customerId, id, {
      ...header,
      orderNo,
      ...discountColumns(discount, applyOrderDiscount(sumFen(amounts), discount)),
    });
    lines.forEach((line, i) => {
      const { id: _ignored, ...rest } = line;
      this.rows.insert('orderLine', values.customerId, pooledUuidV7(), { ...rest, orderId: id, amountFen: amounts[i], sortOrder: i });
    });
    return id;
  }

  /**
   * insertReceipt for demo data: the same row and log entry. The builder pays only orders of the
   * same customer, which this writer has just checked.
   */
  insertReceipt(values: ReceiptValues, id: string = pooledUuidV7()): string {
    if (!this.liveCustomers.has(values.customerId)) throw new KecardError('NOT_FOUND', 'Customer not found.', { id: values.customerId });
    this.rows.insert('receipt', values.customerId, id, values);
    return id;
  }
}
