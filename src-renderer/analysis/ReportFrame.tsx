import { useRef, type ReactNode } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { downloadBlob, exportName } from '../charts/chart-export';
import { EChart, type ChartClick, type EChartHandle } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts-setup';
import { toast } from '../components/toast-store';
import { exportSheets, type Sheet } from './export-table';
import { JobProgress } from './JobProgress';
import { StoreFilter } from './ReportParams';
import type { ReportState } from './use-report';

interface Props {
  kind: string;
  title: string;
  state: ReportState<unknown>;
  onRun(): void;
  onCancel(): void;
  /** Parameter fields shown above the report. */
  params?: ReactNode;
  chart?: { option: ChartOption; onClick?: (e: ChartClick) => void; height?: number } | null;
  /** The report's data as worksheets, for the xlsx export (may fetch more than is shown). */
  sheets(): Sheet[] | Promise<Sheet[]>;
  children?: ReactNode;
}

/** A report's frame: parameters (the 门店 filter first, at HQ), run with progress, the chart, its tables, and PNG / SVG / xlsx / print. */
export function ReportFrame({ kind, title, state, onRun, onCancel, params, chart, sheets, children }: Props) {
  const { t } = useTranslation();
  const canExport = useCan('export', 'read');
  const chartRef = useRef<EChartHandle>(null);
  const done = state.status === 'done';
  // The renderer makes these files and prints itself: main only records that it did (审计日志).
  const note = (what: 'print' | 'reportFile', format?: 'xlsx' | 'png' | 'svg', rowCount?: number) => {
    void api.audit
      .noteOutput({ what, subject: kind, ...(format ? { format } : {}), ...(rowCount !== undefined ? { rowCount } : {}) })
      .catch(() => undefined);
  };
  const save = (blob: Blob | null, ext: 'png' | 'svg') => {
    if (!blob) return;
    note('reportFile', ext);
    const name = exportName(title, ext);
    downloadBlob(blob, name);
    toast.success(t('analysis.export.done', { file: name }));
  };
  const xlsx = async () => {
    try {
      const data = await sheets();
      const name = await exportSheets(title, data);
      // Each sheet's first row is its header.
      note(
        'reportFile',
        'xlsx',
        data.reduce((n, s) => n + Math.max(0, s.rows.length - 1), 0),
      );
      toast.success(t('analysis.export.done', { file: name }));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  return (
    <section className="report" data-testid={`report-${kind}`} data-status={state.status}>
      <div className="report-head">
        <h2 className="report-title">{title}</h2>
        <div className="report-actions no-print">
          {canExport ? (
            <button
              type="button"
              data-testid="report-export-png"
              disabled={!done || !chart}
              onClick={() => save(chartRef.current?.png() ?? null, 'png')}
            >
              PNG
            </button>
          ) : null}
          {canExport ? (
            <button
              type="button"
              data-testid="report-export-svg"
              disabled={!done || !chart}
              onClick={() => save(chartRef.current?.svg() ?? null, 'svg')}
            >
              SVG
            </button>
          ) : null}
          {canExport ? (
            <button type="button" data-testid="report-export-xlsx" disabled={!done} onClick={() => void xlsx()}>
              {t('analysis.export.xlsx')}
            </button>
          ) : null}
          <button
            type="button"
            data-testid="report-print"
            disabled={!done}
            onClick={() => {
              note('print');
              window.print();
            }}
          >
            {t('analysis.export.print')}
          </button>
        </div>
      </div>
      <div className="report-params no-print">
        <StoreFilter />
        {params}
        <button type="button" className="primary" data-testid="report-run" disabled={state.status === 'running'} onClick={onRun}>
          {t('analysis.run')}
        </button>
      </div>
      <JobProgress state={state} onCancel={onCancel} />
      {state.status === 'error' ? (
        <div className="banner banner-error" data-testid="report-error">
          {state.message}
        </div>
      ) : null}
      {done && chart ? (
        <EChart ref={chartRef} option={chart.option} onClick={chart.onClick} height={chart.height ?? 360} testId="report-chart" />
      ) : null}
      {done ? <div className="report-body">{children}</div> : null}
    </section>
  );
}
