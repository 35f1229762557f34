import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { ReportFrame } from './ReportFrame';
import { useReportRun } from './use-report-run';

/** 客情关系等级: customers per relationship level; a slice or a row drills to the customers of that level. */
export function RelationshipReport() {
  const { t } = useTranslation();
  const { state, run, cancel } = useReportRun<'relationship'>({ kind: 'relationship' });
  const title = t('analysis.reports.relationship');
  const data = state.status === 'done' ? state.data : null;
  const openDrill = useAnalysis((s) => s.openDrill);
  const label = (level: number | null) =>
    level === null ? t('analysis.relationship.none') : t(`enums.relationshipLevel.${level}`, { defaultValue: String(level) });
  const drill = (level: number | null) => openDrill({ title: `${title} · ${label(level)}`, target: { of: 'relationship', level } });
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { top: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: data.map((r) => ({ name: label(r.level), value: r.customers, level: r.level })) }],
      },
    [data], // eslint-disable-line react-hooks/exhaustive-deps -- labels follow the data
  );
  return (
    <ReportFrame
      kind="relationship"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      chart={
        option
          ? {
              option,
              onClick: (e) => {
                const level = (e.data as { level?: number | null } | undefined)?.level;
                if (level !== undefined) drill(level);
              },
            }
          : null
      }
      sheets={() => [
        {
          name: title,
          rows: [[t('analysis.relationship.level'), t('analysis.customers')], ...(data?.map((r) => [label(r.level), r.customers]) ?? [])],
        },
      ]}
    >
      {data ? (
        <table className="data-table compact" data-testid="relationship-table">
          <tbody>
            {data.map((r) => (
              <tr key={String(r.level)} data-testid="relationship-row" data-level={r.level ?? ''} data-customers={r.customers}>
                <td>{label(r.level)}</td>
                <td className="num">
                  <button type="button" className="link" data-testid="relationship-drill" onClick={() => drill(r.level)}>
                    {r.customers}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ReportFrame>
  );
}
