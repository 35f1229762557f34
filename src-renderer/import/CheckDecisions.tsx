import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { importFieldLabel, optionChoices } from './import-fields';
import { useImport } from './import-store';
import { duplicateActionsOf, type DuplicateAction, type ImportReport } from './import-types';

/** Duplicates in the file or in the workspace: a default action and a per-row override. */
export function DuplicatesTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const action = useImport((s) => s.duplicateAction);
  const rowActions = useImport((s) => s.rowActions);
  const set = useImport((s) => s.set);
  const actions = duplicateActionsOf(report.target);
  if (report.duplicates.length === 0)
    return (
      <p className="muted" data-testid="import-no-duplicates">
        {t('imp.dup.none')}
      </p>
    );
  return (
    <div data-testid="import-duplicates">
      <label className="import-inline">
        <span className="form-label">{t('imp.dup.default')}</span>
        <select data-testid="import-dup-default" value={action} onChange={(e) => set({ duplicateAction: e.target.value as DuplicateAction })}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`imp.dup.action.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <table className="data-table import-table">
        <thead>
          <tr>
            <th>{t('imp.report.row')}</th>
            <th>
              {t(
                report.target === 'receipts'
                  ? 'imp.dup.receipt'
                  : report.target === 'records'
                    ? 'imp.dup.record'
                    : report.target === 'contacts'
                      ? 'contact.name'
                      : 'imp.dup.name',
              )}
            </th>
            <th>{t('imp.dup.match')}</th>
            <th>{t('imp.dup.action.title')}</th>
          </tr>
        </thead>
        <tbody>
          {report.duplicates.map((d) => (
            <tr
              key={d.row}
              data-testid="import-duplicate"
              data-row={d.row}
              data-where={d.matchId ? 'workspace' : 'file'}
              data-match-id={d.matchId ?? ''}
            >
              <td className="num">{d.row}</td>
              <td>{d.name}</td>
              <td>
                {d.matchId
                  ? t(report.target === 'customers' ? 'imp.dup.inWorkspace' : 'imp.dup.inWorkspaceOther', { name: d.matchName })
                  : t('imp.dup.inFile', { row: d.matchRow ?? 0, name: d.matchName })}
              </td>
              <td>
                <select
                  data-testid="import-dup-action"
                  value={rowActions[String(d.row)] ?? ''}
                  onChange={(e) => {
                    const next = { ...rowActions };
                    if (e.target.value) next[String(d.row)] = e.target.value as DuplicateAction;
                    else delete next[String(d.row)];
                    set({ rowActions: next });
                  }}
                >
                  <option value="">{t('imp.dup.useDefault', { action: t(`imp.dup.action.${action}`) })}</option>
                  {actions.map((a) => (
                    <option key={a} value={a}>
                      {t(`imp.dup.action.${a}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// A selector must return the same object while nothing changed, or zustand re-renders forever.
const NO_STATUSES: readonly { key: string; label: string }[] = [];
const UNDECIDED = '__undecided';
const EMPTY = '__empty';

/** Sheet values that match no option: map each to an option, or leave the field empty. */
export function UnknownOptions({ report, customFields }: { report: ImportReport; customFields: readonly CustomField[] }) {
  const { t } = useTranslation();
  const decisions = useImport((s) => s.optionDecisions);
  const set = useImport((s) => s.set);
  const statuses = useImport((s) => s.businessTypes.find((b) => b.id === s.businessTypeId)?.statuses ?? NO_STATUSES);
  const fields = Object.entries(report.unknownOptions).filter(([, values]) => values.length > 0);
  const needStaff = fields.some(
    ([f]) => f === 'ownerId' || f === 'employeeId' || customFields.some((c) => c.type === 'staff' && f === `custom:${c.columnName}`),
  );
  const staff = useData(() => (needStaff ? api.employees.list({}) : Promise.resolve([])), [needStaff], ['employee']).data ?? [];
  if (fields.length === 0) return null;
  const decide = (field: string, value: string, choice: string) => {
    const forField = { ...(decisions[field] ?? {}) };
    if (choice === UNDECIDED) delete forField[value];
    else forField[value] = choice === EMPTY ? null : choice;
    set({ optionDecisions: { ...decisions, [field]: forField } });
  };
  return (
    <div data-testid="import-unknown-options">
      <p className="muted">{t('imp.options.hint')}</p>
      <table className="data-table import-table">
        <thead>
          <tr>
            <th>{t('imp.report.field')}</th>
            <th>{t('imp.options.value')}</th>
            <th>{t('imp.options.becomes')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.flatMap(([field, values]) =>
            values.map((value) => {
              const decided = decisions[field]?.[value];
              const current = decided === undefined ? UNDECIDED : decided === null ? EMPTY : decided;
              return (
                <tr key={`${field}/${value}`} data-testid="import-unknown-option" data-field={field} data-value={value}>
                  <td>{importFieldLabel(t, report.target, field, customFields)}</td>
                  <td>{value}</td>
                  <td>
                    <select data-testid="import-option-decision" value={current} onChange={(e) => decide(field, value, e.target.value)}>
                      <option value={UNDECIDED}>{t('imp.options.undecided')}</option>
                      <option value={EMPTY}>{t('imp.options.empty')}</option>
                      {optionChoices(t, field, customFields, staff, statuses).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
