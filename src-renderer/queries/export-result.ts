import i18next from 'i18next';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { QueryExportResult } from '../../src-shared/contract/query-methods';
import type { ApiError, ErrorCode } from '../../src-shared/errors';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api, ApiCallError, onEvent } from '../api/client';
import { saveDownload } from '../api/download-file';
import type { ResultColumn } from './result-columns';

/** Saves bytes from main as a download (the browser's own save, or the desktop's download dialog). */
export function downloadBase64(base64: string, mimeType: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;

export interface ExportRun {
  /** Rejects with JOB_CANCELLED after cancel(); `saved` is false when the user dismissed the save dialog. */
  result: Promise<{ rows: number; fileName: string; saved: boolean }>;
  cancel(): void;
}

/**
 * Exports the whole result with the columns on screen, headed in the UI language. Main writes the
 * file in a worker ('export' job) and reports progress; the finished job's file is then saved.
 */
export function exportResult(
  definition: QueryDefinition,
  columns: ResultColumn[],
  format: 'xlsx' | 'csv',
  name: string,
  onProgress?: (done: number, total: number) => void,
): ExportRun {
  const t = i18next.t.bind(i18next);
  let jobId: string | null = null;
  let cancelled = false;
  // The job may report before its id comes back, so its events wait until the id is known.
  const early: KecardEvent[] = [];
  let settle: ((e: Finished) => void) | null = null;
  const finished = new Promise<Finished>((resolve) => (settle = resolve));
  const handle = (event: KecardEvent) => {
    if ((event.type !== 'job.progress' && event.type !== 'job.finished') || event.kind !== 'export') return;
    if (jobId === null) early.push(event);
    else if (event.jobId !== jobId) return;
    else if (event.type === 'job.progress') onProgress?.(event.done, event.total);
    else settle?.(event);
  };
  const off = onEvent(handle);
  const result = (async () => {
    try {
      jobId = (
        await api.queries.export({
          definition,
          format,
          columns: columns.map((c) => ({ key: c.key, header: c.title(t), kind: c.kind, ...(c.labels ? { labels: c.labels(t) } : {}) })),
          fileName: name,
        })
      ).jobId;
      if (cancelled) void api.jobs.cancel({ jobId });
      early.splice(0).forEach(handle);
      const e = await finished;
      if (!e.ok) {
        const code = (e.cancelled ? 'JOB_CANCELLED' : (e.error?.code ?? 'INTERNAL')) as ErrorCode;
        throw new ApiCallError({
          code,
          message: e.error?.message ?? code,
          ...(e.error?.details !== undefined ? { details: e.error.details as ApiError['details'] } : {}),
        });
      }
      const r = e.result as QueryExportResult;
      return { rows: r.rows, fileName: r.fileName, saved: await saveDownload(r.downloadToken, r.fileName) };
    } finally {
      off();
    }
  })();
  return {
    result,
    cancel() {
      cancelled = true;
      if (jobId !== null) void api.jobs.cancel({ jobId });
    },
  };
}
