import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { customerValueText } from '../i18n/labels';
import { customText } from '../card/custom-values';
import { importFieldLabel, problemSentence } from './import-fields';
import type { ImportReport, ImportTarget } from './import-types';

const SHOWN = 200;

function previewText(t: ReturnType<typeof useTranslation>['t'], target: ImportTarget, field: string, value: unknown, def?: CustomField): string {
  if (value === null || value === undefined) return '';
  if (target === 'customers') return customerValueText(t, field, value);
  // Records' own fields: money in yuan, options by label, as the card will show them.
  if (def) return customText(t, def, value);
  const plain = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));
  if (Array.isArray(value)) return value.map(plain).join('，');
  return plain(value);
}

/** The first rows as they will be stored (converted values, not the sheet's text). */
export function PreviewTable({ report, customFields }: { report: ImportReport; customFields: readonly CustomField[] }) {
  const { t } = useTranslation();
  const columns: string[] = [];
  for (const row of report.preview) {
    for (const [k, v] of Object.entries(row)) if (k !== 'row' && k !== 'custom' && v !== null && !columns.includes(k)) columns.push(k);
    const custom = row.custom;
    if (custom && typeof custom === 'object') for (const k of Object.keys(custom)) if (!columns.includes(`custom:${k}`)) columns.push(`custom:${k}`);
  }
  const cell = (row: Record<string, unknown>, column: string): unknown => {
    if (!column.startsWith('custom:')) return row[column];
    const custom = row.custom as Record<string, unknown> | undefined;
    return custom?.[column.slice(7)];
  };
  return (
    <div className="import-table-wrap">
      <table className="data-table import-table" data-testid="import-preview">
        <thead>
          <tr>
            <th>{t('imp.report.row')}</th>
            {columns.map((c) => (
              <th key={c} data-field={c}>
                {importFieldLabel(t, report.target, c, customFields)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.preview.map((row) => (
            <tr key={String(row.row)} data-testid="import-preview-row" data-row={String(row.row)}>
              <td className="num">{String(row.row)}</td>
              {columns.map((c) => (
                <td key={c} data-field={c}>
                  {previewText(
                    t,
                    report.target,
                    c.startsWith('custom:') ? c.slice(7) : c,
                    cell(row, c),
                    c.startsWith('custom:') ? customFields.find((f) => f.columnName === c.slice(7)) : undefined,
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every problem (the row is not imported) and every flag (imported, but check the value), each in words. */
export function ProblemsTable({ report, customFields }: { report: ImportReport; customFields: readonly CustomField[] }) {
  const { t } = useTranslation();
  const items = [...report.problems.map((p) => ({ ...p, kind: 'problem' })), ...report.flags.map((p) => ({ ...p, kind: 'flag' }))].sort(
    (a, b) => a.row - b.row,
  );
  if (items.length === 0)
    return (
      <p className="muted" data-testid="import-no-problems">
        {t('imp.check.noProblems')}
      </p>
    );
  return (
    <div className="import-table-wrap">
      <table className="data-table import-table" data-testid="import-problems">
        <thead>
          <tr>
            <th>{t('imp.report.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {items.slice(0, SHOWN).map((p, i) => (
            <tr
              key={i}
              data-testid="import-problem"
              data-kind={p.kind}
              data-row={p.row}
              data-field={p.field}
              data-code={p.code}
              className={p.kind === 'flag' ? 'import-flag' : 'import-error'}
            >
              <td data-testid="import-problem-text">
                {p.kind === 'flag' ? <span className="import-badge">{t('imp.check.flag')}</span> : null}
                {problemSentence(t, report.target, p, customFields)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > SHOWN ? <p className="muted">{t('imp.check.more', { n: items.length - SHOWN })}</p> : null}
    </div>
  );
}
