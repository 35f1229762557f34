import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleRules } from '../../src-shared/analysis/scheme';
import { LIFECYCLE_STAGES } from '../../src-shared/domain/enums';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { useAnalysis } from './analysis-store';
import { JobProgress } from './JobProgress';
import type { LifecycleCounts } from './report-types';
import { useReport } from './use-report';

const KEYS = ['newWithinDays', 'dormantAfterDays', 'lostAfterDays'] as const;

/** 生命周期规则: the days that make a customer new, dormant (休眠) or lost (流失); applying recomputes every stage. */
export function LifecyclePanel() {
  const { t } = useTranslation();
  const asOf = useAnalysis((s) => s.classAsOf);
  const loaded = useData(() => api.lifecycle.rules({}), [], ['setting']);
  /** The user's edits; until the first one the panel shows (and follows) the saved rules. */
  const [draft, setRules] = useState<LifecycleRules | null>(null);
  const rules = draft ?? loaded.data;
  const [error, setError] = useState<string | null>(null);
  const { state, run, cancel } = useReport<LifecycleCounts>();
  if (!rules) return loaded.error ? <div className="banner banner-error">{loaded.error}</div> : null;
  const save = async (): Promise<boolean> => {
    if (rules.lostAfterDays <= rules.dormantAfterDays) {
      setError(t('classification.lifecycleRange'));
      return false;
    }
    try {
      setRules(await api.lifecycle.saveRules({ rules }));
      setError(null);
      return true;
    } catch (err) {
      setError(errorText(t, err));
      return false;
    }
  };
  const apply = async () => {
    if (!(await save())) return;
    if (await run({ kind: 'lifecycleApply', asOf })) toast.success(t('classification.lifecycleApplied'));
  };
  return (
    <div className="lifecycle-panel" data-testid="lifecycle-panel">
      <div className="section-title">{t('classification.lifecycle')}</div>
      <div className="inline-row">
        {KEYS.map((k) => (
          <label key={k} className="an-field">
            <span className="form-label">{t(`classification.${k}`)}</span>
            <input
              type="number"
              min={1}
              max={3650}
              value={rules[k]}
              data-testid={`lifecycle-${k}`}
              onChange={(e) => setRules({ ...rules, [k]: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
            />
          </label>
        ))}
        <button
          type="button"
          data-testid="lifecycle-save"
          onClick={() =>
            void save().then((ok) => {
              if (ok) toast.success(t('classification.lifecycleSaved'));
            })
          }
        >
          {t('classification.lifecycleSave')}
        </button>
        <button type="button" className="primary" data-testid="lifecycle-apply" disabled={state.status === 'running'} onClick={() => void apply()}>
          {t('classification.lifecycleApply')}
        </button>
      </div>
      {error ? (
        <div className="field-error" data-testid="lifecycle-error">
          {error}
        </div>
      ) : null}
      <JobProgress state={state} onCancel={cancel} testId="lifecycle-running" />
      {state.status === 'error' ? <div className="banner banner-error">{state.message}</div> : null}
      {state.status === 'done' ? (
        <div className="lifecycle-counts" data-testid="lifecycle-result">
          {LIFECYCLE_STAGES.map((s) => (
            <span key={s} className="stat" data-testid="lifecycle-count" data-stage={s} data-count={state.data[s]}>
              {t(`enums.lifecycle.${s}`)}：<b>{state.data[s]}</b>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
