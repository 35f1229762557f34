import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { groupedTotals } from '../../../src-main/services/lists/grouped-totals';
import { createBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createExpense, createExpenseCategory } from '../../../src-main/services/business/expense-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

describe('grouped lists with subtotals', () => {
  it('matches a plain computation at every level, exactly to the fen', () => {
    const revenue = createField(ws, testUser, { entity: 'customer', label: '年收入', type: 'money' });
    const data = fc.sample(
      fc.record({
        customerClass: fc.constantFrom('A', 'B', null),
        province: fc.constantFrom('广东', '浙江', '江苏'),
        revenue: fc.option(fc.integer({ min: 0, max: 10 ** 12 }), { nil: null }),
      }),
      { numRuns: 80, seed: 7 },
    );
    data.forEach((d, i) =>
      createCustomer(ws, testUser, {
        name: `客户${i}`,
        customerClass: d.customerClass,
        province: d.province,
        custom: { [revenue.columnName]: d.revenue },
      }),
    );
    const col = revenue.columnName;
    const rows = groupedTotals(
      ws,
      { entity: 'customer' },
      ['customerClass', 'province'],
      [
        { field: col, fn: 'sum' },
        { field: col, fn: 'avg' },
        { field: col, fn: 'max' },
        { field: '', fn: 'count' },
      ],
    );
    const check = (key: (string | null)[], members: typeof data) => {
      const row = rows.find((r) => JSON.stringify(r.key) === JSON.stringify(key));
      const values = members.map((m) => m.revenue).filter((v): v is number => v !== null);
      expect(row?.count).toBe(members.length);
      expect(row?.values[`sum:${col}`]).toBe(values.reduce((a, b) => a + b, 0));
      expect(row?.values[`max:${col}`]).toBe(values.length ? Math.max(...values) : null);
      const avg = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;
      expect(row?.values[`avg:${col}`]).toBe(avg);
    };
    check([], data);
    for (const cls of ['A', 'B', null]) {
      const inClass = data.filter((d) => d.customerClass === cls);
      if (inClass.length) check([cls], inClass);
      for (const p of ['广东', '浙江', '江苏']) {
        const cell = inClass.filter((d) => d.province === p);
        // Stored (and grouped) under the division list's name.
        if (cell.length) check([cls, `${p}省`], cell);
      }
    }
    expect(rows[0]?.key).toEqual(['A']);
  });

  it('groups opportunities by stage, and expenses by the category tree', () => {
    const type = createFromTemplate(ws, testUser, 'opportunity');
    const c = createCustomer(ws, testUser, { name: '甲' });
    const amount = ws.db.prepare("SELECT column_name AS c FROM custom_fields WHERE business_type_id = ? AND label = '预计金额'").get(type.id) as {
      c: string;
    };
    const r1 = createBusinessRecord(ws, testUser, { typeId: type.id, customerId: c.id, title: '一期', custom: { [amount.c]: '10000' } });
    createBusinessRecord(ws, testUser, { typeId: type.id, customerId: c.id, title: '二期', custom: { [amount.c]: '2,500.50' } });
    createBusinessRecord(ws, testUser, { typeId: type.id, customerId: c.id, title: '三期', status: 'needs', custom: { [amount.c]: '1' } });
    const byStage = groupedTotals(ws, { entity: 'record', typeId: type.id }, ['status'], [{ field: amount.c, fn: 'sum' }]);
    expect(byStage.map((r) => [r.key, r.count, r.values[`sum:${amount.c}`]])).toEqual([
      [['lead'], 2, 1250050],
      [['needs'], 1, 100],
      [[], 3, 1250150],
    ]);
    const travel = createExpenseCategory(ws, testUser, { name: '差旅费' });
    const hotel = createExpenseCategory(ws, testUser, { name: '住宿', parentId: travel.id });
    const ticket = createExpenseCategory(ws, testUser, { name: '交通', parentId: travel.id });
    const meals = createExpenseCategory(ws, testUser, { name: '招待费' });
    createExpense(ws, testUser, { recordId: r1.id, categoryId: hotel.id, amountFen: 45000, expenseDate: '2026-11-02' });
    createExpense(ws, testUser, { recordId: r1.id, categoryId: ticket.id, amountFen: 12050, expenseDate: '2026-11-03' });
    createExpense(ws, testUser, { recordId: r1.id, categoryId: meals.id, amountFen: 80000, expenseDate: '2026-10-30' });
    const byCategory = groupedTotals(ws, { entity: 'expense' }, ['categoryLevel1', 'categoryLevel2'], [{ field: 'amountFen', fn: 'sum' }]);
    expect(byCategory.map((r) => [r.key, r.values['sum:amountFen']])).toEqual([
      [['差旅费'], 57050],
      [['差旅费', '交通'], 12050],
      [['差旅费', '住宿'], 45000],
      [['招待费'], 80000],
      [['招待费', '招待费'], 80000],
      [[], 137050],
    ]);
  });
});
