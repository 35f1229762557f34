import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { SchemeSelect } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useReportRun } from './use-report-run';
import { useSchemes } from './use-schemes';
import { DrillCount } from './DrillCount';

/** 分类分布变化: customers per class in each applied period, stacked; a bar segment drills to its customers. */
export function DistributionReport() {
  const { t } = useTranslation();
  const { schemes, scheme, loaded } = useSchemes();
  // Reruns when the scheme changes.
  const { state, run, cancel } = useReportRun<'distribution'>(scheme ? { kind: 'distribution', schemeId: scheme.id } : null, scheme?.id ?? '');
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.distribution');
  const data = state.status === 'done' ? state.data : null;
  const drill = (period: string, key: string) => {
    if (scheme)
      openDrill({ title: `${scheme.name} · ${period} · ${key}`, target: { of: 'snapshotClass', schemeId: scheme.id, period, classKey: key } });
  };
  const colorOf = (key: string) => scheme?.definition.classes.find((c) => c.key === key)?.color;
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: data.periods },
        yAxis: { type: 'value', name: t('analysis.customers') },
        series: data.series.map((s) => ({
          type: 'bar',
          stack: 'all',
          name: s.key,
          data: s.counts,
          itemStyle: colorOf(s.key) ? { color: colorOf(s.key) } : undefined,
        })),
      },
    [data, t], // eslint-disable-line react-hooks/exhaustive-deps -- colours follow the data's scheme
  );
  if (loaded && !scheme) return <p className="muted pad">{t('analysis.noScheme')}</p>;
  return (
    <ReportFrame
      kind="distribution"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={<SchemeSelect schemes={schemes} scheme={scheme} />}
      chart={
        option && scheme
          ? {
              option,
              onClick: (e) => {
                const key = data?.series[e.seriesIndex]?.key;
                const period = data?.periods[e.dataIndex];
                if (key && period) drill(period, key);
              },
            }
          : null
      }
      sheets={() => [
        {
          name: title,
          rows: [
            [t('analysis.period'), ...(data?.series.map((s) => s.key) ?? [])],
            ...(data?.periods.map((p, i) => [p, ...data.series.map((s) => s.counts[i] ?? 0)]) ?? []),
          ],
        },
      ]}
    >
      {data ? (
        <table className="data-table compact" data-testid="distribution-table">
          <thead>
            <tr>
              <th>{t('analysis.period')}</th>
              {data.series.map((s) => (
                <th key={s.key} className="num">
                  {s.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.periods.map((p, i) => (
              <tr key={p} data-testid="distribution-row" data-period={p}>
                <td>{p}</td>
                {data.series.map((s) => (
                  <td key={s.key} className="num" data-key={s.key}>
                    <DrillCount
                      testId="distribution-cell"
                      n={s.counts[i] ?? 0}
                      data={{ 'data-period': p, 'data-key': s.key }}
                      onClick={() => drill(p, s.key)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ReportFrame>
  );
}
