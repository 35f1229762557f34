import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KecardEvent } from '../../src-shared/contract/events';

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;

/** The bundled workers (dist/main, built once by build-once.ts), for composeApp in tests. */
export const distWorkers = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'main') + '/');

/** Waits for the job.finished event of `jobId` among the events an app's sink collects. */
export function jobFinished(events: readonly KecardEvent[], jobId: string, timeoutMs = 30_000): Promise<Finished> {
  return new Promise<Finished>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const hit = events.find((e): e is Finished => e.type === 'job.finished' && e.jobId === jobId);
      if (hit) {
        clearInterval(timer);
        resolve(hit);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`job ${jobId} did not finish`));
      }
    }, 10);
  });
}
