import { formatMoney, parseMoney, sumFen } from '../../src-shared/money';
import type { Expense } from '../../src-shared/domain/business';

/** An expense line as the record dialog holds it; saved with the record. */
export interface ExpenseDraft {
  key: string;
  id?: string;
  categoryId: string;
  amount: string;
  date: string;
  note: string;
  employeeId: string | null;
}

let seq = 0;
export const newExpenseKey = () => `x${++seq}`;

export function expenseDraft(e: Expense): ExpenseDraft {
  return {
    key: newExpenseKey(),
    id: e.id,
    categoryId: e.categoryId,
    amount: formatMoney(e.amountFen).replace(/,/g, ''),
    date: e.expenseDate,
    note: e.note ?? '',
    employeeId: e.employeeId,
  };
}

export const expenseFen = (d: ExpenseDraft) => (d.amount.trim() === '' ? null : parseMoney(d.amount));
export const expensesTotal = (lines: readonly ExpenseDraft[]) => sumFen(lines.map((l) => expenseFen(l) ?? 0));

/** What changed against the stored lines: creates, updates and deletes to run after the record is saved. */
export function expenseChanges(lines: readonly ExpenseDraft[], stored: readonly Expense[]) {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const creates = lines.filter((l) => !l.id);
  const updates = lines.filter((l) => {
    const before = l.id ? byId.get(l.id) : undefined;
    if (!before) return false;
    const b = expenseDraft(before);
    return b.categoryId !== l.categoryId || b.amount !== l.amount || b.date !== l.date || b.note !== l.note || b.employeeId !== l.employeeId;
  });
  const kept = new Set(lines.map((l) => l.id).filter(Boolean));
  const deletes = stored.filter((e) => !kept.has(e.id));
  return { creates, updates, deletes };
}
