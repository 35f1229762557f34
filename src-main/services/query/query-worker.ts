import { parentPort, workerData } from 'node:worker_threads';
import { followedFacts } from '../../analysis/facts/facts-cache';
import { openWorkspace } from '../../db/open-workspace';
import type { Workspace } from '../../db/workspace';
import { errorMessage } from '../../jobs/job-protocol';
import type { ResidentRequest, ResidentResponse } from '../../jobs/resident-protocol';
import { useOrderFacts } from './order-facts-conditions';
import type { QueryWorkerRequest } from './query-worker-requests';
import { countQuery, matchingIds, runCustomerQuery } from './run-query';
import { pinnedCounts } from './saved-query-service';

/**
 * The query worker, resident per open workspace: the sidebar's pinned counts (their cache,
 * pinned-count-cache.ts, lives here between refreshes), and every customer query of a large
 * workspace. Main keeps answering while a query runs, and related-orders conditions are answered
 * from the sales facts the report worker saved (order-facts-conditions.ts) rather than by an
 * index walk per candidate customer. Its own worker rather than the report worker's queue, so a
 * query never waits behind a report or a scheme being applied. The file is opened per request,
 * as in the report worker, so no handle outlives a request.
 */
const { workspacePath, cacheDir } = workerData as { workspacePath: string; cacheDir?: string };
const post = (msg: ResidentResponse) => parentPort?.postMessage(msg);

function answer(ws: Workspace, req: QueryWorkerRequest, user: Extract<ResidentRequest, { type: 'job' }>['user']): unknown {
  switch (req.op) {
    case 'pinnedCounts':
      return pinnedCounts(ws, user);
    case 'customers':
      return runCustomerQuery(ws, req.definition, { offset: req.offset, limit: req.limit, sort: req.sort });
    case 'count':
      return countQuery(ws, req.definition);
    case 'ids':
      return matchingIds(ws, req.definition);
  }
}

let queue = Promise.resolve();
parentPort?.on('message', (req: ResidentRequest) => {
  if (req.type !== 'job') return;
  queue = queue.then(() => {
    try {
      const ws = openWorkspace(workspacePath);
      try {
        // One read transaction: the facts are brought up to the snapshot the query reads.
        const result = ws.db.transaction(() => {
          const facts = cacheDir ? followedFacts(ws, cacheDir) : null;
          if (facts) useOrderFacts(ws, facts);
          return answer(ws, req.params as QueryWorkerRequest, req.user);
        })();
        post({ jobId: req.jobId, msg: { type: 'done', result } });
      } finally {
        ws.close();
      }
    } catch (err) {
      post({ jobId: req.jobId, msg: errorMessage(err) });
    }
  });
});
