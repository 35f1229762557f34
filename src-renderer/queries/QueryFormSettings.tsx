import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATORS_BY_TYPE } from '../../src-shared/query/query-fields';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { fieldText } from './field-meta';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';

interface FormField {
  field: string;
  operator: string;
}

/** 配置查询条件: the manager chooses the fields and default operators of the simple query form. */
export function QueryFormSettings() {
  const { t } = useTranslation();
  const entity = useQuery((s) => s.definition.entity);
  const catalogue = useQueriesData((s) => s.catalogue);
  const loaded = useData(() => api.queryForms.get({ entity }), [entity], []);
  /** The manager's edits (or what was just saved) for this entity; until the first, the stored form. */
  const [draft, setDraft] = useState<{ entity: string; rows: FormField[]; saved: boolean } | null>(null);
  const own = draft?.entity === entity ? draft : null;
  const rows = own?.rows ?? loaded.data?.fields ?? null;
  const saved = own?.saved ?? loaded.data?.saved ?? false;
  const [saveError, setError] = useState<string | null>(null);
  const error = saveError ?? loaded.error;

  if (!catalogue || !rows) return <div className="muted pad">{error ?? t('common.loading')}</div>;
  const fields = entity === 'customer' ? catalogue.customer : catalogue.contact;
  const opsOf = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? OPERATORS_BY_TYPE[f.type] : [];
  };
  const setRows = (next: FormField[]) => setDraft({ entity, rows: next, saved });
  const set = (i: number, row: FormField) => setRows(rows.map((r, j) => (j === i ? row : r)));
  const move = (i: number, d: number) => {
    const next = rows.slice();
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + d, 0, r);
    setRows(next);
  };
  const save = async () => {
    try {
      setDraft({ entity, rows: await api.queryForms.save({ entity, fields: rows }), saved: true });
      setError(null);
      toast.success(t('forms.saved'));
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const unused = fields.find((f) => !rows.some((r) => r.field === f.key));

  return (
    <div className="qb-forms" data-testid="query-form-settings">
      <p className="muted">
        {t('forms.hint')} {saved ? null : <span>{t('forms.notSaved')}</span>}
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('qb.field')}</th>
            <th>{t('qb.operator')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.field}-${i}`} data-testid="form-config-row" data-field={r.field}>
              <td>
                <select
                  data-testid="form-config-field"
                  value={r.field}
                  onChange={(e) => set(i, { field: e.target.value, operator: opsOf(e.target.value)[0] ?? 'eq' })}
                >
                  {fields.map((f) => (
                    <option key={f.key} value={f.key}>
                      {fieldText(t, entity, f, f.key)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select data-testid="form-config-operator" value={r.operator} onChange={(e) => set(i, { ...r, operator: e.target.value })}>
                  {opsOf(r.field).map((op) => (
                    <option key={op} value={op}>
                      {t(`qb.op.${op}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="row-actions">
                <button type="button" className="icon" disabled={i === 0} title={t('common.up')} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="icon" disabled={i === rows.length - 1} title={t('common.down')} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button
                  type="button"
                  className="icon danger-icon"
                  data-testid="form-config-remove"
                  title={t('common.remove')}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <div className="muted pad">{t('forms.empty')}</div> : null}
      {error ? <div className="banner banner-error">{error}</div> : null}
      <div className="qb-simple-actions">
        <button
          type="button"
          data-testid="form-config-add"
          disabled={!unused || rows.length >= 30}
          onClick={() => unused && setRows([...rows, { field: unused.key, operator: OPERATORS_BY_TYPE[unused.type][0] ?? 'eq' }])}
        >
          + {t('forms.add')}
        </button>
        <button type="button" className="primary" data-testid="form-config-save" onClick={() => void save()}>
          {t('forms.save')}
        </button>
      </div>
    </div>
  );
}
