import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../src-shared/money';
import { importFieldLabel } from './import-fields';
import type { ImportReport } from './import-types';

/**
 * Orders: the file's money column summed beside what will be imported, and mappings that look
 * wrong. A 金额 column mapped to 单价 passes every row's check yet multiplies revenue by the
 * quantity; the two totals side by side make it visible before anything is written.
 */
export function CheckMoney({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const money = report.money;
  const warnings = report.warnings ?? [];
  return (
    <>
      {warnings.map((w) => (
        <div key={w.column} className="banner banner-warning" data-testid="import-check-warning" data-code={w.code} data-column={w.column}>
          {t(`imp.mapping.${w.code}`, { header: w.header })}
        </div>
      ))}
      {money ? (
        <div
          className="import-money"
          data-testid="import-money"
          data-field={money.field}
          data-file-fen={money.fileFen}
          data-lines-fen={money.linesFen}
          data-orders-fen={money.ordersFen}
        >
          <span>
            {t('imp.check.fileTotal', { header: money.header || importFieldLabel(t, report.target, money.field, []) })}{' '}
            <strong data-testid="import-money-file">{formatMoney(money.fileFen, { symbol: true })}</strong>
          </span>
          <span>
            {t('imp.check.importLines')} <strong data-testid="import-money-lines">{formatMoney(money.linesFen, { symbol: true })}</strong>
            {money.ordersFen !== money.linesFen ? `（${t('imp.check.importOrders')} ${formatMoney(money.ordersFen, { symbol: true })}）` : null}
          </span>
          {money.fileFen !== money.linesFen && (money.field === 'amount' || warnings.length > 0) ? (
            <span className="import-bad" data-testid="import-money-differ">
              {t('imp.check.totalsDiffer')}
            </span>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
