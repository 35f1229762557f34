import type { BusinessTypeFilter } from '../../../src-shared/domain/permissions';
import { v7 as uuidv7 } from 'uuid';
import { scopeParams, scopeWhere } from '../../people/record-scope';
import { businessRecordInput, businessRecordPatch, type BusinessRecord } from '../../../src-shared/domain/business';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { readCustomValues, writeCustomValues } from '../custom-fields/custom-values';
import { requireLiveCustomer } from '../organisation/department-service';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';
import { holdConflicts } from '../shared/save-conflicts';
import { recordVersion } from '../../changelog/apply/field-stamps';
import type { FieldConflict } from '../../../src-shared/domain/save-conflict';
import { getBusinessType } from './business-type-service';
import { insertExpense } from './expense-service';
import { expenseInput } from '../../../src-shared/domain/business';

const SELECT = `SELECT r.id, r.type_id AS typeId, r.customer_id AS customerId, c.name AS customerName, r.contact_id AS contactId,
  r.employee_id AS employeeId, e.name AS employeeName, r.title, r.status, r.status_changed_at AS statusChangedAt,
  COALESCE((SELECT sum(x.amount_fen) FROM expenses x WHERE x.record_id = r.id AND x.deleted = 0), 0) AS expenseTotalFen,
  r.created_at AS createdAt, r.updated_at AS updatedAt
  FROM business_records r JOIN customers c ON c.id = r.customer_id LEFT JOIN employees e ON e.id = r.employee_id`;

type RecordRow = Omit<BusinessRecord, 'custom'>;

function withCustom(ws: Workspace, rows: RecordRow[]): BusinessRecord[] {
  const values = readCustomValues(
    ws,
    'record',
    rows.map((r) => r.id),
  );
  // Records of all types share a table; each only shows its own type's fields.
  const ownColumns = new Map<string, Set<string>>();
  return rows.map((r) => {
    let own = ownColumns.get(r.typeId);
    if (!own) {
      own = new Set(
        (
          ws.db.prepare('SELECT column_name AS c FROM custom_fields WHERE business_type_id = ? AND deleted = 0 AND purged = 0').all(r.typeId) as {
            c: string;
          }[]
        ).map((x) => x.c),
      );
      ownColumns.set(r.typeId, own);
    }
    const all = values.get(r.id) ?? {};
    // The version travels with every row: the record dialog opens from the lists (issue 20).
    return { ...r, custom: Object.fromEntries(Object.entries(all).filter(([k]) => own.has(k))), version: recordVersion(ws.db, [r.id]) };
  });
}

export function getBusinessRecord(ws: Workspace, id: string): BusinessRecord {
  const row = ws.db.prepare(`${SELECT} WHERE r.id = ? AND r.deleted = 0`).get(id) as RecordRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Record not found.', { id });
  return withCustom(ws, [row])[0] as BusinessRecord;
}

export function listBusinessRecords(
  ws: Workspace,
  filter: { typeId?: string; customerId?: string; offset?: number; limit?: number },
  types: BusinessTypeFilter = null,
): { total: number; rows: BusinessRecord[] } {
  // A deleted customer's records leave the lists with it (as it leaves the customer list).
  // Only the caller's customers' records (record-scope.ts), of the types their role may see.
  const typeWhere = !types
    ? ''
    : 'only' in types
      ? ' AND r.type_id IN (SELECT value FROM json_each(?))'
      : ' AND r.type_id NOT IN (SELECT value FROM json_each(?))';
  const where = `r.deleted = 0 AND c.deleted = 0 AND (? IS NULL OR r.type_id = ?) AND (? IS NULL OR r.customer_id = ?)${typeWhere} AND ${scopeWhere('c')}`;
  const params: unknown[] = [filter.typeId ?? null, filter.typeId ?? null, filter.customerId ?? null, filter.customerId ?? null];
  if (types) params.push(JSON.stringify('only' in types ? types.only : types.except));
  const total = (
    ws.db
      .prepare(`SELECT count(*) AS n FROM business_records r JOIN customers c ON c.id = r.customer_id WHERE ${where}`)
      .get(...params, scopeParams()) as {
      n: number;
    }
  ).n;
  const rows = ws.db
    .prepare(`${SELECT} WHERE ${where} ORDER BY r.created_at DESC LIMIT ? OFFSET ?`)
    .all(...params, filter.limit ?? 200, filter.offset ?? 0, scopeParams()) as RecordRow[];
  return { total, rows: withCustom(ws, rows) };
}

