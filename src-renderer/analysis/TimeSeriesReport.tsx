import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import type { DrillTarget } from './report-types';
import { yuan } from './export-table';
import { ReportFrame } from './ReportFrame';
import { useReportRun } from './use-report-run';
import { DrillCount } from './DrillCount';
import { MoneyCell } from './money-cell';
import { useStoreSites } from '../sync/store-sites';
import { storeText } from '../sync/store-text';

type By = '' | 'class' | 'province' | 'store';

const BY_CHOICES = ['class', 'province', 'store'] as const;

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (`${y}-${String(m).padStart(2, '0')}` <= to && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** 时间序列: revenue, orders, active and new customers per month; revenue split by class or province on request. */
export function TimeSeriesReport() {
  const { t, i18n } = useTranslation();
  const asOf = useAnalysis((s) => s.asOf);
  const [range, setRange] = useState(() => ({ from: `${Number(asOf.slice(0, 4)) - 1}-${asOf.slice(5, 7)}`, to: asOf.slice(0, 7) }));
  const [by, setBy] = useState<By>('');
  // Reruns when the split changes; the months on 计算.
  const { state, ran, run, cancel } = useReportRun<'timeSeries'>(
    { kind: 'timeSeries', fromMonth: range.from, toMonth: range.to, ...(by ? { by } : {}) },
    by,
  );
  // The split the shown data was computed with (the select may have moved since).
  const ranBy: By = ran?.by ?? '';
  const title = t('analysis.reports.timeSeries');
  const data = state.status === 'done' ? state.data : null;
  const openDrill = useAnalysis((s) => s.openDrill);
  const shownBy = data ? ranBy : '';
  const stores = useStoreSites();
  const inNetwork = stores.length > 0;
  const keyText = (k: string) => (k ? (shownBy === 'store' ? storeText(k, stores) : k) : t('analysis.timeSeries.none'));
  const drill = (month: string, measure: 'active' | 'new', key?: string) => {
    const split = measure === 'active' && shownBy && key !== undefined ? { by: shownBy, key } : {};
    const target: DrillTarget = { of: 'month', month, measure, ...split };
    const what = measure === 'new' ? t('analysis.timeSeries.newCustomers') : t('analysis.timeSeries.active');
    openDrill({ title: `${month} · ${what}${key !== undefined && shownBy ? ` · ${keyText(key)}` : ''}`, target });
  };
  const table = useMemo(() => {
    if (!data) return null;
    const months = monthsBetween(range.from, range.to);
    const keys = [...new Set(data.rows.map((r) => r.k ?? ''))];
    const rows = months.map((month) => {
      const rs = data.rows.filter((r) => r.month === month);
      return {
        month,
        revenue: rs.reduce((a, r) => a + r.revenue, 0),
        orders: rs.reduce((a, r) => a + r.orders, 0),
        active: rs.reduce((a, r) => a + r.active, 0),
        newCustomers: data.newCustomers.find((n) => n.month === month)?.n ?? 0,
        byKey: keys.map((k) => rs.find((r) => (r.k ?? '') === k)?.revenue ?? 0),
        activeByKey: keys.map((k) => rs.find((r) => (r.k ?? '') === k)?.active ?? 0),
      };
    });
    return { months, keys, rows };
  }, [data, range]);
  const option = useMemo<ChartOption | null>(() => {
    if (!table) return null;
    const revenue = shownBy
      ? table.keys.map((k, i) => ({
          type: 'bar',
          stack: 'rev',
          name: k ? (shownBy === 'store' ? storeText(k, stores) : k) : t('analysis.timeSeries.none'),
          data: table.rows.map((r) => yuan(r.byKey[i] ?? 0)),
        }))
      : [{ type: 'bar', name: t('analysis.revenue'), data: table.rows.map((r) => yuan(r.revenue)) }];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 70, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: table.months },
      yAxis: [
        { type: 'value', name: t('analysis.revenue'), axisLabel: { formatter: (v: number) => formatMoneyShort(v * 100, i18n.language) } },
        // Counts: whole steps (an empty period would otherwise show 0.2, 0.4 …).
        { type: 'value', name: t('analysis.customers'), minInterval: 1 },
      ],
      series: [
        ...revenue,
        { type: 'line', yAxisIndex: 1, name: t('analysis.timeSeries.orders'), data: table.rows.map((r) => r.orders) },
        { type: 'line', yAxisIndex: 1, name: t('analysis.timeSeries.active'), data: table.rows.map((r) => r.active) },
        { type: 'line', yAxisIndex: 1, name: t('analysis.timeSeries.newCustomers'), data: table.rows.map((r) => r.newCustomers) },
      ],
    };
  }, [table, shownBy, stores, t, i18n.language]);
  const head = [
    t('analysis.timeSeries.month'),
    t('analysis.revenue'),
    t('analysis.timeSeries.orders'),
    t('analysis.timeSeries.active'),
    t('analysis.timeSeries.newCustomers'),
  ];
  return (
    <ReportFrame
      kind="timeSeries"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <label className="an-field">
            <span className="form-label">{t('analysis.timeSeries.from')}</span>
            <input
              type="month"
              value={range.from}
              data-testid="timeseries-from"
              onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
            />
          </label>
          <label className="an-field">
            <span className="form-label">{t('analysis.timeSeries.to')}</span>
            <input
              type="month"
              value={range.to}
              data-testid="timeseries-to"
              onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
            />
          </label>
          <label className="an-field">
            <span className="form-label">{t('analysis.timeSeries.by')}</span>
            <select value={by} data-testid="timeseries-by" onChange={(e) => setBy(BY_CHOICES.find((b) => b === e.target.value) ?? '')}>
              <option value="">{t('analysis.timeSeries.byNone')}</option>
              <option value="class">{t('analysis.timeSeries.byClass')}</option>
              <option value="province">{t('analysis.timeSeries.byProvince')}</option>
              {inNetwork ? <option value="store">{t('analysis.timeSeries.byStore')}</option> : null}
            </select>
          </label>
        </>
      }
      chart={
        option && table
          ? {
              option,
              onClick: (e) => {
                const month = table.months[e.dataIndex];
                if (!month) return;
                // Revenue bars (one per class / province when split), then orders, active, new.
                const bars = shownBy ? table.keys.length : 1;
                if (e.seriesIndex < bars) drill(month, 'active', shownBy ? table.keys[e.seriesIndex] : undefined);
                else drill(month, e.seriesIndex === bars + 2 ? 'new' : 'active');
              },
            }
          : null
      }
      sheets={() => [
        { name: title, rows: [head, ...(table?.rows.map((r) => [r.month, yuan(r.revenue), r.orders, r.active, r.newCustomers]) ?? [])] },
        ...(shownBy && table
          ? [
              {
                name: t('analysis.timeSeries.by'),
                rows: [[t('analysis.timeSeries.month'), ...table.keys.map(keyText)], ...table.rows.map((r) => [r.month, ...r.byKey.map(yuan)])],
              },
            ]
          : []),
      ]}
    >
      {table ? (
        <table className="data-table compact" data-testid="timeseries-table">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.month} data-testid="timeseries-row" data-month={r.month} data-revenue={r.revenue} data-orders={r.orders}>
                <td>{r.month}</td>
                <MoneyCell fen={r.revenue} testId="timeseries-revenue" />
                <td className="num">{r.orders}</td>
                <td className="num">
                  <DrillCount testId="timeseries-drill-active" n={r.active} onClick={() => drill(r.month, 'active')} />
                </td>
                <td className="num">
                  <DrillCount testId="timeseries-drill-new" n={r.newCustomers} onClick={() => drill(r.month, 'new')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {table && shownBy ? (
        <table className="data-table compact" data-testid="timeseries-by-table">
          <caption className="muted">{t('analysis.timeSeries.activeBy')}</caption>
          <thead>
            <tr>
              <th>{t('analysis.timeSeries.month')}</th>
              {table.keys.map((k) => (
                <th key={k} className="num">
                  {keyText(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.month} data-testid="timeseries-by-row" data-month={r.month}>
                <td>{r.month}</td>
                {table.keys.map((k, i) => (
                  <td key={k} className="num">
                    <DrillCount
                      testId="timeseries-key-cell"
                      n={r.activeByKey[i] ?? 0}
                      data={{ 'data-month': r.month, 'data-key': k }}
                      onClick={() => drill(r.month, 'active', k)}
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
