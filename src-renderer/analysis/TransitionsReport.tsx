import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from '../charts/echarts-setup';
import type { TransitionMove } from '../../src-shared/contract/report-results';
import { useAnalysis } from './analysis-store';
import { DrillCount } from './DrillCount';
import { PeriodSelect, SchemeSelect } from './ReportParams';
import { ReportFrame } from './ReportFrame';
import { TransitionMatrix } from './TransitionMatrix';
import { useReportRun, type RequestOf } from './use-report-run';
import { useSchemes } from './use-schemes';

const ABSENT = '—';

/** 客户异动: who moved between two periods' classes, as a matrix and a Sankey; each cell and link drills down. */
export function TransitionsReport() {
  const { t } = useTranslation();
  const { schemes, scheme, periods, loaded } = useSchemes();
  const [pick, setPick] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const from = periods.includes(pick.from) ? pick.from : (periods[periods.length - 2] ?? '');
  const to = periods.includes(pick.to) ? pick.to : (periods[periods.length - 1] ?? '');
  // Reruns when the scheme or a period changes.
  const request: RequestOf<'transitions'> | null = scheme && from && to ? { kind: 'transitions', schemeId: scheme.id, from, to } : null;
  const { state, run, cancel } = useReportRun<'transitions'>(request, `${scheme?.id ?? ''}|${from}|${to}`);
  const openDrill = useAnalysis((s) => s.openDrill);
  const title = t('analysis.reports.transitions');
  const data = state.status === 'done' ? state.data : null;
  const order = useMemo(() => [...(scheme?.definition.classes.map((c) => c.key) ?? []), ABSENT], [scheme]);
  const drill = (fromClass: string, toClass: string) => {
    if (!scheme || !data) return;
    openDrill({
      title: `${scheme.name} · ${data.from} ${fromClass} → ${data.to} ${toClass}`,
      target: { of: 'transition', schemeId: scheme.id, from: data.from, to: data.to, fromClass, toClass },
    });
  };
  const drillMove = (move: TransitionMove) => {
    if (!scheme || !data) return;
    openDrill({
      title: `${scheme.name} · ${data.from} → ${data.to} · ${t(`analysis.transitions.${move}`)}`,
      target: { of: 'transitionMove', schemeId: scheme.id, from: data.from, to: data.to, move },
    });
  };
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const links = data.matrix.filter((m) => m.customers > 0);
    const used = new Set(links.flatMap((l) => [`${data.from} ${l.from}`, `${data.to} ${l.to}`]));
    const nodes = [...order.map((k) => `${data.from} ${k}`), ...order.map((k) => `${data.to} ${k}`)].filter((n) => used.has(n));
    return {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 40,
          right: 80,
          nodeAlign: 'justify',
          layoutIterations: 0,
          emphasis: { focus: 'adjacency' },
          // The second period's labels go on the left of its nodes: on the right they fell off the chart.
          data: nodes.map((name) => ({ name, label: { position: name.startsWith(`${data.to} `) ? 'left' : 'right' } })),
          links: links.map((l) => ({ source: `${data.from} ${l.from}`, target: `${data.to} ${l.to}`, value: l.customers, from: l.from, to: l.to })),
          lineStyle: { color: 'gradient', opacity: 0.4 },
        },
      ],
    };
  }, [data, order]);
  if (loaded && !scheme) return <p className="muted pad">{t('analysis.noScheme')}</p>;
  const stats = data
    ? ([
        ['up', data.up],
        ['down', data.down],
        ['same', data.same],
        ['stopped', data.stoppedBuying],
      ] as const)
    : [];
  return (
    <ReportFrame
      kind="transitions"
      title={title}
      state={state}
      onRun={run}
      onCancel={cancel}
      params={
        <>
          <SchemeSelect schemes={schemes} scheme={scheme} />
          <PeriodSelect
            label={t('analysis.transitions.from')}
            value={from}
            periods={periods}
            onChange={(p) => setPick({ from: p, to })}
            testId="transitions-from"
          />
          <PeriodSelect
            label={t('analysis.transitions.to')}
            value={to}
            periods={periods}
            onChange={(p) => setPick({ from, to: p })}
            testId="transitions-to"
          />
          {periods.length < 2 ? (
            <span className="muted" data-testid="transitions-need-two">
              {t('analysis.transitions.needTwo')}
            </span>
          ) : null}
        </>
      }
      chart={
        option
          ? {
              option,
              height: 420,
              onClick: (e) => {
                const d = e.data as { from?: string; to?: string } | undefined;
                if (e.dataType === 'edge' && d?.from && d.to) drill(d.from, d.to);
              },
            }
          : null
      }
      sheets={() => [
        {
          name: title,
          rows: [
            [t('analysis.transitions.from'), t('analysis.transitions.to'), t('analysis.customers')],
            ...(data?.matrix.map((m) => [m.from, m.to, m.customers]) ?? []),
          ],
        },
        { name: 'Σ', rows: stats.map(([k, v]) => [t(`analysis.transitions.${k}`), v]) },
      ]}
    >
      {data ? (
        <>
          <div className="stat-row" data-testid="transitions-stats">
            {stats.map(([k, v]) => (
              <span key={k} className="stat" data-testid={`transitions-${k}`} data-count={v}>
                {t(`analysis.transitions.${k}`)}{' '}
                <b>
                  <DrillCount n={v} testId={`transitions-${k}-drill`} onClick={() => drillMove(k)} />
                </b>
              </span>
            ))}
          </div>
          <TransitionMatrix data={data} order={order} onDrill={drill} />
        </>
      ) : null}
    </ReportFrame>
  );
}
