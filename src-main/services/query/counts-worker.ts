import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../../db/open-workspace';
import { errorMessage } from '../../jobs/job-protocol';
import type { ResidentRequest, ResidentResponse } from '../../jobs/resident-protocol';
import { pinnedCounts } from './saved-query-service';

/**
 * The sidebar's pinned counts, in a resident worker of their own: the counts it keeps between
 * refreshes (pinned-count-cache.ts) live here, and counting a query in full — seconds at 1M
 * customers with related-order conditions — no longer holds up main, which answers every other
 * call meanwhile. Its own worker rather than the report worker's queue, so counts never wait
 * behind a report or a scheme being applied. The file is opened per request, as in the report
 * worker, so no handle outlives a request.
 */
const { workspacePath } = workerData as { workspacePath: string };
const post = (msg: ResidentResponse) => parentPort?.postMessage(msg);

let queue = Promise.resolve();
parentPort?.on('message', (req: ResidentRequest) => {
  if (req.type !== 'job') return;
  queue = queue.then(() => {
    try {
      const ws = openWorkspace(workspacePath);
      try {
        post({ jobId: req.jobId, msg: { type: 'done', result: pinnedCounts(ws, req.user) } });
      } finally {
        ws.close();
      }
    } catch (err) {
      post({ jobId: req.jobId, msg: errorMessage(err) });
    }
  });
});
