import { v7 as uuidv7 } from 'uuid';
import { scopeParams, scopeWhere } from '../../people/record-scope';
import { expenseCategoryInput, expenseInput, expensePatch, type Expense, type ExpenseCategory } from '../../../src-shared/domain/business';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

export function listExpenseCategories(ws: Workspace): ExpenseCategory[] {
  return ws.db
    .prepare('SELECT id, parent_id AS parentId, name, sort_order AS sortOrder FROM expense_categories WHERE deleted = 0 ORDER BY sort_order, name')
    .all() as ExpenseCategory[];
}

export function createExpenseCategory(ws: Workspace, ctx: CallContext, input: unknown): ExpenseCategory {
  const values = validate(expenseCategoryInput, input);
  const id = uuidv7();
  runWrite(ws, ctx, (tx) => {
    if (values.parentId) requireCategory(tx, values.parentId);
    const siblings = listExpenseCategories(ws).filter((c) => c.parentId === values.parentId);
    if (siblings.some((c) => c.name === values.name))
      throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { name: 'duplicateName' } });
    insertRow(tx, 'expenseCategory', null, id, { ...values, sortOrder: siblings.length });
  });
  return listExpenseCategories(ws).find((c) => c.id === id) as ExpenseCategory;
}

export function renameExpenseCategory(ws: Workspace, ctx: CallContext, id: string, name: string, parentId?: string | null): void {
  runWrite(ws, ctx, (tx) => {
    const before = requireCategory(tx, id);
    const values: Record<string, unknown> = { name };
    if (parentId !== undefined) {
      if (parentId && pathOf(listExpenseCategories(ws), parentId).ids.includes(id)) {
        throw new KecardError('VALIDATION', 'A category cannot move under itself.', { fields: { parentId: 'cycle' } });
      }
      values.parentId = parentId;
    }
    updateRow(tx, 'expenseCategory', null, before, values);
  });
}

/** A category with expenses or sub-categories is kept: expenses must always have a category. */
export function deleteExpenseCategory(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    requireCategory(tx, id);
    const used = tx.ws.db.prepare('SELECT 1 FROM expenses WHERE category_id = ? AND deleted = 0 LIMIT 1').get(id);
    const children = tx.ws.db.prepare('SELECT 1 FROM expense_categories WHERE parent_id = ? AND deleted = 0 LIMIT 1').get(id);
    if (used || children) throw new KecardError('CONFLICT', 'The category is in use.', { id });
    setDeleted(tx, 'expenseCategory', null, id, true);
  });
}

export function createExpense(ws: Workspace, ctx: CallContext, input: unknown): Expense {
  const values = validate(expenseInput, input);
  const id = runWrite(ws, ctx, (tx) => insertExpense(tx, values));
  return getExpense(ws, id);
}

export function insertExpense(tx: WriteTx, values: ReturnType<typeof expenseInput.parse>, id: string = uuidv7()): string {
  const record = tx.ws.db.prepare('SELECT customer_id AS c FROM business_records WHERE id = ? AND deleted = 0').get(values.recordId) as
    { c: string } | undefined;
  if (!record) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { recordId: 'invalid' } });
  requireCategory(tx, values.categoryId);
  if (values.employeeId && !tx.ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(values.employeeId)) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { employeeId: 'invalid' } });
  }
  insertRow(tx, 'expense', record.c, id, { ...values, customerId: record.c });
  return id;
}

export function updateExpense(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Expense {
  const values = validate(expensePatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'expense', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Expense not found.', { id });
    if (values.categoryId) requireCategory(tx, values.categoryId);
    updateRow(tx, 'expense', before.customerId as string, before, values);
  });
  return getExpense(ws, id);
}

export function deleteExpense(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'expense', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Expense not found.', { id });
    setDeleted(tx, 'expense', before.customerId as string, id, true);
  });
}

const EXPENSE_SELECT = `SELECT x.id, x.record_id AS recordId, r.title AS recordTitle, x.customer_id AS customerId, c.name AS customerName,
  x.category_id AS categoryId, x.employee_id AS employeeId, e.name AS employeeName, x.amount_fen AS amountFen,
  x.expense_date AS expenseDate, x.note
  FROM expenses x JOIN business_records r ON r.id = x.record_id JOIN customers c ON c.id = x.customer_id
  LEFT JOIN employees e ON e.id = x.employee_id`;

type ExpenseRow = Omit<Expense, 'categoryPath'>;

export function getExpense(ws: Workspace, id: string): Expense {
  const row = ws.db.prepare(`${EXPENSE_SELECT} WHERE x.id = ? AND x.deleted = 0`).get(id) as ExpenseRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Expense not found.', { id });
  return { ...row, categoryPath: pathOf(listExpenseCategories(ws), row.categoryId).names };
}

/**
 * Every live expense (optionally of one record or customer), each with its category path from the
 * root. A deleted customer's or record's expenses leave the list with it.
 */
export function listExpenses(ws: Workspace, filter: { recordId?: string; customerId?: string } = {}): Expense[] {
  const categories = listExpenseCategories(ws);
  const rows = ws.db
    .prepare(
      `${EXPENSE_SELECT} WHERE x.deleted = 0 AND r.deleted = 0 AND c.deleted = 0 AND (? IS NULL OR x.record_id = ?) AND (? IS NULL OR x.customer_id = ?) AND ${scopeWhere('c')} ORDER BY x.expense_date DESC`,
    )
    .all(filter.recordId ?? null, filter.recordId ?? null, filter.customerId ?? null, filter.customerId ?? null, scopeParams()) as ExpenseRow[];
  return rows.map((r) => ({ ...r, categoryPath: pathOf(categories, r.categoryId).names }));
}

export function pathOf(categories: readonly ExpenseCategory[], id: string): { ids: string[]; names: string[] } {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const ids: string[] = [];
  const names: string[] = [];
  let current = byId.get(id);
  while (current && ids.length < 50) {
    ids.unshift(current.id);
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return { ids, names };
}

function requireCategory(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'expenseCategory', id);
  if (!row || row.deleted === 1) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { categoryId: 'invalid' } });
  return row;
}
