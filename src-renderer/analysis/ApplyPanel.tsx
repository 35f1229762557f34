import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from '../components/toast-store';
import { useAnalysis } from './analysis-store';
import { ClassTable } from './ClassTable';
import { JobProgress } from './JobProgress';
import type { ClassPreview, SchemeDto } from './report-types';
import { useReport } from './use-report';
import { useSchemePeriods } from './use-schemes';

/** A period's name for today: the month, e.g. 2026-11. */
export const currentPeriod = (asOf: string) => asOf.slice(0, 7);

/** 应用: runs the saved scheme for a named period (a snapshot per customer), shows the result and the periods so far. */
export function ApplyPanel({ scheme }: { scheme: SchemeDto }) {
  const { t } = useTranslation();
  const asOf = useAnalysis((s) => s.classAsOf);
  const [period, setPeriod] = useState(() => currentPeriod(asOf));
  const periods = useSchemePeriods(scheme.id);
  const { state, run, cancel } = useReport<ClassPreview[]>();
  const apply = async () => {
    const result = await run({ kind: 'schemeApply', schemeId: scheme.id, period: period.trim(), asOf });
    if (result) {
      // The periods follow by themselves: the apply announces classificationRun.
      toast.success(t('classification.applied', { period: period.trim(), n: result.reduce((a, r) => a + r.customers, 0) }));
    }
  };
  const colors = Object.fromEntries(scheme.definition.classes.map((c) => [c.key, c.color]));
  return (
    <div className="scheme-apply" data-testid="scheme-apply">
      <div className="section-title">{t('classification.apply')}</div>
      <div className="inline-row">
        <label className="an-field">
          <span className="form-label">{t('classification.applyPeriod')}</span>
          <input value={period} maxLength={20} data-testid="scheme-apply-period" onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="scheme-apply-run"
          disabled={!period.trim() || state.status === 'running'}
          onClick={() => void apply()}
        >
          {t('classification.applyButton')}
        </button>
      </div>
      <JobProgress state={state} onCancel={cancel} testId="scheme-apply-running" />
      {state.status === 'error' ? (
        <div className="banner banner-error" data-testid="scheme-apply-error">
          {state.message}
        </div>
      ) : null}
      {state.status === 'done' ? <ClassTable rows={state.data} colors={colors} testId="scheme-apply-result" /> : null}
      <div className="muted small" data-testid="scheme-periods" data-periods={periods.join(',')}>
        {t('classification.periods')}：{periods.length ? periods.join('、') : '—'}
      </div>
    </div>
  );
}
