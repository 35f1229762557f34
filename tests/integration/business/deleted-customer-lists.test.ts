import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createBusinessRecord, deleteBusinessRecord, listBusinessRecords } from '../../../src-main/services/business/business-record-service';
import { salesSummary } from '../../../src-main/services/sales/sales-summary';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createExpenseCategory, listExpenses } from '../../../src-main/services/business/expense-service';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { restoreCustomer } from '../../../src-main/services/customers/deleted-customers';
import { groupedTotals } from '../../../src-main/services/lists/grouped-totals';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

// A deleted customer is gone from the customer list; its records and expenses go with it from
// every list and total, and come back when it is restored.
describe('records and expenses of a deleted customer', () => {
  it('are hidden from the record and expense lists and their grouped totals until the customer is restored', () => {
    const type = createFromTemplate(ws, testUser, 'visit');
    const travel = createExpenseCategory(ws, testUser, { name: '差旅费' });
    const kept = createCustomer(ws, testUser, { name: '留下的客户' });
    const gone = createCustomer(ws, testUser, { name: '删除的客户' });
    for (const [c, fen] of [
      [kept, 10000],
      [gone, 25000],
    ] as const) {
      createBusinessRecord(ws, testUser, {
        typeId: type.id,
        customerId: c.id,
        title: `${c.name}回访`,
        expenses: [{ categoryId: travel.id, amountFen: fen, expenseDate: '2026-11-01' }],
      });
    }
    deleteCustomer(ws, testUser, gone.id);

    const records = listBusinessRecords(ws, { typeId: type.id });
    expect(records.rows.map((r) => r.customerName)).toEqual(['留下的客户']);
    expect(records.total).toBe(1);
    expect(listBusinessRecords(ws, { customerId: gone.id }).total).toBe(0);
    expect(listExpenses(ws).map((x) => x.customerName)).toEqual(['留下的客户']);
    const recordTotal = groupedTotals(ws, { entity: 'record', typeId: type.id }, [], [{ field: 'expenseTotalFen', fn: 'sum' }]);
    expect(recordTotal.map((g) => [g.count, g.values['sum:expenseTotalFen']])).toEqual([[1, 10000]]);
    const expenseTotal = groupedTotals(ws, { entity: 'expense' }, ['customerName'], [{ field: 'amountFen', fn: 'sum' }]);
    expect(expenseTotal.map((g) => [g.key, g.values['sum:amountFen']])).toEqual([
      [['留下的客户'], 10000],
      [[], 10000],
    ]);

    restoreCustomer(ws, testUser, gone.id);
    expect(listBusinessRecords(ws, { typeId: type.id }).total).toBe(2);
    expect(listExpenses(ws)).toHaveLength(2);
    expect(groupedTotals(ws, { entity: 'expense' }, [], [{ field: 'amountFen', fn: 'sum' }]).map((g) => g.values['sum:amountFen'])).toEqual([35000]);
  });

  it("a deleted record's expenses leave the expense list, the totals and the card's summary, and come back with undo", () => {
    const type = createFromTemplate(ws, testUser, 'visit');
    const travel = createExpenseCategory(ws, testUser, { name: '差旅费' });
    const c = createCustomer(ws, testUser, { name: '回访客户' });
    const record = createBusinessRecord(ws, testUser, {
      typeId: type.id,
      customerId: c.id,
      title: '上门回访',
      expenses: [{ categoryId: travel.id, amountFen: 30000, expenseDate: '2026-11-01' }],
    });
    expect(salesSummary(ws, c.id).expenseTotalFen).toBe(30000);
    deleteBusinessRecord(ws, testUser, record.id);
    expect(listExpenses(ws)).toEqual([]);
    expect(groupedTotals(ws, { entity: 'expense' }, [], [{ field: 'amountFen', fn: 'sum' }]).map((g) => g.values['sum:amountFen'])).toEqual([0]);
    expect(salesSummary(ws, c.id).expenseTotalFen).toBe(0);
    undoLastChange(ws, testUser, c.id);
    expect(listExpenses(ws).map((x) => x.amountFen)).toEqual([30000]);
    expect(salesSummary(ws, c.id).expenseTotalFen).toBe(30000);
  });
});
