import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoneyShort } from '../../src-shared/money-short';
import { MoneyCell } from './money-cell';
import { useBusinessTypes } from '../card/use-meta';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { yuan } from './export-table';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import type { ManagerRow } from './report-types';
import { useAsOfWindow, useReportRun } from './use-report-run';

/** 客户经理绩效: customers owned (drilling to them), their revenue, visits done vs planned of a chosen visit business type. */
export function ManagersReport() {
  const { t, i18n } = useTranslation();
  const types = useBusinessTypes().data ?? [];
  const [visitTypeId, setVisitTypeId] = useState('');
  // Reruns when the visit type changes; dates and window on 计算.
  const { state, run, cancel } = useReportRun<'managers'>(
    { kind: 'managers', ...useAsOfWindow(), ...(visitTypeId ? { visitTypeId } : {}) },
    visitTypeId,
  );
  const title = t('analysis.reports.managers');
  const data = state.status === 'done' ? state.data : null;
  const openDrill = useAnalysis((s) => s.openDrill);
  const drillOwner = (r: ManagerRow | undefined) => {
    if (r && r.customers > 0) openDrill({ title: `${title} · ${r.name}`, target: { of: 'owner', ownerId: r.id } });
  };
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 80, right: 50, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: data.map((r) => r.name) },
        yAxis: [
          { type: 'value', name: t('analysis.revenue'), axisLabel: { formatter: (v: number) => formatMoneyShort(v * 100, i18n.language) } },
          { type: 'value', name: t('analysis.managers.done') },
        ],
        series: [
          { type: 'bar', name: t('analysis.revenue'), data: data.map((r) => yuan(r.revenue)) },
          { type: 'bar', yAxisIndex: 1, name: t('analysis.managers.planned'), data: data.map((r) => r.visitsPlanned) },
          { type: 'bar', yAxisIndex: 1, name: t('analysis.managers.done'), data: data.map((r) => r.visitsDone) },
        ],
      },
    [data, t, i18n.language],
  );
  const head = [
    t('analysis.managers.name'),
    t('analysis.customers'),
    t('analysis.revenue'),
    t('analysis.managers.planned'),
    t('analysis.managers.done'),
  ];
  return (
    <ReportFrame
      kind="managers"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <AsOfWindow />
          <label className="an-field">
            <span className="form-label">{t('analysis.managers.visitType')}</span>
            <select value={visitTypeId} data-testid="managers-visit-type" onChange={(e) => setVisitTypeId(e.target.value)}>
              <option value="">{t('analysis.managers.noVisitType')}</option>
              {types.map((bt) => (
                <option key={bt.id} value={bt.id}>
                  {bt.name}
                </option>
              ))}
            </select>
          </label>
        </>
      }
      chart={option ? { option, onClick: (e) => drillOwner(data?.[e.dataIndex]) } : null}
      sheets={() => [
        { name: title, rows: [head, ...(data?.map((r) => [r.name, r.customers, yuan(r.revenue), r.visitsPlanned, r.visitsDone]) ?? [])] },
      ]}
    >
      {data ? (
        <table className="data-table compact" data-testid="managers-table">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id} data-testid="managers-row" data-id={r.id}>
                <td>{r.name}</td>
                <td className="num">
                  <button type="button" className="link" data-testid="managers-drill" disabled={r.customers === 0} onClick={() => drillOwner(r)}>
                    {r.customers}
                  </button>
                </td>
                <MoneyCell fen={r.revenue} />
                <td className="num">{r.visitsPlanned}</td>
                <td className="num">{r.visitsDone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ReportFrame>
  );
}
