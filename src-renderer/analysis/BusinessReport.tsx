import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessTypes } from '../card/use-meta';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { DrillCount } from './DrillCount';
import { AsOfWindow } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useAsOfWindow, useReportRun } from './use-report-run';

/** 投诉/满意度: records of a business type per status, days to close, averages of its number fields (e.g. a score). */
export function BusinessReport() {
  const { t } = useTranslation();
  const types = useBusinessTypes().data ?? [];
  const [picked, setPicked] = useState('');
  const typeId = types.some((bt) => bt.id === picked) ? picked : (types[0]?.id ?? '');
  const type = types.find((bt) => bt.id === typeId);
  const params = useAsOfWindow();
  // Reruns when the type changes; dates and window on 计算.
  const { state, run, cancel } = useReportRun<'business'>(typeId ? { kind: 'business', typeId, ...params } : null, typeId);
  const title = `${t('analysis.reports.business')}${type ? ` · ${type.name}` : ''}`;
  const data = state.status === 'done' ? state.data : null;
  const openDrill = useAnalysis((s) => s.openDrill);
  const drill = (status: string) => {
    if (data && type)
      openDrill({
        title: `${type.name} · ${statusLabel(status)} · ${data.window.from} – ${data.window.to}`,
        target: { of: 'records', typeId: type.id, status, ...data.window },
      });
  };
  const statusLabel = (key: string) => type?.statuses.find((s) => s.key === key)?.label ?? key;
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 50, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: data.byStatus.map((s) => statusLabel(s.status)) },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: data.byStatus.map((s) => s.records), label: { show: true, position: 'top' } }],
      },
    [data], // eslint-disable-line react-hooks/exhaustive-deps -- labels follow the data
  );
  if (types.length === 0) return <p className="muted pad">{t('analysis.business.noType')}</p>;
  return (
    <ReportFrame
      kind="business"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <label className="an-field">
            <span className="form-label">{t('analysis.business.type')}</span>
            <select value={typeId} data-testid="business-type" onChange={(e) => setPicked(e.target.value)}>
              {types.map((bt) => (
                <option key={bt.id} value={bt.id}>
                  {bt.name}
                </option>
              ))}
            </select>
          </label>
          <AsOfWindow />
        </>
      }
      chart={
        option
          ? {
              option,
              height: 260,
              onClick: (e) => {
                const status = data?.byStatus[e.dataIndex]?.status;
                if (status !== undefined) drill(status);
              },
            }
          : null
      }
      sheets={() => [
        {
          name: t('analysis.business.status'),
          rows: [
            [t('analysis.business.status'), t('analysis.business.records')],
            ...(data?.byStatus.map((s) => [statusLabel(s.status), s.records]) ?? []),
          ],
        },
        {
          name: t('analysis.business.averages'),
          rows: [[t('analysis.business.daysToClose'), data?.averageDaysToClose ?? null], ...(data?.averages.map((a) => [a.label, a.average]) ?? [])],
        },
      ]}
    >
      {data ? (
        <div className="report-summary" data-testid="business-summary">
          <table className="data-table compact" data-testid="business-statuses">
            <tbody>
              {data.byStatus.map((s) => (
                <tr key={s.status}>
                  <td>{statusLabel(s.status)}</td>
                  <td className="num">
                    <DrillCount n={s.records} testId="business-status-drill" data={{ 'data-status': s.status }} onClick={() => drill(s.status)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="business-days-to-close">
            {t('analysis.business.daysToClose')}：{data.averageDaysToClose ?? '—'}
          </p>
          {data.averages.length ? (
            <table className="data-table compact" data-testid="business-averages">
              <caption className="muted small">{t('analysis.business.averages')}</caption>
              <tbody>
                {data.averages.map((a) => (
                  <tr key={a.column}>
                    <td>{a.label}</td>
                    <td className="num">{a.average === null ? '—' : Math.round(a.average * 100) / 100}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </ReportFrame>
  );
}
