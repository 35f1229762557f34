import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { formatDateTime } from '../i18n/labels';
import { CustomFieldInput } from './CustomFieldInput';
import { chartNumber, customText, fromDraft, toDraft, type DraftValue } from './custom-values';
import { HistoryChart } from './HistoryChart';
import { useData } from '../api/use-data';

/** 变动过程: a tracked field's values over time (from the change log), a chart, and entry of a past value. */
export function FieldHistoryDialog({ field, rowId, onClose }: { field: CustomField; rowId: string; onClose(): void }) {
  const { t } = useTranslation();
  const employees = useEmployees(true);
  const history = useData(() => api.fields.history({ fieldId: field.id, rowId }), [field.id, rowId], []);
  const [value, setValue] = useState<DraftValue>(toDraft(field, null));
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const [error, setError] = useState<string | null>(null);
  const data = history.data;
  const points = useMemo(() => data ?? [], [data]);
  const chartPoints = useMemo(
    () =>
      points.map((p) => ({ date: p.date, value: chartNumber(field, p.value) })).filter((p): p is { date: string; value: number } => p.value !== null),
    [points, field],
  );

  const record = async () => {
    setError(null);
    try {
      await api.fields.recordValue({ fieldId: field.id, rowId, value: fromDraft(field, value), effectiveDate: date });
      setValue(toDraft(field, null));
      setDate('');
      history.reload();
      toast.success(t('cards.history.recorded'));
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Dialog
      title={t('cards.history.title', { label: field.label })}
      testId="field-history-dialog"
      width={640}
      onClose={onClose}
      footer={
        <button type="button" data-testid="field-history-close" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {chartPoints.length > 0 ? (
        <>
          <div className="segmented chart-kind" role="group">
            <button type="button" className={kind === 'line' ? 'on' : ''} data-testid="field-history-line" onClick={() => setKind('line')}>
              {t('cards.history.line')}
            </button>
            <button type="button" className={kind === 'bar' ? 'on' : ''} data-testid="field-history-bar" onClick={() => setKind('bar')}>
              {t('cards.history.bar')}
            </button>
          </div>
          <HistoryChart points={chartPoints} kind={kind} />
        </>
      ) : null}
      <table className="data-table" data-testid="field-history-timeline">
        <thead>
          <tr>
            <th>{t('cards.history.effectiveDate')}</th>
            <th>{t('cards.history.value')}</th>
            <th>{t('cards.history.user')}</th>
            <th>{t('cards.history.recordedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {points.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t('cards.history.empty')}
              </td>
            </tr>
          ) : null}
          {points.map((p, i) => (
            <tr key={`${p.date}-${i}`} data-testid="field-history-point" data-date={p.date} data-backfilled={p.backfilled}>
              <td>{p.date}</td>
              <td data-testid="field-history-value">{customText(t, field, p.value, employees ?? [])}</td>
              <td>{p.userName}</td>
              <td className="muted">
                {formatDateTime(p.recordedAt)}
                {p.backfilled ? ` · ${t('cards.history.backfilled')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="form-section">
        <legend>{t('cards.history.enterPast')}</legend>
        <div className="form-grid history-entry">
          <label className="form-field">
            <span className="form-label">{t('cards.history.effectiveDate')}</span>
            <input type="date" value={date} data-testid="field-history-date" onChange={(e) => setDate(e.target.value)} />
          </label>
          <div className="form-field">
            <span className="form-label">{t('cards.history.value')}</span>
            <CustomFieldInput field={field} value={value} invalid={false} testId="field-history-input" employees={employees} onChange={setValue} />
          </div>
        </div>
        {error ? (
          <div className="banner banner-error" data-testid="field-history-error">
            {error}
          </div>
        ) : null}
        <button type="button" className="primary" data-testid="field-history-record" disabled={!date} onClick={() => void record()}>
          {t('cards.history.record')}
        </button>
      </fieldset>
    </Dialog>
  );
}
