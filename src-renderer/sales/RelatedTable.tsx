import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from './related-columns';

interface RelatedTableProps<Row> {
  columns: ColumnDef<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  rowTestId: string;
  testId: string;
  onOpen?: ((row: Row) => void) | undefined;
  actions?: ((row: Row) => ReactNode) | undefined;
  footer?: ReactNode;
}

/** A related list on the card (orders, receipts, records …) with the layout's columns in its order. */
export function RelatedTable<Row>({ columns, rows, rowKey, rowTestId, testId, onOpen, actions, footer }: RelatedTableProps<Row>) {
  const { t } = useTranslation();
  return (
    <table className="data-table related-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={c.numeric ? 'num' : undefined} data-testid={`${testId}-header`} data-key={c.key}>
              {c.label}
            </th>
          ))}
          {actions ? <th /> : null}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length + (actions ? 1 : 0)} className="muted">
              {t('cards.none')}
            </td>
          </tr>
        ) : null}
        {rows.map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId} data-id={rowKey(row)} onDoubleClick={onOpen ? () => onOpen(row) : undefined}>
            {columns.map((c) => (
              <td key={c.key} className={c.numeric ? 'num' : undefined} data-key={c.key}>
                {c.cell(row)}
              </td>
            ))}
            {actions ? <td className="row-actions">{actions(row)}</td> : null}
          </tr>
        ))}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
}
