import { useTranslation } from 'react-i18next';
import type { GroupRowDto } from '../../src-shared/contract/business-methods';

export interface MeasureDef {
  /** `fn:field`, as lists.group names the values. */
  id: string;
  label: string;
  format(value: number | null): string;
}

/** Grouped rows with subtotals per level and the grand total (合计) last. */
export function GroupedTable(props: {
  rows: readonly GroupRowDto[];
  levels: readonly string[];
  keyLabel(level: number, key: string | number | null): string;
  measures: readonly MeasureDef[];
  testId: string;
  /** When given, each group's name is a button that opens the group's rows. */
  onOpen?: ((row: GroupRowDto, label: string) => void) | undefined;
}) {
  const { rows, levels, keyLabel, measures, testId, onOpen } = props;
  const { t } = useTranslation();
  return (
    <table className="data-table grouped-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{levels.join(' / ')}</th>
          <th className="num">{t('cards.lists.count')}</th>
          {measures.map((m) => (
            <th key={m.id} className="num">
              {m.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const total = r.level === 0;
          const last = r.key[r.key.length - 1] ?? null;
          const label = total ? t('cards.lists.grandTotal') : keyLabel(r.level - 1, last);
          const isLeaf = r.level === levels.length;
          return (
            <tr
              key={JSON.stringify(r.key)}
              className={total ? 'group-total' : isLeaf ? 'group-leaf' : 'group-subtotal'}
              data-testid={total ? 'group-total' : 'group-row'}
              data-level={r.level}
              data-label={label}
              data-path={r.key.map((k, i) => keyLabel(i, k)).join('/')}
              data-count={r.count}
            >
              <td style={{ paddingLeft: 8 + Math.max(0, r.level - 1) * 20 }}>
                {onOpen && !total ? (
                  <button type="button" className="link-button" data-testid="group-open" onClick={() => onOpen(r, label)}>
                    {isLeaf ? label : <b>{label}</b>}
                  </button>
                ) : total || !isLeaf ? (
                  <b>{label}</b>
                ) : (
                  label
                )}
                {!total && !isLeaf ? <span className="muted"> · {t('cards.lists.subtotal')}</span> : null}
              </td>
              <td className="num" data-testid="group-count">
                {r.count}
              </td>
              {measures.map((m) => (
                <td key={m.id} className="num" data-testid="group-value" data-measure={m.id} data-value={r.values[m.id] ?? ''}>
                  {m.format(r.values[m.id] ?? null)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
