import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, sumFen } from '../../src-shared/money';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { expenseColumns, money } from '../sales/related-columns';
import { RelatedTable } from '../sales/RelatedTable';
import { GroupedTable } from './GroupedTable';
import './business.css';

const DIMS = ['categoryLevel1', 'categoryLevel2', 'employeeName', 'customerName', 'month'] as const;
/** What the lines and their groups show: amounts, categories (names, tree), people. */
const EXPENSE_ENTITIES = ['expense', 'businessRecord', 'expenseCategory', 'customer', 'employee'] as const;

/** 费用明细: every expense line across all business records, grouped with subtotals and a grand total. */
export function ExpensesScreen() {
  const { t } = useTranslation();
  const [group1, setGroup1] = useState<string>('categoryLevel1');
  const [group2, setGroup2] = useState<string>('');
  const groupBy = [group1, group2].filter(Boolean);
  const key = groupBy.join(',');
  const groups =
    useData(
      () =>
        key
          ? api.lists.group({ source: { entity: 'expense' }, groupBy: key.split(','), measures: [{ field: 'amountFen', fn: 'sum' }] })
          : Promise.resolve([]),
      [key],
      EXPENSE_ENTITIES,
    ).data ?? [];
  const rows = useData(() => api.expenses.list({}), [], EXPENSE_ENTITIES).data ?? [];
  const label = (d: string) => t(`cards.expenses.dim.${d}`);
  const select = (value: string, set: (v: string) => void, testId: string, allowNone: boolean, exclude?: string) => (
    <select value={value} data-testid={testId} onChange={(e) => set(e.target.value)}>
      {allowNone ? <option value="">{t('common.none')}</option> : null}
      {DIMS.filter((d) => d !== exclude).map((d) => (
        <option key={d} value={d}>
          {label(d)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="records-screen" data-testid="expenses-screen">
      <div className="toolbar">
        <b className="screen-title">{t('cards.expenses.detailTitle')}</b>
        <label className="inline-label">
          {t('cards.lists.groupBy')}
          {select(group1, setGroup1, 'expenses-group-1', true)}
        </label>
        {group1 ? (
          <label className="inline-label">
            {t('cards.lists.thenBy')}
            {select(group2, setGroup2, 'expenses-group-2', true, group1)}
          </label>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="expenses-total" data-fen={sumFen(rows.map((r) => r.amountFen))}>
          {t('cards.expenses.total')} {money(sumFen(rows.map((r) => r.amountFen)))}
        </span>
      </div>
      <div className="records-body">
        {groupBy.length ? (
          <GroupedTable
            testId="expenses-grouped"
            rows={groups}
            levels={groupBy.map(label)}
            keyLabel={(_level, k) => (k === null || k === '' ? t('cards.lists.emptyKey') : String(k))}
            measures={[
              { id: 'sum:amountFen', label: t('cards.expenses.amount'), format: (v) => (v === null ? '—' : formatMoney(v, { symbol: true })) },
            ]}
          />
        ) : null}
        <h4 className="pad">{t('cards.expenses.lines')}</h4>
        <RelatedTable testId="expenses-list" rowTestId="expenses-list-row" columns={expenseColumns(t)} rows={rows} rowKey={(r) => r.id} />
      </div>
    </div>
  );
}
