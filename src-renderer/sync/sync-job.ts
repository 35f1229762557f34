import { create } from 'zustand';
import type { KecardEvent } from '../../src-shared/contract/events';
import type { ApiError } from '../../src-shared/errors';
import { api, ApiCallError, onEvent } from '../api/client';

/**
 * Export, import and 立即同步 run as 'sync' jobs in main's worker: the answer arrives with
 * job.finished. One runs at a time; its progress is shown by SyncJobProgress with 取消.
 */
interface SyncJobState {
  running: { jobId: string | null; label: string; done: number; total: number } | null;
}

export const useSyncJob = create<SyncJobState>(() => ({ running: null }));

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;

/**
 * Starts the job and resolves with its result; a failed or cancelled job rejects with an
 * ApiCallError carrying the job's error (JOB_CANCELLED: details say how far a large bundle got).
 */
export async function runSyncJob<T>(label: string, start: () => Promise<{ jobId: string }>): Promise<T> {
  // The job may finish before its id comes back, so events are kept until the id is known.
  const early = new Map<string, Finished>();
  let jobId: string | null = null;
  let settle: ((event: Finished) => void) | null = null;
  useSyncJob.setState({ running: { jobId: null, label, done: 0, total: 0 } });
  const off = onEvent((event) => {
    if (event.type === 'job.progress' && event.kind === 'sync' && (jobId === null || event.jobId === jobId)) {
      useSyncJob.setState((s) => (s.running ? { running: { ...s.running, done: event.done, total: event.total } } : s));
    }
    if (event.type !== 'job.finished') return;
    if (jobId === null) early.set(event.jobId, event);
    else if (event.jobId === jobId) settle?.(event);
  });
  try {
    const finished = new Promise<Finished>((resolve) => {
      settle = resolve;
    });
    jobId = (await start()).jobId;
    useSyncJob.setState((s) => (s.running ? { running: { ...s.running, jobId } } : s));
    const event = early.get(jobId) ?? (await finished);
    if (!event.ok) throw new ApiCallError((event.error ?? { code: 'INTERNAL', message: 'The job failed.' }) as ApiError);
    return event.result as T;
  } finally {
    off();
    // Only this call's own job: a second start refused while one runs must not hide the first.
    useSyncJob.setState((s) => (s.running && (s.running.jobId === jobId || s.running.jobId === null) ? { running: null } : s));
  }
}

export async function cancelSyncJob(): Promise<void> {
  const jobId = useSyncJob.getState().running?.jobId;
  if (jobId) await api.jobs.cancel({ jobId });
}
