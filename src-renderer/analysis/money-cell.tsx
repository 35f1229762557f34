import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../src-shared/money';
import { formatMoneyShort } from '../../src-shared/money-short';

/**
 * Money in a report table reads as in the report's chart (¥263.8亿, small amounts exact): a report
 * compares sizes. The exact amount is on hover and in the export (which writes the number).
 */
export function MoneyCell({ fen, testId }: { fen: number; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <td className="num" title={formatMoney(Math.round(fen), { symbol: true })} data-testid={testId} data-fen={fen}>
      {formatMoneyShort(fen, i18n.language)}
    </td>
  );
}
