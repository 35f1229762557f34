import { v7 as uuidv7 } from 'uuid';
import { customerStaffInput, customerStaffPatch } from '../../../src-shared/domain/sales';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { requireLiveCustomer } from '../organisation/department-service';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

export interface CustomerStaffRow {
  id: string;
  employeeId: string;
  employeeName: string;
  role: string | null;
  notes: string | null;
}

export function customerStaff(ws: Workspace, customerId: string): CustomerStaffRow[] {
  return ws.db
    .prepare(
      `SELECT s.id, s.employee_id AS employeeId, e.name AS employeeName, s.role, s.notes
       FROM customer_staff s JOIN employees e ON e.id = s.employee_id WHERE s.customer_id = ? AND s.deleted = 0 ORDER BY e.name`,
    )
    .all(customerId) as CustomerStaffRow[];
}

export function addCustomerStaff(ws: Workspace, ctx: CallContext, input: unknown): string {
  const values = validate(customerStaffInput, input);
  return runWrite(ws, ctx, (tx) => {
    requireLiveCustomer(tx, values.customerId);
    if (!tx.ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(values.employeeId)) {
      throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { employeeId: 'invalid' } });
    }
    const id = uuidv7();
    insertRow(tx, 'customerStaff', values.customerId, id, values);
    return id;
  });
}

export function updateCustomerStaff(ws: Workspace, ctx: CallContext, id: string, patch: unknown): void {
  const values = validate(customerStaffPatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'customerStaff', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Not found.', { id });
    updateRow(tx, 'customerStaff', before.customerId as string, before, values);
  });
}

export function removeCustomerStaff(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'customerStaff', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Not found.', { id });
    setDeleted(tx, 'customerStaff', before.customerId as string, id, true);
  });
}
