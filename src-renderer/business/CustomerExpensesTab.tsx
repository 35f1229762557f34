import { useState } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import { sumFen } from '../../src-shared/money';
import { chosen, expenseColumns, money } from '../sales/related-columns';
import { RelatedTable } from '../sales/RelatedTable';
import { useExpenses } from '../sales/use-related';
import { ExpenseDialog } from './ExpenseDialog';

/** 费用 on the card: every expense line of the customer's business records. */
export function CustomerExpensesTab({ customerId, columns }: { customerId: string; columns: readonly string[] }) {
  const { t } = useTranslation();
  const canExpense = useCan('expenses', 'write');
  const rows = useExpenses({ customerId }).data ?? [];
  const [adding, setAdding] = useState(false);
  const cols = chosen(
    expenseColumns(t),
    columns.length ? columns : ['expenseDate', 'categoryPath', 'amountFen', 'recordTitle', 'employeeName', 'note'],
  );
  return (
    <div className="related-tab" data-testid="customer-expenses-tab">
      <div className="toolbar">
        {canExpense ? (
          <button type="button" className="primary" data-testid="add-expense" onClick={() => setAdding(true)}>
            ＋ {t('ux.expense.add')}
          </button>
        ) : null}
      </div>
      <RelatedTable
        testId="customer-expenses-table"
        rowTestId="customer-expense-row"
        columns={cols}
        rows={rows}
        rowKey={(e) => e.id}
        footer={
          <tr className="total-row">
            <td colSpan={cols.length}>
              {t('cards.expenses.total')} <b>{money(sumFen(rows.map((e) => e.amountFen)))}</b>
            </td>
          </tr>
        }
      />
      {adding ? <ExpenseDialog customerId={customerId} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
