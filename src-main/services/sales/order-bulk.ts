import { v7 as uuidv7 } from 'uuid';
import type { orderInput } from '../../../src-shared/domain/sales';
import { lineAmount, sumFen } from '../../../src-shared/money';
import { KecardError } from '../../../src-shared/errors';
import type { WriteTx } from '../../changelog/write-tx';
import { BulkRowWriter } from '../shared/bulk-rows';

type OrderValues = ReturnType<typeof orderInput.parse>;

/**
 * insertOrder for many orders (import, demo data): the same rows, totals and change-log entries,
 * through prepared statements, with customers checked once each instead of once per order.
 */
export class OrderBulkWriter {
  private readonly rows: BulkRowWriter;
  private readonly liveCustomers = new Set<string>();
  private readonly customerExists;

  constructor(private readonly tx: WriteTx) {
    this.rows = new BulkRowWriter(tx);
    this.customerExists = tx.ws.db.prepare('SELECT 1 FROM customers WHERE id = ? AND deleted = 0');
  }

  insert(values: OrderValues, id: string = uuidv7()): string {
    if (!this.liveCustomers.has(values.customerId)) {
      if (!this.customerExists.get(values.customerId)) throw new KecardError('NOT_FOUND', 'Customer not found.', { id: values.customerId });
      this.liveCustomers.add(values.customerId);
    }
    const { lines, custom: _custom, ...header } = values;
    const amounts = lines.map((l) => lineAmount(l.quantityMilli, l.unitPriceFen, l.discountBp));
    const totalFen = Math.max(0, sumFen(amounts) - header.discountFen);
    const orderNo = header.orderNo ?? `SO${header.orderDate.replace(/-/g, '')}-${id.slice(-6)}`;
    this.rows.insert('order', values.customerId, id, { ...header, orderNo, totalFen });
    lines.forEach((line, i) => {
      const { id: _ignored, ...rest } = line;
      this.rows.insert('orderLine', values.customerId, uuidv7(), { ...rest, orderId: id, amountFen: amounts[i], sortOrder: i });
    });
    return id;
  }
}
