import type { CallContext } from '../../changelog/call-context';
import { followedFacts } from '../../analysis/facts/facts-cache';
import { openWorkspace } from '../../db/open-workspace';
import type { Workspace } from '../../db/workspace';
import { scopeFor, withScope } from '../../people/record-scope';
import { useOrderFacts } from './order-facts-conditions';
import type { QueryWorkerRequest } from './query-worker-requests';
import { countQuery, matchingIds, runCustomerQuery } from './run-query';
import { pinnedCounts } from './saved-query-service';

function answer(ws: Workspace, req: QueryWorkerRequest, user: CallContext): unknown {
  switch (req.op) {
    case 'pinnedCounts':
      return pinnedCounts(ws, user);
    case 'customers':
      return runCustomerQuery(ws, req.definition, { offset: req.offset, limit: req.limit, sort: req.sort, figure: req.figure });
    case 'count':
      return countQuery(ws, req.definition);
    case 'ids':
      return matchingIds(ws, req.definition);
  }
}

/**
 * One request of the query worker, start to end (the benchmark times this same function). The
 * file is opened for the request and closed after it, so no handle outlives it (a restored backup
 * can replace the file between requests). One read transaction: the facts are brought up to the
 * snapshot the query reads.
 */
export function answerQueryRequest(workspacePath: string, cacheDir: string | undefined, req: QueryWorkerRequest, user: CallContext): unknown {
  const ws = openWorkspace(workspacePath);
  try {
    return ws.db.transaction(() => {
      const facts = cacheDir ? followedFacts(ws, cacheDir) : null;
      if (facts) useOrderFacts(ws, facts);
      // The caller's record scope holds here as in main (record-scope.ts).
      return withScope(scopeFor(ws, user), () => answer(ws, req, user));
    })();
  } finally {
    ws.close();
  }
}
