import { v7 as uuidv7 } from 'uuid';
import { contactCreateInput, contactPatch, type Contact } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { reindexCustomer } from '../search/search-index';
import { readCustomValues, writeCustomValues } from '../custom-fields/custom-values';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';
import { requireDepartmentOf, requireLiveCustomer } from './department-service';

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

export function createContact(ws: Workspace, ctx: CallContext, input: unknown): Contact {
  const values = validate(contactCreateInput, input);
  const id = runWrite(ws, ctx, (tx) => insertContact(tx, values));
  return getContact(ws, id);
}

export function insertContact(tx: WriteTx, values: ContactValues, id: string = uuidv7(), reindex = true): string {
  requireLiveCustomer(tx, values.customerId);
  if (values.departmentId) requireDepartmentOf(tx, values.departmentId, values.customerId);
  const { custom, ...builtIn } = values;
  insertRow(tx, 'contact', values.customerId, id, builtIn);
  writeCustomValues(tx, 'contact', id, values.customerId, custom ?? {}, { creating: true });
  if (reindex) reindexCustomer(tx.ws, values.customerId);
  return id;
}

export function updateContact(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Contact {
  const values = validate(contactPatch, patch);
  runWrite(ws, ctx, (tx) => patchContact(tx, id, values));
  return getContact(ws, id);
}

/** Applies a validated patch inside a write (the dialog's save, an import's update of a known contact). */
export function patchContact(tx: WriteTx, id: string, values: ReturnType<typeof contactPatch.parse>): void {
  const before = requireContact(tx, id);
  const customerId = before.customerId as string;
  if (values.departmentId) requireDepartmentOf(tx, values.departmentId, customerId);
  const { custom, ...builtIn } = values;
  const changed = updateRow(tx, 'contact', customerId, before, builtIn);
  if (custom) writeCustomValues(tx, 'contact', id, customerId, custom, { creating: false });
  if (changed.some((f) => f === 'name' || f === 'mobile' || f === 'phone')) reindexCustomer(tx.ws, customerId);
}

export function deleteContact(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = requireContact(tx, id);
    const customerId = before.customerId as string;
    setDeleted(tx, 'contact', customerId, id, true);
    reindexCustomer(tx.ws, customerId);
  });
}

export function getContact(ws: Workspace, id: string): Contact {
  const row = ws.db
    .prepare(
      `SELECT id, customer_id AS customerId, department_id AS departmentId, name, title, mobile, phone, email, birthday, notes
       FROM contacts WHERE id = ? AND deleted = 0`,
    )
    .get(id) as Contact | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Contact not found.', { id });
  return { ...row, custom: readCustomValues(ws, 'contact', [id]).get(id) ?? {} };
}

function requireContact(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'contact', id);
  if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Contact not found.', { id });
  return row;
}
