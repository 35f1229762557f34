import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createBusinessRecord, listBusinessRecords, updateBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createExpenseCategory } from '../../../src-main/services/business/expense-service';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { defaultLayout, getLayout, saveLayout } from '../../../src-main/services/layouts/layout-service';
import { salesSummary } from '../../../src-main/services/sales/sales-summary';
import { cardLayout } from '../../../src-shared/domain/card-layout';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

describe('business records and card layouts', () => {
  it('saves a record with its expense lines together, or nothing', () => {
    const type = createFromTemplate(ws, testUser, 'opportunity');
    const c = createCustomer(ws, testUser, { name: '甲' });
    const travel = createExpenseCategory(ws, testUser, { name: '差旅费' });
    const r = createBusinessRecord(ws, testUser, {
      typeId: type.id,
      customerId: c.id,
      title: '一期项目',
      expenses: [
        { categoryId: travel.id, amountFen: 120050, expenseDate: '2026-11-01' },
        { categoryId: travel.id, amountFen: 80000, expenseDate: '2026-11-02', note: '高铁' },
      ],
    });
    expect(r.expenseTotalFen).toBe(200050);
    expect(salesSummary(ws, c.id).expenseTotalFen).toBe(200050);
    expect(() =>
      createBusinessRecord(ws, testUser, {
        typeId: type.id,
        customerId: c.id,
        title: '二期项目',
        expenses: [
          { categoryId: travel.id, amountFen: 100, expenseDate: '2026-11-01' },
          { categoryId: 'no-such-category', amountFen: 100, expenseDate: '2026-11-01' },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(listBusinessRecords(ws, { typeId: type.id }).total).toBe(1);
    expect(() => updateBusinessRecord(ws, testUser, r.id, { status: 'won' })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ allowed: ['needs', 'lost'] }) as unknown }),
    );
  });

  it('gives a saved layout a tab for a business type created later, within the contract', () => {
    const saved = saveLayout(ws, testUser, 'customer', defaultLayout(ws, 'customer'));
    expect(saved.tabs.some((t) => t.related?.kind === 'records')).toBe(false);
    const type = createFromTemplate(ws, testUser, 'complaint');
    const { layout } = getLayout(ws, 'customer');
    expect(cardLayout.safeParse(layout).success).toBe(true);
    expect(layout.tabs.find((t) => t.related?.businessTypeId === type.id)?.label).toBe('客户投诉处理');
  });
});
