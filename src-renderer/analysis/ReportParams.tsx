import { useTranslation } from 'react-i18next';
import { useAnalysis } from './analysis-store';
import type { SchemeDto } from './report-types';

/** 分析日期 and 统计期, shared by the reports that take them. */
export function AsOfWindow({ window = true }: { window?: boolean }) {
  const { t } = useTranslation();
  const asOf = useAnalysis((s) => s.asOf);
  const windowDays = useAnalysis((s) => s.windowDays);
  const setAsOf = useAnalysis((s) => s.setAsOf);
  const setWindowDays = useAnalysis((s) => s.setWindowDays);
  return (
    <>
      <label className="an-field">
        <span className="form-label">{t('analysis.asOf')}</span>
        <input type="date" value={asOf} data-testid="report-asof" onChange={(e) => e.target.value && setAsOf(e.target.value)} />
      </label>
      {window ? (
        <label className="an-field">
          <span className="form-label">{t('analysis.windowDays')}</span>
          <input
            type="number"
            min={1}
            max={3660}
            value={windowDays}
            data-testid="report-window"
            onChange={(e) => setWindowDays(Math.max(1, Math.min(3660, Math.round(Number(e.target.value) || 1))))}
          />
        </label>
      ) : null}
    </>
  );
}

export function SchemeSelect({ schemes, scheme }: { schemes: SchemeDto[]; scheme: SchemeDto | null }) {
  const { t } = useTranslation();
  const setSchemeId = useAnalysis((s) => s.setSchemeId);
  return (
    <label className="an-field">
      <span className="form-label">{t('analysis.scheme')}</span>
      <select value={scheme?.id ?? ''} data-testid="report-scheme" onChange={(e) => setSchemeId(e.target.value)}>
        {schemes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PeriodSelect({ label, value, periods, onChange, testId }: { label: string; value: string; periods: string[]; onChange(p: string): void; testId: string }) {
  return (
    <label className="an-field">
      <span className="form-label">{label}</span>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {periods.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}
