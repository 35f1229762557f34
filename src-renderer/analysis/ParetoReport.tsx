import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { pct, yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useAsOfWindow, useReportRun } from './use-report-run';

/** 80/20 贡献曲线: customers by revenue, largest first, against the cumulative share; the exact top-20% share as text. */
export function ParetoReport() {
  const { t, i18n } = useTranslation();
  const { state, ran, run, cancel } = useReportRun<'pareto'>({ kind: 'pareto', ...useAsOfWindow() });
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.pareto');
  const drillTop = () =>
    ran && openDrill({ title: t('analysis.pareto.drillTop'), target: { of: 'paretoTop', asOf: ran.asOf, windowDays: ran.windowDays, share: 0.2 } });
  const data = state.status === 'done' ? state.data : null;
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => pct(Number(v) / 100) },
        grid: { left: 60, right: 30, top: 30, bottom: 50 },
        xAxis: {
          type: 'value',
          min: 0,
          max: 100,
          name: t('analysis.pareto.xAxis'),
          nameLocation: 'middle',
          nameGap: 30,
          axisLabel: { formatter: '{value}%' },
        },
        yAxis: { type: 'value', min: 0, max: 100, name: t('analysis.pareto.yAxis'), axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'line',
            name: t('analysis.pareto.curve'),
            showSymbol: false,
            areaStyle: { opacity: 0.15 },
            data: data.points.map((p) => [p.customerShare * 100, p.valueShare * 100]),
            // Each line says what it marks: the top 20 % of customers, and the share of revenue they bring.
            markLine: {
              symbol: 'none',
              data: [
                { xAxis: 20, label: { formatter: t('analysis.pareto.markCustomers'), position: 'end' } },
                {
                  yAxis: data.top20Share * 100,
                  label: { formatter: t('analysis.pareto.markRevenue', { share: pct(data.top20Share) }), position: 'insideStartTop' },
                },
              ],
            },
            markArea: { silent: false, itemStyle: { color: 'rgba(196,43,28,0.08)' }, data: [[{ xAxis: 0 }, { xAxis: 20 }]] },
          },
        ],
      },
    [data, t],
  );
  return (
    <ReportFrame
      kind="pareto"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={<AsOfWindow />}
      chart={option ? { option, onClick: drillTop } : null}
      sheets={() => [
        {
          name: title,
          rows: [
            [t('analysis.pareto.xAxis'), t('analysis.pareto.yAxis')],
            ...(data?.points.map((p) => [p.customerShare, p.valueShare]) ?? []),
            [],
            [t('analysis.pareto.top20', { share: pct(data?.top20Share ?? 0) })],
            [t('analysis.revenue'), yuan(data?.total ?? 0)],
          ],
        },
      ]}
    >
      {data ? (
        <div className="report-summary">
          <p className="report-headline" data-testid="pareto-top20" data-share={data.top20Share}>
            {t('analysis.pareto.top20', { share: pct(data.top20Share) })}
          </p>
          <p className="muted" data-testid="pareto-customers" data-customers={data.customers}>
            {t('analysis.pareto.buying', { n: data.customers, all: data.allCustomers, total: formatMoneyShort(data.total, i18n.language) })}
          </p>
          <button type="button" data-testid="pareto-drill-top" disabled={data.customers === 0} onClick={drillTop}>
            {t('analysis.pareto.drillTop')}
          </button>
        </div>
      ) : null}
    </ReportFrame>
  );
}
