import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { snapshotFieldKey } from '../../src-shared/query/query-fields';
import type { ChartOption } from '../charts/echarts-setup';
import { useAnalysis } from './analysis-store';
import { openQuery } from './open-query';
import { PeriodSelect, SchemeSelect } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { useReportRun, type RequestOf } from './use-report-run';
import { useSchemes } from './use-schemes';

/** 客户分级金字塔: customers per class of a period's snapshot, best class on top; a slice drills to its customers. */
export function PyramidReport() {
  const { t } = useTranslation();
  const { schemes, scheme, periods, loaded } = useSchemes();
  const [period, setPeriod] = useState('');
  const shown = periods.includes(period) ? period : (periods[periods.length - 1] ?? '');
  const request: RequestOf<'pyramid'> | null = scheme ? { kind: 'pyramid', schemeId: scheme.id, ...(shown ? { period: shown } : {}) } : null;
  // Reruns when the scheme or period changes.
  const { state, run, cancel } = useReportRun<'pyramid'>(request, `${scheme?.id ?? ''}|${shown}`);
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.pyramid');
  const data = state.status === 'done' ? state.data : null;
  const drill = (key: string) => {
    const c = data?.classes.find((x) => x.key === key);
    if (!scheme || !data?.period || !c) return;
    openDrill({
      title: `${scheme.name} · ${data.period} · ${c.key} ${c.label}`,
      target: { of: 'snapshotClass', schemeId: scheme.id, period: data.period, classKey: key },
    });
  };
  // The class in that period's snapshot, not the card's class now (which the next run may change).
  const openAsQuery = (key: string) => {
    if (!scheme || !data?.period) return;
    openQuery({
      entity: 'customer',
      where: {
        kind: 'group',
        op: 'and',
        children: [{ kind: 'condition', field: snapshotFieldKey(scheme.id, data.period), operator: 'eq', value: key }],
      },
    });
  };
  const option = useMemo<ChartOption | null>(
    () =>
      data && {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '15%',
            width: '70%',
            minSize: '20%',
            label: { position: 'inside', formatter: '{b}  {c}', color: '#fff', fontSize: 14 },
            data: data.classes.map((c, i) => ({
              name: c.key,
              value: c.customers,
              itemStyle: { color: c.color ?? ['#c42b1c', '#e8912d', '#0f6cbd', '#6b7280', '#107c10', '#8764b8'][i % 6] },
            })),
          },
        ],
      },
    [data],
  );
  if (loaded && !scheme) return <p className="muted pad">{t('analysis.noScheme')}</p>;
  return (
    <ReportFrame
      kind="pyramid"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <SchemeSelect schemes={schemes} scheme={scheme} />
          <PeriodSelect label={t('analysis.period')} value={shown} periods={periods} onChange={setPeriod} testId="report-period" />
        </>
      }
      chart={option ? { option, onClick: (e) => drill(e.name) } : null}
      sheets={() => [
        {
          name: title,
          rows: [
            [t('classification.classKey'), t('classification.classLabel'), t('analysis.customers')],
            ...(data?.classes.map((c) => [c.key, c.label, c.customers]) ?? []),
          ],
        },
      ]}
    >
      {data ? (
        <>
          {data.period ? (
            <p className="muted">{t('analysis.pyramid.periodOf', { period: data.period })}</p>
          ) : (
            <p className="muted">{t('analysis.noPeriods')}</p>
          )}
          <table className="data-table compact" data-testid="pyramid-table">
            <tbody>
              {data.classes.map((c) => (
                <tr key={c.key} data-testid="pyramid-row" data-key={c.key} data-customers={c.customers}>
                  <td>
                    {c.key} · {c.label}
                  </td>
                  <td className="num">{c.customers}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link"
                      data-testid="pyramid-drill"
                      disabled={!data.period || c.customers === 0}
                      onClick={() => drill(c.key)}
                    >
                      {t('analysis.pyramid.drill')}
                    </button>
                    <button
                      type="button"
                      className="link"
                      data-testid="pyramid-open-query"
                      disabled={!data.period}
                      onClick={() => openAsQuery(c.key)}
                    >
                      {t('analysis.pyramid.openQuery')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ReportFrame>
  );
}
