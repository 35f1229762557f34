import { useTranslation } from 'react-i18next';
import type { ImportReport } from './import-types';

/**
 * Customers: province/city/district values the division list (GB/T 2260) does not know. They are
 * imported as written; the list shows which, and on how many rows, so a typo can be fixed in the
 * file before importing.
 */
export function CheckRegions({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const rows = report.unmatchedRegions ?? [];
  if (rows.length === 0) return null;
  return (
    <>
      <h4>{t('imp.check.regionsTitle')}</h4>
      <p className="muted">{t('imp.check.regionsHint')}</p>
      <div className="import-table-wrap">
        <table className="data-table import-table" data-testid="import-unmatched-regions">
          <thead>
            <tr>
              <th>{t('imp.check.regionField')}</th>
              <th>{t('imp.check.regionValue')}</th>
              <th className="num">{t('imp.check.regionRows')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.field}:${r.value}`} data-testid="import-unmatched-region" data-field={r.field} data-value={r.value} data-count={r.count}>
                <td>{t(`customer.${r.field}`)}</td>
                <td>{r.value}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
