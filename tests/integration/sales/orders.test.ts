import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createOrder, getOrder, updateOrder } from '../../../src-main/services/sales/order-service';
import { createProduct } from '../../../src-main/services/sales/product-service';
import { createReceipt } from '../../../src-main/services/sales/receipt-service';
import { purchasedProducts, salesSummary } from '../../../src-main/services/sales/sales-summary';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

describe('orders, receipts and the card totals', () => {
  it('totals lines exactly, tracks receipts and the outstanding balance', () => {
    const c = createCustomer(ws, testUser, { name: '苏州工业园区精密机械有限公司' });
    const bolt = createProduct(ws, testUser, { name: '不锈钢螺栓 M8', code: 'LS-M8', unit: '盒', priceFen: 1999 });
    const order = createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: '2026-11-01',
      discountFen: 49,
      lines: [
        { productId: bolt.id, productName: bolt.name, quantityMilli: 1500, unitPriceFen: 1999, discountBp: 500 },
        { productName: '安装服务', quantityMilli: 3000, unitPriceFen: 10 },
      ],
    });
    expect(order.orderNo).toBe('SO20261101-0001');
    expect(order.lines.map((l) => l.amountFen)).toEqual([2849, 30]);
    expect(order.totalFen).toBe(2849 + 30 - 49);
    createReceipt(ws, testUser, { customerId: c.id, orderId: order.id, receiptDate: '2026-11-05', amountFen: 1000, method: '转账' });
    expect(salesSummary(ws, c.id)).toEqual({
      orderCount: 1,
      ordersTotalFen: 2830,
      receivedFen: 1000,
      outstandingFen: 1830,
      lastOrderDate: '2026-11-01',
      expenseTotalFen: 0,
    });
    expect(getOrder(ws, order.id).receivedFen).toBe(1000);
    expect(purchasedProducts(ws, c.id).map((p) => [p.productName, p.quantityMilli, p.amountFen])).toEqual([
      ['不锈钢螺栓 M8', 1500, 2849],
      ['安装服务', 3000, 30],
    ]);
  });

  it('keeps line ids across edits so history shows field changes, and undo restores the total', () => {
    const c = createCustomer(ws, testUser, { name: '宁波港务贸易有限公司' });
    const order = createOrder(ws, testUser, {
      customerId: c.id,
      orderDate: '2026-10-10',
      lines: [{ productName: '集装箱租赁', quantityMilli: 2000, unitPriceFen: 50000 }],
    });
    const line = order.lines[0];
    const edited = updateOrder(ws, testUser, order.id, {
      lines: [{ id: line?.id, productName: '集装箱租赁', quantityMilli: 3000, unitPriceFen: 50000 }],
    });
    expect(edited.lines[0]?.id).toBe(line?.id);
    expect(edited.totalFen).toBe(150000);
    const updates = customerHistory(ws, c.id).filter((h) => h.op === 'update');
    expect(updates.map((u) => [u.entity, u.field, u.oldValue, u.newValue])).toEqual(
      expect.arrayContaining([
        ['orderLine', 'quantityMilli', 2000, 3000],
        ['orderLine', 'amountFen', 100000, 150000],
      ]),
    );
    // The order's total is derived from its lines: recomputed, not logged.
    expect(updates.some((u) => u.field === 'totalFen')).toBe(false);
    undoLastChange(ws, testUser, c.id);
    expect(getOrder(ws, order.id).totalFen).toBe(100000);
    expect(getOrder(ws, order.id).lines[0]?.quantityMilli).toBe(2000);
  });

  it('refuses an order without lines, a negative price, and a receipt for another customer’s order', () => {
    const a = createCustomer(ws, testUser, { name: '甲' });
    const b = createCustomer(ws, testUser, { name: '乙' });
    expect(() => createOrder(ws, testUser, { customerId: a.id, orderDate: '2026-01-01', lines: [] })).toThrow(
      expect.objectContaining({ details: { fields: { lines: 'required' } } }),
    );
    expect(() =>
      createOrder(ws, testUser, { customerId: a.id, orderDate: '2026-02-30', lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: -1 }] }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const order = createOrder(ws, testUser, {
      customerId: a.id,
      orderDate: '2026-01-01',
      lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: 100 }],
    });
    expect(() => createReceipt(ws, testUser, { customerId: b.id, orderId: order.id, receiptDate: '2026-01-02', amountFen: 100 })).toThrow(
      expect.objectContaining({ details: { fields: { orderId: 'invalid' } } }),
    );
    expect(salesSummary(ws, b.id).receivedFen).toBe(0);
  });
});
