import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../jobs/job-protocol';
import type { ResidentRequest, ResidentResponse } from '../../jobs/resident-protocol';
import { answerQueryRequest } from './answer-query-request';
import type { QueryWorkerRequest } from './query-worker-requests';

/**
 * The query worker, resident per open workspace: the sidebar's pinned counts (their cache,
 * pinned-count-cache.ts, lives here between refreshes), and every customer query of a large
 * workspace. Main keeps answering while a query runs, and related-orders conditions are answered
 * from the sales facts the report worker saved (order-facts-conditions.ts) rather than by an
 * index walk per candidate customer. Its own worker rather than the report worker's queue, so a
 * query never waits behind a report or a scheme being applied. Requests run one after another.
 */
const { workspacePath, cacheDir } = workerData as { workspacePath: string; cacheDir?: string };
const post = (msg: ResidentResponse) => parentPort?.postMessage(msg);

let queue = Promise.resolve();
parentPort?.on('message', (req: ResidentRequest) => {
  if (req.type !== 'job') return;
  queue = queue.then(() => {
    try {
      post({
        jobId: req.jobId,
        msg: { type: 'done', result: answerQueryRequest(workspacePath, cacheDir, req.params as QueryWorkerRequest, req.user) },
      });
    } catch (err) {
      post({ jobId: req.jobId, msg: errorMessage(err) });
    }
  });
});
