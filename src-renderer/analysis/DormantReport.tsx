import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import type { DormantResult } from './report-types';
import { startReport } from './report-job';
import { useReportRun } from './use-report-run';

/** 静止户: customers quiet for N days, the revenue at risk, and the list with last order and owner. */
export function DormantReport() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState(180);
  const asOf = useAnalysis((s) => s.asOf);
  // `ran`: what the shown result was run with; the drill and the export list the same customers, whatever the inputs say now.
  const { state, ran, run, cancel } = useReportRun<'dormant'>({ kind: 'dormant', asOf, dormantDays: days });
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.dormant');
  const data = state.status === 'done' ? state.data : null;
  const drill = () =>
    ran &&
    openDrill({
      title: t('analysis.dormant.count', { n: (data?.count ?? 0).toLocaleString() }),
      target: { of: 'dormant', asOf: ran.asOf, dormantDays: ran.dormantDays },
    });
  // How long all dormant customers have been quiet, in bands from the threshold (counted by main, not from the listed 200).
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const label = (b: DormantResult['bands'][number]) =>
      b.toDays === null ? t('analysis.dormant.bandOpen', { from: b.fromDays }) : t('analysis.dormant.band', { from: b.fromDays, to: b.toDays });
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 30, bottom: 50 },
      xAxis: { type: 'category', name: t('analysis.dormant.bandAxis'), nameLocation: 'middle', nameGap: 30, data: data.bands.map(label) },
      yAxis: { type: 'value', name: t('analysis.dormant.customersAxis'), minInterval: 1 },
      series: [{ type: 'bar', label: { show: true, position: 'top' }, data: data.bands.map((b) => b.count) }],
    };
  }, [data, t]);
  // The export lists every dormant customer: the table shows the first 200, so fetch the rest.
  const allRows = async (): Promise<DormantResult['list']> => {
    if (!data || !ran || data.count <= data.list.length) return data?.list ?? [];
    const full = await startReport<DormantResult>({ ...ran, all: true }).result;
    return full.list;
  };
  const open = (id: string) => {
    useApp.getState().setScreen('customers');
    void useCard.getState().open(id);
  };
  return (
    <ReportFrame
      kind="dormant"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <AsOfWindow window={false} />
          <label className="an-field">
            <span className="form-label">{t('analysis.dormant.days')}</span>
            <input
              type="number"
              min={1}
              max={3660}
              value={days}
              data-testid="dormant-days"
              onChange={(e) => setDays(Math.max(1, Math.min(3660, Math.round(Number(e.target.value) || 1))))}
            />
          </label>
        </>
      }
      chart={option ? { option, height: 220, onClick: drill } : null}
      sheets={async () => [
        {
          name: title,
          rows: [
            [t('analysis.dormant.name'), t('analysis.dormant.lastOrder'), t('analysis.dormant.daysSince'), t('analysis.dormant.owner')],
            ...(await allRows()).map((c) => [c.name, c.lastOrder, c.daysSinceLastOrder, c.owner]),
            [],
            // The totals say what they are: the amount is not a last-order date or a day count.
            [t('analysis.dormant.count', { n: data?.count ?? 0 })],
            [t('analysis.dormant.atRiskLabel'), yuan(data?.valueAtRisk ?? 0)],
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
            {t('analysis.dormant.atRisk', { amount: formatMoneyShort(data.valueAtRisk, i18n.language) })}
          </p>
          <button type="button" data-testid="dormant-drill" disabled={data.count === 0} onClick={drill}>
            {t('analysis.dormant.drill')}
          </button>
          {data.count > data.list.length ? (
            <p className="muted" data-testid="dormant-shown" data-shown={data.list.length} data-count={data.count}>
              {t('analysis.dormant.shownOf', { shown: data.list.length.toLocaleString(), n: data.count.toLocaleString() })}
            </p>
          ) : null}
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
