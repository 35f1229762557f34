import { useTranslation } from 'react-i18next';
import type { SchemeDefinition } from '../../src-shared/analysis/scheme';

type Contribution = Extract<SchemeDefinition['method'], { kind: 'contribution' }>;

interface Props {
  definition: SchemeDefinition;
  method: Contribution;
  onChange(method: Contribution): void;
}

/** Contribution share: metric, and the cumulative share each class reaches (the last is 100%). */
export function ContributionEditor({ definition, method, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="scheme-method" data-testid="scheme-contribution">
      <label className="an-field">
        <span className="form-label">{t('classification.metric')}</span>
        <select
          value={method.metric}
          data-testid="scheme-contribution-metric"
          onChange={(e) => onChange({ ...method, metric: e.target.value === 'profit' ? 'profit' : 'revenue' })}
        >
          <option value="revenue">{t('classification.metrics.revenue')}</option>
          <option value="profit">{t('classification.metrics.profit')}</option>
        </select>
      </label>
      <div className="cuts">
        {definition.classes.map((c, i) => {
          const last = i === definition.classes.length - 1;
          const value = method.cuts[i] ?? 1;
          return (
            <label key={i} className="an-field" data-testid="scheme-cut" data-key={c.key}>
              <span className="form-label">
                {c.key} · {t('classification.cut')}
              </span>
              <input
                type="number"
                min={0}
                max={100}
                step={1}
                disabled={last}
                value={Math.round(value * 1000) / 10}
                data-testid="scheme-cut-input"
                onChange={(e) => {
                  const v = Math.max(0, Math.min(100, Number(e.target.value))) / 100;
                  onChange({ ...method, cuts: method.cuts.map((x, j) => (j === i ? v : x)) });
                }}
              />
            </label>
          );
        })}
      </div>
      <p className="muted small">{t('classification.cutHint')}</p>
    </div>
  );
}
