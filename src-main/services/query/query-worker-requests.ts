import type { CustomerSortField } from '../../../src-shared/domain/customer';
import type { ResultFigure } from '../../../src-shared/query/figure';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { needsBackgroundCheck } from '../../db/open-workspace';

/** What main asks the query worker (query-worker.ts). */
export type QueryWorkerRequest =
  | { op: 'pinnedCounts' }
  | {
      op: 'customers';
      definition: QueryDefinition;
      offset: number;
      limit: number;
      sort?: { field: CustomerSortField | 'figure'; dir: 'asc' | 'desc' } | undefined;
      figure?: ResultFigure | undefined;
    }
  | { op: 'count'; definition: QueryDefinition }
  | { op: 'ids'; definition: QueryDefinition };

/**
 * Customer queries of a large workspace run in the query worker: there a related-orders
 * condition is answered from the sales facts, and main goes on answering meanwhile. A small
 * workspace's queries take milliseconds in main, without the hop. Large is the size above which
 * the integrity check runs in the background too.
 */
export function queriesRunInWorker(workspacePath: string): boolean {
  return needsBackgroundCheck(workspacePath);
}
