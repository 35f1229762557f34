import { useTranslation } from 'react-i18next';
import { MoneyCell } from './money-cell';
import { pct } from './export-table';
import type { ClassPreview } from './report-types';

interface Props {
  rows: readonly ClassPreview[];
  testId: string;
  colors?: Record<string, string | undefined>;
}

/** Per class: customers, their share, revenue and its share, with a bar for the revenue share. */
export function ClassTable({ rows, testId, colors = {} }: Props) {
  const { t } = useTranslation();
  const customers = rows.reduce((a, r) => a + r.customers, 0);
  const revenue = rows.reduce((a, r) => a + r.revenue, 0);
  return (
    <table className="data-table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('classification.classes')}</th>
          <th className="num">{t('analysis.customers')}</th>
          <th className="num">{t('analysis.customerShare')}</th>
          <th className="num">{t('analysis.revenue')}</th>
          <th className="num">{t('analysis.revenueShare')}</th>
          <th className="share-bar-cell" />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`${testId}-row`} data-key={r.key} data-customers={r.customers} data-revenue={r.revenue}>
            <td>
              <span className="class-chip" style={{ background: colors[r.key] ?? '#6b7280' }}>
                {r.key}
              </span>{' '}
              {r.label}
            </td>
            <td className="num" data-testid="class-customers">
              {r.customers}
            </td>
            <td className="num">{pct(r.customerShare)}</td>
            <MoneyCell fen={r.revenue} testId="class-revenue" />
            <td className="num" data-testid="class-revenue-share">
              {pct(r.revenueShare)}
            </td>
            <td className="share-bar-cell">
              <span className="share-bar" style={{ width: `${Math.round(r.revenueShare * 100)}%`, background: colors[r.key] ?? 'var(--accent)' }} />
            </td>
          </tr>
        ))}
        <tr className="total-row">
          <td>{t('analysis.total')}</td>
          <td className="num">{customers}</td>
          <td />
          <MoneyCell fen={revenue} />
          <td />
          <td />
        </tr>
      </tbody>
    </table>
  );
}
