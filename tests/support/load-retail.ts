import { runWrite } from '../../src-main/changelog/write-tx';
import type { Workspace } from '../../src-main/db/workspace';
import { CustomerTreeWriter, prepareCustomerTree } from '../../src-main/services/customers/customer-bulk';
import { OrderBulkWriter } from '../../src-main/services/sales/order-bulk';
import { customerCreateInput } from '../../src-shared/domain/customer';
import { orderInput } from '../../src-shared/domain/sales';
import { v7 as uuidv7 } from 'uuid';
import { retailOrders, type RetailLine } from './online-retail';
import { testUser } from './temp-workspace';

/** Loads the retail set through the service layer's bulk writers: customers coded by their id, one order per invoice. */
export function loadRetail(ws: Workspace, lines: readonly RetailLine[]): Map<string, string> {
  const idsByCode = new Map<string, string>();
  runWrite(
    ws,
    testUser,
    (tx) => {
      const customers = new CustomerTreeWriter(tx);
      for (const code of new Set(lines.map((l) => l.customer))) {
        const id = uuidv7();
        customers.insert(prepareCustomerTree({ id, customer: customerCreateInput.parse({ name: `Customer ${code}`, code }), departments: [], contacts: [] }));
        idsByCode.set(code, id);
      }
      const orders = new OrderBulkWriter(tx);
      for (const o of retailOrders(lines)) {
        orders.insert(
          orderInput.parse({
            customerId: idsByCode.get(o.customer),
            orderNo: o.invoice,
            orderDate: o.date,
            lines: o.lines.map((l) => ({ productName: l.description || l.stockCode, quantityMilli: l.quantity * 1000, unitPriceFen: l.pricePence })),
          }),
        );
      }
    },
    { source: 'import:online-retail.csv.gz' },
  );
  return idsByCode;
}
