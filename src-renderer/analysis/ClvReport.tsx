import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import { formatMoney } from '../../src-shared/money';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useAsOfWindow, useReportRun } from './use-report-run';

/** 客户终身价值: the formula with its figures, built up step by step in the chart. */
export function ClvReport() {
  const { t, i18n } = useTranslation();
  const [lifespan, setLifespan] = useState(3);
  const [marginPct, setMarginPct] = useState(30);
  // The drill lists the customers of the figures shown (`ran`), not of parameters changed since.
  const { state, ran, run, cancel } = useReportRun<'clv'>({
    kind: 'clv',
    ...useAsOfWindow(),
    lifespanYears: lifespan,
    grossMargin: marginPct / 100,
  });
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.clv');
  const data = state.status === 'done' ? state.data : null;
  const drill = () =>
    ran &&
    openDrill({
      title: t('analysis.clv.buyers', { n: (data?.customers ?? 0).toLocaleString() }),
      target: { of: 'buyers', asOf: ran.asOf, windowDays: ran.windowDays, clv: { lifespanYears: ran.lifespanYears, grossMargin: ran.grossMargin } },
    });
  const steps = useMemo(
    () =>
      data
        ? [
            { label: t('analysis.clv.avgOrderValue'), fen: data.avgOrderValue },
            { label: `× ${data.purchasesPerYear.toFixed(2)}`, fen: data.avgOrderValue * data.purchasesPerYear },
            { label: `× ${data.lifespanYears}`, fen: data.avgOrderValue * data.purchasesPerYear * data.lifespanYears },
            { label: `× ${Math.round(data.grossMargin * 100)}%`, fen: data.clv },
          ]
        : [],
    [data, t],
  );
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 80, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: steps.map((s) => s.label) },
        yAxis: { type: 'value', name: t('analysis.revenue'), axisLabel: { formatter: (v: number) => formatMoneyShort(v * 100, i18n.language) } },
        series: [
          {
            type: 'bar',
            data: steps.map((s) => yuan(Math.round(s.fen))),
            label: { show: true, position: 'top', formatter: (p: { value: number }) => formatMoneyShort(p.value * 100, i18n.language) },
          },
        ],
      },
    [data, steps, t, i18n.language],
  );
  const num = (v: string, min: number, max: number) => Math.max(min, Math.min(max, Number(v) || min));
  return (
    <ReportFrame
      kind="clv"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <AsOfWindow />
          <label className="an-field">
            <span className="form-label">{t('analysis.clv.lifespan')}</span>
            <input
              type="number"
              min={0.1}
              max={50}
              step={0.5}
              value={lifespan}
              data-testid="clv-lifespan"
              onChange={(e) => setLifespan(num(e.target.value, 0.1, 50))}
            />
          </label>
          <label className="an-field">
            <span className="form-label">{t('analysis.clv.margin')}</span>
            <input
              type="number"
              min={0}
              max={100}
              value={marginPct}
              data-testid="clv-margin"
              onChange={(e) => setMarginPct(num(e.target.value, 0, 100))}
            />
          </label>
        </>
      }
      chart={option ? { option, height: 260, onClick: drill } : null}
      sheets={() => [
        {
          name: title,
          rows: [
            [t('analysis.clv.formula'), data?.formula ?? ''],
            [t('analysis.clv.avgOrderValue'), yuan(Math.round(data?.avgOrderValue ?? 0))],
            [t('analysis.clv.purchasesPerYear'), data?.purchasesPerYear ?? 0],
            [t('analysis.clv.lifespan'), data?.lifespanYears ?? 0],
            [t('analysis.clv.margin'), data?.grossMargin ?? 0],
            [t('analysis.clv.value'), yuan(Math.round(data?.clv ?? 0))],
          ],
        },
      ]}
    >
      {data ? (
        <div className="report-summary">
          <p className="clv-formula" data-testid="clv-formula">
            {t('analysis.clv.value')} = {data.formula}
          </p>
          <p className="report-headline" data-testid="clv-value" data-fen={Math.round(data.clv)}>
            {formatMoney(Math.round(data.avgOrderValue), { symbol: true })} × {data.purchasesPerYear.toFixed(2)} × {data.lifespanYears} ×{' '}
            {Math.round(data.grossMargin * 100)}% = <b>{formatMoney(Math.round(data.clv), { symbol: true })}</b>
          </p>
          <p className="muted">
            {t('analysis.clv.window', {
              from: data.window.from,
              to: data.window.to,
              orders: data.orders,
              customers: data.customers,
              revenue: formatMoneyShort(data.revenue, i18n.language),
            })}
          </p>
          <button type="button" data-testid="clv-drill" disabled={data.customers === 0} onClick={drill}>
            {t('analysis.clv.drill')}
          </button>
        </div>
      ) : null}
    </ReportFrame>
  );
}
