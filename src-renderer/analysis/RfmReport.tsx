import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { pct, yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useAsOfWindow, useReportRun } from './use-report-run';
import { DrillCount } from './DrillCount';
import { MoneyCell } from './money-cell';

/** RFM: the eight segments with sizes, revenue shares and actions; the R×F face of the cube coloured by average M. Segments and cells drill down. */
export function RfmReport() {
  const { t, i18n } = useTranslation();
  const [buckets, setBuckets] = useState<3 | 4 | 5>(5);
  // Reruns at once when the scoring changes; dates and window on 计算. Drills use the shown result's parameters.
  const { state, ran, run, cancel } = useReportRun<'rfm'>(
    { kind: 'rfm', ...useAsOfWindow(), scoring: { kind: 'quantiles', buckets } },
    String(buckets),
  );
  const openDrill = useAnalysis((s) => s.openDrill);
  const params = () => (ran ? { asOf: ran.asOf, windowDays: ran.windowDays, scoring: ran.scoring } : null);
  const title = t('analysis.reports.rfm');
  const data = state.status === 'done' ? state.data : null;
  const drill = (segment: string) => {
    const p = params();
    if (p) openDrill({ title: `RFM · ${segment}`, target: { of: 'rfmSegment', ...p, segment } });
  };
  const drillCell = (r: number, f: number) => {
    const p = params();
    if (p) openDrill({ title: `RFM · R${r} F${f}`, target: { of: 'rfmCell', ...p, r, f } });
  };
  const cellCount = (r: number, f: number) => data?.heatmap.find((c) => c.r === r && c.f === f)?.customers ?? 0;
  const levels = Array.from({ length: buckets }, (_, i) => i + 1);
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const scores = Array.from({ length: buckets }, (_, i) => String(i + 1));
    const max = Math.max(1, ...data.heatmap.map((c) => c.avgMonetary));
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, number] }) =>
          `R ${p.data[1] + 1} · F ${p.data[0] + 1}<br/>${t('analysis.customers')} ${p.data[3]}<br/>${t('analysis.rfm.avgM')} ${formatMoneyShort(p.data[2], i18n.language)}`,
      },
      // Bottom up: the colour bar with its handle labels (≈ 45 px), the title above them, the F axis's name above that.
      grid: { left: 70, right: 30, top: 20, bottom: 130 },
      xAxis: { type: 'category', data: scores, name: t('analysis.rfm.f'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: scores, name: t('analysis.rfm.r'), nameLocation: 'middle', nameGap: 40 },
      // The colour scale's title says what the colour is: the cell's average monetary value.
      title: { text: t('analysis.rfm.legendTitle'), left: 'center', bottom: 64, textStyle: { fontSize: 12, fontWeight: 'normal' } },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        dimension: 2,
        formatter: (v: number) => formatMoneyShort(Math.round(v), i18n.language),
      },
      series: [
        {
          type: 'heatmap',
          data: data.heatmap.map((c) => [c.f - 1, c.r - 1, c.avgMonetary, c.customers]),
          label: { show: true, formatter: (p: { data: number[] }) => String(p.data[3]) },
        },
      ],
    };
  }, [data, buckets, t, i18n.language]);
  const head = [t('analysis.rfm.segment'), t('analysis.customers'), t('analysis.revenue'), t('analysis.revenueShare'), t('analysis.rfm.action')];
  return (
    <ReportFrame
      kind="rfm"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <AsOfWindow />
          <label className="an-field">
            <span className="form-label">{t('analysis.rfm.scoring')}</span>
            <select
              value={buckets}
              data-testid="rfm-buckets"
              onChange={(e) => setBuckets(e.target.value === '3' ? 3 : e.target.value === '4' ? 4 : 5)}
            >
              {[3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {t('analysis.rfm.quantiles', { n })}
                </option>
              ))}
            </select>
          </label>
        </>
      }
      chart={
        option
          ? {
              option,
              height: 380,
              onClick: (e) => {
                const cell = e.data as [number, number, number, number] | undefined;
                if (cell && cell[3] > 0) drillCell(cell[1] + 1, cell[0] + 1);
              },
            }
          : null
      }
      sheets={() => [
        { name: title, rows: [head, ...(data?.segments.map((s) => [s.segment, s.customers, yuan(s.revenue), s.revenueShare, s.action]) ?? [])] },
        {
          name: 'R×F',
          rows: [
            ['R', 'F', t('analysis.customers'), t('analysis.rfm.avgM')],
            ...(data?.heatmap.map((c) => [c.r, c.f, c.customers, yuan(c.avgMonetary)]) ?? []),
          ],
        },
      ]}
    >
      {data ? (
        <>
          <p className="muted" data-testid="rfm-analysed" data-count={data.customers}>
            {t('analysis.rfm.analysed', { n: data.customers })}
          </p>
          <table className="data-table compact" data-testid="rfm-segments">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.segments.map((s) => (
                <tr key={s.segment} data-testid="rfm-segment" data-segment={s.segment} data-customers={s.customers}>
                  <td>
                    <button type="button" className="link" data-testid="rfm-drill" disabled={s.customers === 0} onClick={() => drill(s.segment)}>
                      {s.segment}
                    </button>
                  </td>
                  <td className="num">{s.customers}</td>
                  <MoneyCell fen={s.revenue} testId="rfm-segment-revenue" />
                  <td className="num">{pct(s.revenueShare)}</td>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table compact rfm-heatmap" data-testid="rfm-heatmap">
            <caption className="muted">{t('analysis.rfm.heatmapCaption')}</caption>
            <thead>
              <tr>
                <th>R / F</th>
                {levels.map((f) => (
                  <th key={f} className="num">
                    F{f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...levels].reverse().map((r) => (
                <tr key={r}>
                  <th>R{r}</th>
                  {levels.map((f) => {
                    const n = cellCount(r, f);
                    return (
                      <td key={f} className="num">
                        <DrillCount testId="rfm-cell" n={n} data={{ 'data-r': String(r), 'data-f': String(f) }} onClick={() => drillCell(r, f)} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ReportFrame>
  );
}