export function createBusinessRecord(ws: Workspace, ctx: CallContext, input: unknown): BusinessRecord {
  const values = validate(businessRecordInput, input);
  const id = runWrite(ws, ctx, (tx) => insertBusinessRecord(tx, values));
  return getBusinessRecord(ws, id);
}

export function insertBusinessRecord(tx: WriteTx, values: ReturnType<typeof businessRecordInput.parse>, id: string = uuidv7()): string {
  const type = getBusinessType(tx.ws, values.typeId);
  requireLiveCustomer(tx, values.customerId);
  checkLinks(tx, values.customerId, values.contactId, values.employeeId);
  const status = values.status ?? type.statuses[0]?.key ?? '';
  if (!type.statuses.some((s) => s.key === status))
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { status: 'invalid' } });
  const { custom, expenses, ...builtIn } = values;
  insertRow(tx, 'businessRecord', values.customerId, id, { ...builtIn, status });
  writeCustomValues(tx, 'record', id, values.customerId, custom ?? {}, { creating: true, businessTypeId: type.id });
  for (const line of expenses ?? []) insertExpense(tx, expenseInput.parse({ ...line, recordId: id }));
  return id;
}

/** Status moves follow the type's workflow; the error names the allowed next steps. */
export function updateBusinessRecord(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  patch: unknown,
  baseVersion?: number,
): BusinessRecord & { conflicts: FieldConflict[] } {
  const values = validate(businessRecordPatch, patch);
  const conflicts = runWrite(ws, ctx, (tx) => patchBusinessRecord(tx, id, values, { followWorkflow: true, baseVersion }));
  return { ...getBusinessRecord(ws, id), conflicts };
}

/**
 * Changes a record inside a running write. An import brings history from another system, so it
 * may set any status of the type (`followWorkflow: false`); edits in the app follow the workflow.
 * With `baseVersion`, fields changed by someone else since are held back and returned (save-conflicts.ts).
 */
export function patchBusinessRecord(
  tx: WriteTx,
  id: string,
  values: ReturnType<typeof businessRecordPatch.parse>,
  options: { followWorkflow: boolean; baseVersion?: number },
): FieldConflict[] {
  const before = readRow(tx, 'businessRecord', id);
  if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Record not found.', { id });
  const customerId = before.customerId as string;
  const type = getBusinessType(tx.ws, before.typeId as string);
  const { custom: givenCustom, ...givenBuiltIn } = values;
  const currentCustom = givenCustom ? (readCustomValues(tx.ws, 'record', [id]).get(id) ?? {}) : {};
  const held = holdConflicts(tx, id, before, currentCustom, { builtIn: givenBuiltIn, custom: givenCustom }, options.baseVersion);
  const { builtIn, custom } = held;
  if (builtIn.status !== undefined && builtIn.status !== before.status) {
    const from = before.status as string;
    if (!type.statuses.some((s) => s.key === builtIn.status))
      throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { status: 'invalid' } });
    const allowed = type.transitions[from];
    if (options.followWorkflow && allowed && !allowed.includes(builtIn.status)) {
      throw new KecardError('VALIDATION', 'This status change is not allowed by the workflow.', { fields: { status: 'transition' }, allowed });
    }
  }
  checkLinks(tx, customerId, builtIn.contactId ?? null, builtIn.employeeId ?? null);
  updateRow(tx, 'businessRecord', customerId, before, builtIn);
  if (custom) writeCustomValues(tx, 'record', id, customerId, custom, { creating: false, businessTypeId: type.id });
  return held.conflicts;
}

export function deleteBusinessRecord(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'businessRecord', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Record not found.', { id });
    const customerId = before.customerId as string;
    // A record's expenses go with it (logged, so undoing the delete brings them back): left live,
    // they would still count in the expense lists and every expense total.
    const expenses = tx.ws.db.prepare('SELECT id FROM expenses WHERE record_id = ? AND deleted = 0').pluck().all(id) as string[];
    for (const expense of expenses) setDeleted(tx, 'expense', customerId, expense, true);
    setDeleted(tx, 'businessRecord', customerId, id, true);
  });
}

function checkLinks(tx: WriteTx, customerId: string, contactId: string | null, employeeId: string | null): void {
  if (contactId) {
    const c = tx.ws.db.prepare('SELECT customer_id AS c FROM contacts WHERE id = ? AND deleted = 0').get(contactId) as { c: string } | undefined;
    if (!c || c.c !== customerId) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { contactId: 'invalid' } });
  }
  if (employeeId && !tx.ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(employeeId)) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { employeeId: 'invalid' } });
  }
}
