import { v7 as uuidv7 } from 'uuid';
import { departmentCreateInput, departmentPatch, type Department } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

export function createDepartment(ws: Workspace, ctx: CallContext, input: unknown): Department {
  const values = validate(departmentCreateInput, input);
  const id = runWrite(ws, ctx, (tx) => insertDepartment(tx, values.customerId, values.parentId, values.name));
  return getDepartment(ws, id);
}

export function insertDepartment(tx: WriteTx, customerId: string, parentId: string | null, name: string, id: string = uuidv7()): string {
  requireLiveCustomer(tx, customerId);
  if (parentId) requireDepartmentOf(tx, parentId, customerId);
  const sortOrder = (
    tx.ws.db.prepare('SELECT count(*) AS n FROM departments WHERE customer_id = ? AND parent_id IS ? AND deleted = 0').get(customerId, parentId) as {
      n: number;
    }
  ).n;
  insertRow(tx, 'department', customerId, id, { customerId, parentId, name, sortOrder });
  return id;
}

export function updateDepartment(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Department {
  const values = validate(departmentPatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = requireDepartment(tx, id);
    const customerId = before.customerId as string;
    if (values.parentId) {
      requireDepartmentOf(tx, values.parentId, customerId);
      if (isDescendantOrSelf(tx, values.parentId, id)) {
        throw new KecardError('VALIDATION', 'A department cannot move under itself.', { fields: { parentId: 'cycle' } });
      }
    }
    updateRow(tx, 'department', customerId, before, values);
  });
  return getDepartment(ws, id);
}

/** Deleting a department keeps its people: sub-departments and contacts move up to its parent. */
export function deleteDepartment(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = requireDepartment(tx, id);
    const customerId = before.customerId as string;
    const parentId = (before.parentId as string | null) ?? null;
    // A department's sub-departments and members are its customer's: found through the customer's
    // index (departments have none on parent_id: asking by parent alone read every department).
    const children = tx.ws.db.prepare('SELECT id FROM departments WHERE customer_id = ? AND parent_id = ? AND deleted = 0').all(customerId, id) as {
      id: string;
    }[];
    for (const child of children) {
      const row = readRow(tx, 'department', child.id);
      if (row) updateRow(tx, 'department', customerId, row, { parentId });
    }
    const members = tx.ws.db.prepare('SELECT id FROM contacts WHERE customer_id = ? AND department_id = ? AND deleted = 0').all(customerId, id) as {
      id: string;
    }[];
    for (const member of members) {
      const row = readRow(tx, 'contact', member.id);
      if (row) updateRow(tx, 'contact', customerId, row, { departmentId: parentId });
    }
    setDeleted(tx, 'department', customerId, id, true);
  });
}

export function getDepartment(ws: Workspace, id: string): Department {
  const row = ws.db
    .prepare(
      'SELECT id, customer_id AS customerId, parent_id AS parentId, name, sort_order AS sortOrder FROM departments WHERE id = ? AND deleted = 0',
    )
    .get(id) as Department | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Department not found.', { id });
  return row;
}

export function requireLiveCustomer(tx: WriteTx, customerId: string): void {
  const row = tx.ws.db.prepare('SELECT deleted FROM customers WHERE id = ?').get(customerId) as { deleted: number } | undefined;
  if (!row || row.deleted) throw new KecardError('NOT_FOUND', 'Customer not found.', { id: customerId });
}

function requireDepartment(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'department', id);
  if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Department not found.', { id });
  return row;
}

export function requireDepartmentOf(tx: WriteTx, departmentId: string, customerId: string): void {
  const row = requireDepartment(tx, departmentId);
  if (row.customerId !== customerId) {
    throw new KecardError('VALIDATION', 'The department belongs to another customer.', { fields: { departmentId: 'invalid' } });
  }
}

function isDescendantOrSelf(tx: WriteTx, candidate: string, ancestor: string): boolean {
  let current: string | null = candidate;
  for (let depth = 0; current && depth < 1000; depth += 1) {
    if (current === ancestor) return true;
    const row = tx.ws.db.prepare('SELECT parent_id AS p FROM departments WHERE id = ?').get(current) as { p: string | null } | undefined;
    current = row?.p ?? null;
  }
  return false;
}
