import type { KecardEvent } from '../../src-shared/contract/events';
import type { ReportRequest } from '../../src-shared/contract/report-requests';
import type { ErrorCode } from '../../src-shared/errors';
import { api, ApiCallError, onEvent } from '../api/client';

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;
type Progress = Extract<KecardEvent, { type: 'job.progress' }>;

export interface ReportProgress {
  done: number;
  total: number;
  phase: string;
}

/** Finished report jobs seen before their caller knew the job id (the worker can beat the HTTP answer). */
const early = new Map<string, Finished>();
const waiting = new Map<string, { resolve(e: Finished): void; progress?: ((p: ReportProgress) => void) | undefined }>();
let unsubscribe: (() => void) | null = null;

function listen(): void {
  if (unsubscribe) return;
  unsubscribe = onEvent((event: KecardEvent) => {
    if (event.type === 'job.progress' && event.kind === 'report') {
      const p: Progress = event;
      waiting.get(p.jobId)?.progress?.({ done: p.done, total: p.total, phase: p.phase });
    } else if (event.type === 'job.finished' && event.kind === 'report') {
      const w = waiting.get(event.jobId);
      if (w) {
        waiting.delete(event.jobId);
        w.resolve(event);
      } else {
        early.set(event.jobId, event);
        if (early.size > 50) early.delete(early.keys().next().value as string);
      }
    }
  });
}

/** A running report: its job id (to cancel it) and the result to come. */
export interface ReportRun<T> {
  jobId: Promise<string>;
  result: Promise<T>;
}

/**
 * Starts a report job (reports.run) and resolves with the result carried by its job.finished
 * event; the UI keeps working meanwhile. Errors come back as ApiCallError with the job's code.
 */
export function startReport<T>(request: ReportRequest, onProgress?: (p: ReportProgress) => void): ReportRun<T> {
  listen();
  const jobId = api.reports.run({ request }).then((r) => r.jobId);
  const result = jobId.then(
    (id) =>
      new Promise<T>((resolve, reject) => {
        const settle = (e: Finished) => {
          if (e.ok) resolve(e.result as T);
          else {
            const code = (e.cancelled ? 'JOB_CANCELLED' : (e.error?.code ?? 'INTERNAL')) as ErrorCode;
            reject(new ApiCallError({ code, message: e.error?.message ?? code }));
          }
        };
        const seen = early.get(id);
        if (seen) {
          early.delete(id);
          settle(seen);
          return;
        }
        waiting.set(id, { resolve: settle, progress: onProgress });
      }),
  );
  return { jobId, result };
}

export function runReport<T>(request: ReportRequest, onProgress?: (p: ReportProgress) => void): Promise<T> {
  return startReport<T>(request, onProgress).result;
}

export async function cancelReport(jobId: string): Promise<void> {
  await api.jobs.cancel({ jobId });
}
