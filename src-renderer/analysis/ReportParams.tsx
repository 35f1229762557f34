import { useTranslation } from 'react-i18next';
import { useStoreSites } from '../sync/store-sites';
import { storeText } from '../sync/store-text';
import { useSync } from '../sync/sync-store';
import { useAnalysis } from './analysis-store';
import { useReportStore } from './report-store';
import type { SchemeDto } from './report-types';

/** 分析日期 and 统计期, shared by the reports that take them. */
export function AsOfWindow({ window = true }: { window?: boolean }) {
  const { t } = useTranslation();
  const asOf = useAnalysis((s) => s.asOf);
  const windowDays = useAnalysis((s) => s.windowDays);
  const setAsOf = useAnalysis((s) => s.setAsOf);
  const setWindowDays = useAnalysis((s) => s.setWindowDays);
  const lastSale = useAnalysis((s) => s.lastSale);
  return (
    <>
      <label className="an-field">
        <span className="form-label">{t('analysis.asOf')}</span>
        <input type="date" value={asOf} data-testid="report-asof" onChange={(e) => e.target.value && setAsOf(e.target.value)} />
        <LastSaleHint date={asOf} lastSale={lastSale} />
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

/** Says when a date is the last sale's (the default for imported history), so nobody mistakes it for today. */
export function LastSaleHint({ date, lastSale }: { date: string; lastSale: string | null | undefined }) {
  const { t } = useTranslation();
  if (!lastSale || date !== lastSale) return null;
  return (
    <span className="muted small" data-testid="asof-last-sale">
      {t('analysis.asOfLastSale')}
    </span>
  );
}

/** 分类日期: classification's own date (previews, applying a scheme, lifecycle rules), apart from the reports'. */
export function ClassAsOf() {
  const { t } = useTranslation();
  const classAsOf = useAnalysis((s) => s.classAsOf);
  const setClassAsOf = useAnalysis((s) => s.setClassAsOf);
  const lastSale = useAnalysis((s) => s.lastSale);
  return (
    <label className="an-field">
      <span className="form-label">{t('classification.asOf')}</span>
      <input type="date" value={classAsOf} data-testid="classification-asof" onChange={(e) => e.target.value && setClassAsOf(e.target.value)} />
      <LastSaleHint date={classAsOf} lastSale={lastSale} />
    </label>
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

export function PeriodSelect({
  label,
  value,
  periods,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  periods: string[];
  onChange(p: string): void;
  testId: string;
}) {
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

/** 门店: HQ reads any report for one store or for all (全部门店); elsewhere nothing is shown. Changing it reruns the report. */
export function StoreFilter() {
  const { t } = useTranslation();
  const role = useSync((s) => s.status?.role ?? null);
  const sites = useStoreSites();
  const store = useReportStore();
  const setStore = useAnalysis((s) => s.setStore);
  if (role !== 'hq' || sites.length === 0) return null;
  return (
    <label className="an-field">
      <span className="form-label">{t('analysis.store')}</span>
      <select value={store ?? ''} data-testid="report-store" onChange={(e) => setStore(e.target.value || null)}>
        <option value="">{t('analysis.allStores')}</option>
        {sites.map((s) => (
          <option key={s.code} value={s.code}>
            {storeText(s.code, sites)}
          </option>
        ))}
      </select>
    </label>
  );
}
