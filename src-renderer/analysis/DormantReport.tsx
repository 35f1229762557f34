import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../src-shared/money';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import type { DormantResult } from './report-types';
import { useReport } from './use-report';

const BUCKETS = [180, 270, 365, 730];

/** 静止户: customers quiet for N days, the revenue at risk, and the list with last order and owner. */
export function DormantReport() {
  const { t } = useTranslation();
  const [days, setDays] = useState(180);
  const { state, run, cancel } = useReport<DormantResult>();
  const openDrill = useAnalysis((s) => s.openDrill);
  const asOf = () => useAnalysis.getState().asOf;
  const go = () => void run({ kind: 'dormant', asOf: asOf(), dormantDays: days });
  useEffect(go, []); // eslint-disable-line react-hooks/exhaustive-deps -- first run on open
  const title = t('analysis.reports.dormant');
  const data = state.status === 'done' ? state.data : null;
  const drill = () => openDrill({ title: t('analysis.dormant.count', { n: (data?.count ?? 0).toLocaleString() }), target: { of: 'dormant', asOf: asOf(), dormantDays: days } });
  // How long the listed customers have been quiet, in bands.
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const bands = BUCKETS.map((b, i) => ({ label: i === BUCKETS.length - 1 ? `≥${b}` : `${b}–${(BUCKETS[i + 1] ?? b) - 1}`, from: b, to: BUCKETS[i + 1] ?? Infinity }));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: bands.map((b) => b.label) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: bands.map((b) => data.list.filter((c) => (c.daysSinceLastOrder ?? 0) >= b.from && (c.daysSinceLastOrder ?? 0) < b.to).length) }],
    };
  }, [data]);
  const open = (id: string) => {
    useApp.getState().setScreen('customers');
    void useCard.getState().open(id);
  };
  return (
    <ReportFrame
      kind="dormant"
      title={title}
      state={state}
      onRun={go}
      onCancel={cancel}
      params={
        <>
          <AsOfWindow window={false} />
          <label className="an-field">
            <span className="form-label">{t('analysis.dormant.days')}</span>
            <input type="number" min={1} max={3660} value={days} data-testid="dormant-days" onChange={(e) => setDays(Math.max(1, Math.min(3660, Math.round(Number(e.target.value) || 1))))} />
          </label>
        </>
      }
      chart={option ? { option, height: 220, onClick: drill } : null}
      sheets={() => [
        {
          name: title,
          rows: [
            [t('analysis.dormant.name'), t('analysis.dormant.lastOrder'), t('analysis.dormant.daysSince'), t('analysis.dormant.owner')],
            ...(data?.list.map((c) => [c.name, c.lastOrder, c.daysSinceLastOrder, c.owner]) ?? []),
            [],
            [t('analysis.dormant.count', { n: data?.count ?? 0 }), yuan(data?.valueAtRisk ?? 0)],
          ],
        },
      ]}
    >
      {data ? (
        <>
          <p className="report-headline" data-testid="dormant-count" data-count={data.count}>
            {t('analysis.dormant.count', { n: data.count.toLocaleString() })}
          </p>
          <p data-testid="dormant-at-risk" data-fen={data.valueAtRisk}>
            {t('analysis.dormant.atRisk', { amount: formatMoney(data.valueAtRisk, { symbol: true }) })}
          </p>
          <button type="button" data-testid="dormant-drill" disabled={data.count === 0} onClick={drill}>
            {t('analysis.dormant.drill')}
          </button>
          <table className="data-table compact" data-testid="dormant-table">
            <thead>
              <tr>
                <th>{t('analysis.dormant.name')}</th>
                <th>{t('analysis.dormant.lastOrder')}</th>
                <th className="num">{t('analysis.dormant.daysSince')}</th>
                <th>{t('analysis.dormant.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {data.list.map((c) => (
                <tr key={c.id} data-testid="dormant-row" data-id={c.id}>
                  <td>
                    <button type="button" className="link" data-testid="dormant-open" onClick={() => open(c.id)}>
                      {c.name}
                    </button>
                  </td>
                  <td>{c.lastOrder}</td>
                  <td className="num">{c.daysSinceLastOrder}</td>
                  <td>{c.owner ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ReportFrame>
  );
}
