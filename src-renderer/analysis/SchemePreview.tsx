import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchemeDefinition } from '../../src-shared/analysis/scheme';
import { useAnalysis } from './analysis-store';
import { ClassTable } from './ClassTable';
import type { ClassPreview } from './report-types';
import { problemOf } from './scheme-draft';
import { useReport } from './use-report';

/** 实时预览: the classes the draft gives on live data, recomputed (as a job) shortly after each edit. */
export function SchemePreview({ definition }: { definition: SchemeDefinition }) {
  const { t } = useTranslation();
  const asOf = useAnalysis((s) => s.classAsOf);
  // The last figures stay on screen while the next ones compute.
  const { state, last: shown, run } = useReport<ClassPreview[]>();
  const valid = problemOf(definition) === null;
  useEffect(() => {
    if (!valid) return;
    const timer = window.setTimeout(() => void run({ kind: 'schemePreview', definition, asOf }), 400);
    return () => window.clearTimeout(timer);
  }, [definition, asOf, valid, run]);
  const colors = Object.fromEntries(definition.classes.map((c) => [c.key, c.color]));
  return (
    <div className="scheme-preview" data-testid="scheme-preview" data-status={valid ? state.status : 'invalid'}>
      <div className="section-title">
        {t('classification.preview')} <span className="muted small">{t('classification.previewHint')}</span>
        {state.status === 'running' ? (
          <span className="muted small" data-testid="scheme-preview-running">
            {' '}
            {t('analysis.computing')}
          </span>
        ) : null}
      </div>
      {state.status === 'error' ? <div className="banner banner-error">{state.message}</div> : null}
      {shown ? <ClassTable rows={shown} colors={colors} testId="scheme-preview-table" /> : null}
    </div>
  );
}
