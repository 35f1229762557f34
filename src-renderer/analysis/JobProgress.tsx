import { useTranslation } from 'react-i18next';
import type { ReportState } from './use-report';

/** A running analysis job: how far it is, what it is doing, and the way to stop it. */
export function JobProgress({ state, onCancel, testId = 'report-progress' }: { state: ReportState<unknown>; onCancel(): void; testId?: string }) {
  const { t } = useTranslation();
  if (state.status !== 'running') return null;
  const p = state.progress;
  const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : null;
  const label =
    p?.phase === 'reading'
      ? t('analysis.readingSales')
      : p?.phase === 'writing'
        ? t('analysis.writing', { done: p.done.toLocaleString(), total: p.total.toLocaleString() })
        : t('analysis.computing');
  return (
    <div className="report-progress no-print" data-testid={testId} data-phase={p?.phase ?? ''}>
      <div className="progress">
        <div className={`progress-fill${pct === null ? ' indeterminate' : ''}`} style={{ width: `${pct ?? 30}%` }} />
      </div>
      <span className="muted">{label}</span>
      <button type="button" data-testid="report-cancel" onClick={onCancel}>
        {t('analysis.cancel')}
      </button>
    </div>
  );
}
