import type { KecardEvent } from '../../src-shared/contract/events';
import type { ApiError } from '../../src-shared/errors';
import { ApiCallError, onEvent } from './client';

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;
type Progress = Extract<KecardEvent, { type: 'job.progress' }>;

/**
 * Starts a job in main and resolves with its result when job.finished arrives; a failed or
 * cancelled job rejects with an ApiCallError carrying the job's error. The job may finish before
 * its id comes back, so events are kept until the id is known.
 */
export async function awaitJob<T>(
  start: () => Promise<{ jobId: string }>,
  hooks: { onStarted?(jobId: string): void; onProgress?(event: Progress): void } = {},
): Promise<T> {
  const early = new Map<string, Finished>();
  let jobId: string | null = null;
  let settle: ((event: Finished) => void) | null = null;
  const finished = new Promise<Finished>((resolve) => {
    settle = resolve;
  });
  const off = onEvent((event) => {
    if (event.type === 'job.progress' && (jobId === null || event.jobId === jobId)) hooks.onProgress?.(event);
    if (event.type !== 'job.finished') return;
    if (jobId === null) early.set(event.jobId, event);
    else if (event.jobId === jobId) settle?.(event);
  });
  try {
    jobId = (await start()).jobId;
    hooks.onStarted?.(jobId);
    const event = early.get(jobId) ?? (await finished);
    if (!event.ok) throw new ApiCallError((event.error ?? { code: 'INTERNAL', message: 'The job failed.' }) as ApiError);
    return event.result as T;
  } finally {
    off();
  }
}
