import { create } from 'zustand';
import { api } from '../api/client';
import { awaitJob } from '../api/await-job';

/**
 * Export, import and 立即同步 run as 'sync' jobs in main's worker: the answer arrives with
 * job.finished. One runs at a time; its progress is shown by SyncJobProgress with 取消.
 */
interface SyncJobState {
  running: { jobId: string | null; label: string; done: number; total: number } | null;
}

export const useSyncJob = create<SyncJobState>(() => ({ running: null }));

/**
 * Starts the job and resolves with its result; a failed or cancelled job rejects with an
 * ApiCallError carrying the job's error (JOB_CANCELLED: details say how far a large bundle got).
 */
export async function runSyncJob<T>(label: string, start: () => Promise<{ jobId: string }>): Promise<T> {
  let jobId: string | null = null;
  useSyncJob.setState({ running: { jobId: null, label, done: 0, total: 0 } });
  try {
    return await awaitJob<T>(start, {
      onStarted(id) {
        jobId = id;
        useSyncJob.setState((s) => (s.running ? { running: { ...s.running, jobId: id } } : s));
      },
      onProgress(event) {
        // Before the id is known only a sync job's progress can be this one's.
        if (event.kind !== 'sync') return;
        useSyncJob.setState((s) => (s.running ? { running: { ...s.running, done: event.done, total: event.total } } : s));
      },
    });
  } finally {
    // Only this call's own job: a second start refused while one runs must not hide the first.
    useSyncJob.setState((s) => (s.running && (s.running.jobId === jobId || s.running.jobId === null) ? { running: null } : s));
  }
}

export async function cancelSyncJob(): Promise<void> {
  const jobId = useSyncJob.getState().running?.jobId;
  if (jobId) await api.jobs.cancel({ jobId });
}
