import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../src-shared/money';
import type { Employee } from '../../src-shared/domain/organisation';
import { useExpenseCategories } from '../card/use-meta';
import { DateInput } from '../components/DateInput';
import { flattenCategories } from './category-tree';
import { expenseFen, expensesTotal, newExpenseKey, type ExpenseDraft } from './expense-lines';
import { today } from '../../src-shared/query/relative-dates';

/** 费用: expense lines of a business record (category from the tree, amount, date, note) with their total. */
export function ExpenseLinesEditor(props: {
  lines: ExpenseDraft[];
  onChange(lines: ExpenseDraft[]): void;
  employees: readonly Employee[] | null;
  errors: Record<string, string>;
}) {
  const { lines, onChange, employees, errors } = props;
  const { t } = useTranslation();
  const categories = flattenCategories(useExpenseCategories().data ?? []);
  const patch = (key: string, p: Partial<ExpenseDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...p } : l)));
  return (
    <fieldset className="form-section expense-lines" data-testid="expense-lines">
      <legend>{t('cards.expenses.title')}</legend>
      {categories.length === 0 ? <div className="muted">{t('cards.expenses.noCategories')}</div> : null}
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('cards.expenses.category')}</th>
            <th className="num">{t('cards.expenses.amountYuan')}</th>
            <th>{t('cards.expenses.date')}</th>
            <th>{t('cards.expenses.employee')}</th>
            <th>{t('cards.expenses.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.key} data-testid="expense-line" data-index={i}>
              <td>
                <select
                  value={l.categoryId}
                  data-testid="expense-category"
                  aria-invalid={Boolean(errors[`${i}.categoryId`])}
                  onChange={(e) => patch(l.key, { categoryId: e.target.value })}
                >
                  <option value="">{t('cards.expenses.chooseCategory')}</option>
                  {categories.map((c) => (
                    <option key={c.category.id} value={c.category.id}>
                      {'\u3000'.repeat(c.depth)}
                      {c.category.name}
                    </option>
                  ))}
                </select>
              </td>
              <td className="num">
                <input
                  className="num"
                  value={l.amount}
                  inputMode="decimal"
                  data-testid="expense-amount"
                  aria-invalid={l.amount !== '' && expenseFen(l) === null}
                  onChange={(e) => patch(l.key, { amount: e.target.value })}
                />
              </td>
              <td>
                <DateInput value={l.date} testId="expense-date" onChange={(date) => patch(l.key, { date })} />
              </td>
              <td>
                <select
                  value={l.employeeId ?? ''}
                  data-testid="expense-employee"
                  onChange={(e) => patch(l.key, { employeeId: e.target.value || null })}
                >
                  <option value="">{t('common.none')}</option>
                  {(employees ?? []).map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input value={l.note} data-testid="expense-note" onChange={(e) => patch(l.key, { note: e.target.value })} />
              </td>
              <td>
                <button
                  type="button"
                  className="icon danger-icon"
                  data-testid="expense-remove"
                  onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <td>
              <button
                type="button"
                data-testid="expense-add"
                onClick={() =>
                  onChange([
                    ...lines,
                    { key: newExpenseKey(), categoryId: categories[0]?.category.id ?? '', amount: '', date: today(), note: '', employeeId: null },
                  ])
                }
              >
                ＋ {t('cards.expenses.add')}
              </button>
            </td>
            <td className="num">
              {t('cards.expenses.total')}{' '}
              <b data-testid="record-expense-total" data-fen={expensesTotal(lines)}>
                {formatMoney(expensesTotal(lines), { symbol: true })}
              </b>
            </td>
            <td colSpan={4} />
          </tr>
        </tfoot>
      </table>
      {Object.keys(errors).length > 0 ? (
        <div className="field-error" data-testid="expense-error">
          {t('cards.expenses.fixLines')}
        </div>
      ) : null}
    </fieldset>
  );
}
