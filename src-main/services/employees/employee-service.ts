import { v7 as uuidv7 } from 'uuid';
import { employeeCreateInput, employeePatch, type Employee } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

type EmployeeValues = ReturnType<typeof employeeCreateInput.parse>;

interface EmployeeDbRow {
  id: string;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  active: number;
}
const toEmployee = (r: EmployeeDbRow): Employee => ({ ...r, active: r.active === 1 });

export function listEmployees(ws: Workspace, includeInactive = false): Employee[] {
  const rows = ws.db
    .prepare(
      `SELECT id, name, title, mobile, email, active FROM employees WHERE deleted = 0 ${includeInactive ? '' : 'AND active = 1'} ORDER BY name`,
    )
    .all() as EmployeeDbRow[];
  return rows.map(toEmployee);
}

export function createEmployee(ws: Workspace, ctx: CallContext, input: unknown): Employee {
  const values = validate(employeeCreateInput, input);
  const id = runWrite(ws, ctx, (tx) => insertEmployee(tx, values));
  return getEmployee(ws, id);
}

export function insertEmployee(tx: WriteTx, values: EmployeeValues, id: string = uuidv7()): string {
  insertRow(tx, 'employee', null, id, values);
  return id;
}

export function updateEmployee(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Employee {
  const values = validate(employeePatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'employee', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Employee not found.', { id });
    updateRow(tx, 'employee', null, before, values);
  });
  return getEmployee(ws, id);
}

export function getEmployee(ws: Workspace, id: string): Employee {
  const row = ws.db.prepare('SELECT id, name, title, mobile, email, active FROM employees WHERE id = ? AND deleted = 0').get(id) as
    EmployeeDbRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Employee not found.', { id });
  return toEmployee(row);
}
