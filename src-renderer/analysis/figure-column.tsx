import { formatMoney } from '../../src-shared/money';
import type { ResultFigure } from '../../src-shared/query/figure';
import type { ResultColumn } from '../queries/result-columns';

/** The drill list's figure as its first column: exact money (tables keep the fen), or whole days. */
export function figureColumn(figure: ResultFigure): ResultColumn {
  const money = figure.kind !== 'quietDays';
  return {
    key: 'figure',
    width: money ? 150 : 110,
    title: (t) => t(`analysis.drill.figure.${figure.kind}`),
    cell: (_t, r) => {
      if (r.kind !== 'customer' || r.figure === undefined || r.figure === null) return null;
      return (
        <span className="num" data-testid="drill-figure" data-value={r.figure}>
          {money ? formatMoney(Math.round(r.figure), { symbol: true }) : r.figure.toLocaleString()}
        </span>
      );
    },
    kind: 'number',
    sortField: 'figure',
  };
}
