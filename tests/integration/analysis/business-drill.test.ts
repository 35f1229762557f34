import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drillQuery } from '../../../src-main/analysis/drill';
import { businessSummary } from '../../../src-main/analysis/reports';
import { runWrite } from '../../../src-main/changelog/write-tx';
import type { Workspace } from '../../../src-main/db/workspace';
import { insertBusinessRecord, updateBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { matchingIds } from '../../../src-main/services/query/run-query';
import { validate } from '../../../src-main/services/shared/validate';
import { businessRecordInput } from '../../../src-shared/domain/business';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// A bar of the complaint/satisfaction summary (records of a type per status, created in the
// window) drills to the live customers who have such records, as an ordinary saved-able query.

let t: { ws: Workspace; cleanup: () => void };
beforeEach(() => (t = tempWorkspace()));
afterEach(() => t.cleanup());

const AS_OF = '2026-06-30';

let severity = '';
function record(ws: Workspace, typeId: string, customerId: string, createdOn: string, title: string): string {
  const values = validate(businessRecordInput, { typeId, customerId, title, custom: { [severity]: '一般' } });
  return runWrite(ws, testUser, (tx) => insertBusinessRecord(tx, values), { now: new Date(`${createdOn}T09:30:00Z`) });
}

describe('business summary drill-down', () => {
  it('lists the live customers behind each status bar of the window', () => {
    const { ws } = t;
    const type = createFromTemplate(ws, testUser, 'complaint');
    severity = ws.db
      .prepare("SELECT column_name FROM custom_fields WHERE business_type_id = ? AND label = '严重程度'")
      .pluck()
      .get(type.id) as string;
    const [a, b, c, gone] = ['甲公司', '乙公司', '丙公司', '丁公司'].map((name) => createCustomer(ws, testUser, { name }).id) as [
      string,
      string,
      string,
      string,
    ];
    record(ws, type.id, a, '2026-06-01', '送货晚了');
    record(ws, type.id, a, '2026-05-20', '包装破损');
    record(ws, type.id, b, '2025-01-10', '去年的投诉'); // outside a 365-day window
    const handled = record(ws, type.id, c, '2026-06-29', '发票开错');
    updateBusinessRecord(ws, testUser, handled, { status: 'handling' });
    record(ws, type.id, gone, '2026-06-15', '已删除客户的投诉');
    deleteCustomer(ws, testUser, gone);

    const summary = businessSummary(ws, type.id, AS_OF, 365);
    const drilled = (status: string) => {
      const { definition } = drillQuery(ws, { of: 'records', typeId: type.id, status, ...summary.window });
      expect(queryProblems(ws, definition)).toEqual([]);
      return matchingIds(ws, definition).sort();
    };
    expect(summary.byStatus.find((s) => s.status === 'open')?.records).toBe(3); // a's two and the deleted customer's
    expect(drilled('open')).toEqual([a]);
    expect(drilled('handling')).toEqual([c]);
    expect(drilled('closed')).toEqual([]);
    // The window's first day counts, the day before does not.
    const { definition } = drillQuery(ws, { of: 'records', typeId: type.id, status: 'open', from: '2026-05-20', to: '2026-05-20' });
    expect(matchingIds(ws, definition)).toEqual([a]);
    const before = drillQuery(ws, { of: 'records', typeId: type.id, status: 'open', from: '2026-05-19', to: '2026-05-19' });
    expect(matchingIds(ws, before.definition)).toEqual([]);
  });
});
