import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createOrder, getOrder, updateOrder } from '../../../src-main/services/sales/order-service';
import { salesSummary } from '../../../src-main/services/sales/sales-summary';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const line = (unitPriceFen: number, quantityMilli = 1000) => ({ productName: '液压阀组', quantityMilli, unitPriceFen });

describe('order discount as an amount or as 折', () => {
  it('a 9折 order pays 90% of the subtotal, rounded to the fen, and stores the rate with its amount', () => {
    const c = createCustomer(ws, testUser, { name: '常州恒力液压有限公司' });
    // Subtotal ¥299.95; 90% is 269.955 → ¥269.96 to pay, ¥29.99 off.
    const order = createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-03-01', discountBp: 1000, lines: [line(29995)] });
    expect(order).toMatchObject({ discountBp: 1000, discountFen: 2999, totalFen: 26996 });
    expect(salesSummary(ws, c.id).ordersTotalFen).toBe(26996);
    const created = customerHistory(ws, c.id).find((h) => h.entity === 'order' && h.op === 'create');
    // The rate is data; the amount it comes to and the total are derived (entity-registry.ts), recomputed, not logged.
    expect(created?.newValue).toMatchObject({ discountBp: 1000 });
    expect(created?.newValue).not.toHaveProperty('discountFen');
    expect(created?.newValue).not.toHaveProperty('totalFen');
  });

  it('a rate follows the lines; switching to an amount and back is logged field by field', () => {
    const c = createCustomer(ws, testUser, { name: '无锡新锐数控设备厂' });
    const order = createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-03-02', discountBp: 500, lines: [line(100_000)] });
    expect(order).toMatchObject({ discountFen: 5000, totalFen: 95000 });

    // New lines: the same 9.5折 now comes to a different amount.
    const lineId = order.lines[0]?.id;
    const more = updateOrder(ws, testUser, order.id, { lines: [{ id: lineId, ...line(100_000, 3000) }] });
    expect(more).toMatchObject({ discountBp: 500, discountFen: 15000, totalFen: 285000 });

    // An amount replaces the rate.
    const amount = updateOrder(ws, testUser, order.id, { discountFen: 20000 });
    expect(amount).toMatchObject({ discountBp: null, discountFen: 20000, totalFen: 280000 });
    // Clearing a rate without an amount keeps the amount it came to.
    updateOrder(ws, testUser, order.id, { discountBp: 1000 });
    expect(getOrder(ws, order.id)).toMatchObject({ discountBp: 1000, discountFen: 30000, totalFen: 270000 });
    expect(updateOrder(ws, testUser, order.id, { discountBp: null })).toMatchObject({ discountBp: null, discountFen: 30000, totalFen: 270000 });

    const changes = customerHistory(ws, c.id)
      .filter((h) => h.entity === 'order' && h.op === 'update')
      .map((h) => [h.field, h.oldValue, h.newValue]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['discountBp', 500, null],
        ['discountFen', 15000, 20000],
        ['discountBp', null, 1000],
        ['discountBp', 1000, null],
      ]),
    );

    // Amounts a rate came to are derived: never logged.
    expect(changes).not.toContainEqual(['discountFen', 5000, 15000]);
    expect(changes.some(([field]) => field === 'totalFen')).toBe(false);

    // Undo restores the rate.
    undoLastChange(ws, testUser, c.id);
    expect(getOrder(ws, order.id)).toMatchObject({ discountBp: 1000, discountFen: 30000, totalFen: 270000 });
  });

  it('refuses a rate and an amount together, and a rate out of range', () => {
    const c = createCustomer(ws, testUser, { name: '合肥华光照明' });
    expect(() =>
      createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-03-03', discountBp: 1000, discountFen: 100, lines: [line(1000)] }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { fields: { discountBp: 'invalid' } } }));
    expect(() => createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-03-03', discountBp: 10001, lines: [line(1000)] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    const order = createOrder(ws, testUser, { customerId: c.id, orderDate: '2026-03-03', discountFen: 100, lines: [line(1000)] });
    expect(order).toMatchObject({ discountBp: null, discountFen: 100, totalFen: 900 });
  });
});
