import type { MethodName } from '../../src-shared/contract/methods';
import { KecardError } from '../../src-shared/errors';
import type { Workspace } from '../db/workspace';
import { currentScope, requireVisible } from './record-scope';

// Which customer a call about one record is about, for the record scope (record-scope.ts): the
// router asks before the handler runs, so a write to a customer outside the caller's scope is
// refused whole (NOT_FOUND, as if it did not exist) before anything is written, and a read of one
// answers the same. Reads over many customers filter in SQL instead (scopeWhere).

type Input = Record<string, unknown>;
type Lookup = (ws: Workspace, input: Input) => (string | null | undefined)[];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The customer_id of a row of a customer-rooted table (any deleted state: a deleted row's customer decides too). */
function customerOf(table: string): (ws: Workspace, id: unknown) => string | null | undefined {
  return (ws, id) =>
    typeof id === 'string' ? (ws.db.prepare(`SELECT customer_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) : undefined;
}
const orderCustomer = customerOf('orders');
const receiptCustomer = customerOf('receipts');
const recordCustomer = customerOf('business_records');
const contactCustomer = customerOf('contacts');
const departmentCustomer = customerOf('departments');
const staffCustomer = customerOf('customer_staff');
function expenseCustomer(ws: Workspace, id: unknown): string | null | undefined {
  if (typeof id !== 'string') return undefined;
  return ws.db.prepare('SELECT r.customer_id FROM expenses x JOIN business_records r ON r.id = x.record_id WHERE x.id = ?').pluck().get(id) as
    string | undefined;
}
/** A custom field's row is a customer, a contact or a business record. */
function rowCustomer(ws: Workspace, rowId: unknown): string | null | undefined {
  if (typeof rowId !== 'string') return undefined;
  const own = ws.db.prepare('SELECT id FROM customers WHERE id = ?').pluck().get(rowId) as string | undefined;
  return own ?? contactCustomer(ws, rowId) ?? recordCustomer(ws, rowId);
}

const byCustomerId: Lookup = (_ws, i) => [str(i.customerId)];
const byId: Lookup = (_ws, i) => [str(i.id)];

/**
 * Methods about one customer's data, and how to find that customer from the input. A method not
 * listed either reads over many customers (filtered in SQL) or is not about customers at all.
 */
const GUARDED: Partial<Record<MethodName, Lookup>> = {
  'customers.get': byId,
  'customers.update': byId,
  'customers.delete': byId,
  'customers.history': byId,
  'customers.historyView': byId,
  'customers.undo': byId,
  'customers.related': byId,
  'customers.restore': byId,
  'customers.purge': byId,
  'favourites.of': byId,
  'departments.create': byCustomerId,
  'departments.update': (ws, i) => [departmentCustomer(ws, i.id)],
  'departments.delete': (ws, i) => [departmentCustomer(ws, i.id)],
  'contacts.create': byCustomerId,
  'contacts.update': (ws, i) => [contactCustomer(ws, i.id)],
  'contacts.delete': (ws, i) => [contactCustomer(ws, i.id)],
  'orders.get': (ws, i) => [orderCustomer(ws, i.id)],
  'orders.create': byCustomerId,
  'orders.update': (ws, i) => [orderCustomer(ws, i.id), str((i.patch as Input | undefined)?.customerId)],
  'orders.delete': (ws, i) => [orderCustomer(ws, i.id)],
  'receipts.create': byCustomerId,
  'receipts.update': (ws, i) => [receiptCustomer(ws, i.id), str((i.patch as Input | undefined)?.customerId)],
  'receipts.delete': (ws, i) => [receiptCustomer(ws, i.id)],
  'customerStaff.add': byCustomerId,
  'customerStaff.update': (ws, i) => [staffCustomer(ws, i.id)],
  'customerStaff.remove': (ws, i) => [staffCustomer(ws, i.id)],
  'records.list': byCustomerId,
  'records.get': (ws, i) => [recordCustomer(ws, i.id)],
  'records.create': byCustomerId,
  'records.update': (ws, i) => [recordCustomer(ws, i.id), str((i.patch as Input | undefined)?.customerId)],
  'records.delete': (ws, i) => [recordCustomer(ws, i.id)],
  'expenses.list': (ws, i) => [str(i.customerId), recordCustomer(ws, i.recordId)],
  'expenses.create': (ws, i) => [recordCustomer(ws, i.recordId)],
  'expenses.update': (ws, i) => [expenseCustomer(ws, i.id), recordCustomer(ws, (i.patch as Input | undefined)?.recordId)],
  'expenses.delete': (ws, i) => [expenseCustomer(ws, i.id)],
  'fields.history': (ws, i) => [rowCustomer(ws, i.rowId)],
  'fields.recordValue': (ws, i) => [rowCustomer(ws, i.rowId)],
  'customers.bulkUpdate': (_ws, i) => {
    const target = i.target as Input | undefined;
    return Array.isArray(target?.ids) ? (target.ids as string[]) : [];
  },
  'favourites.add': (_ws, i) => {
    const target = i.target as Input | undefined;
    return Array.isArray(target?.ids) ? (target.ids as string[]) : [];
  },
  // A conflict inbox entry is about its root customer (or none: shared data).
  'conflicts.resolve': (ws, i) => [
    typeof i.id === 'number'
      ? (ws.db.prepare('SELECT root_id FROM sync_conflicts WHERE id = ?').pluck().get(i.id) as string | null | undefined)
      : undefined,
  ],
};

/** The owner a call gives customers: a new customer's, a patch's, a bulk 设置负责人's (undefined: none given). */
function ownerGiven(method: MethodName, input: Input): string | null | undefined {
  if (method === 'customers.create') return (input.values as Input | undefined)?.ownerId as string | null | undefined;
  if (method === 'customers.update') return (input.patch as Input | undefined)?.ownerId as string | null | undefined;
  if (method === 'customers.bulkUpdate') {
    const action = input.action as Input | undefined;
    return action?.kind === 'setOwner' ? (action.ownerId as string | null) : undefined;
  }
  return undefined;
}

/**
 * Refuses (NOT_FOUND) a call about a customer outside the current call's scope. Under scope
 * 'own', a customer can be given only to the caller's own employee or to nobody (shared): handing
 * one to a colleague is a manager's transfer, and a write whose result the caller could no longer
 * read would answer "not found" for a change that was made.
 */
export function guardScope(ws: Workspace | null, method: MethodName, input: unknown): void {
  const scope = currentScope();
  if (!ws || !scope) return;
  const owner = ownerGiven(method, input as Input);
  if (owner !== undefined && owner !== null && owner !== scope.employeeId) {
    throw new KecardError('FORBIDDEN', 'Your role can only assign customers to yourself.', { method, fields: { ownerId: 'notYours' } });
  }
  const lookup = GUARDED[method];
  if (lookup) requireVisible(ws, lookup(ws, input as Input));
}

/** For tests: the methods checked here. */
export const GUARDED_METHODS = Object.keys(GUARDED) as MethodName[];
