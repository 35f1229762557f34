import { useTranslation } from 'react-i18next';
import type { TransitionsResult } from './report-types';
import { DrillCount } from './DrillCount';

interface Props {
  data: TransitionsResult;
  order: readonly string[];
  onDrill(fromClass: string, toClass: string): void;
}

/** The matrix: rows the earlier class, columns the later one; diagonal unchanged; each count drills down. */
export function TransitionMatrix({ data, order, onDrill }: Props) {
  const { t } = useTranslation();
  const count = (f: string, to: string) => data.matrix.find((m) => m.from === f && m.to === to)?.customers ?? 0;
  const rank = (k: string) => order.indexOf(k);
  return (
    <table className="data-table compact matrix" data-testid="transitions-matrix">
      <caption className="muted small">{t('analysis.transitions.matrix')}</caption>
      <thead>
        <tr>
          <th>
            {data.from} \ {data.to}
          </th>
          {order.map((k) => (
            <th key={k} className="num">
              {k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {order.map((f) => (
          <tr key={f}>
            <th>{f}</th>
            {order.map((to) => {
              const n = count(f, to);
              const move = f === to ? 'same' : rank(to) < rank(f) ? 'up' : 'down';
              return (
                <td key={to} className={`num cell-${move}`}>
                  <DrillCount testId="transition-cell" n={n} data={{ 'data-from': f, 'data-to': to }} onClick={() => onDrill(f, to)} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
