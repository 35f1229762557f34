import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../../db/open-workspace';
import { CancelToken, errorMessage, type JobMessage, type JobWorkerData } from '../../jobs/job-protocol';
import { indexPendingSearch } from '../search/index-pending-search';
import { buildMissingIndexes } from './field-indexes';

/**
 * Worker-thread entry of the 'index' job: builds the indexes of indexed custom fields that lack
 * one, on its own connection, so adding such a field never waits for CREATE INDEX; then writes
 * the search documents a large import left in the backlog (phase 'search').
 */
const data = workerData as JobWorkerData<Record<string, never>>;
const post = (msg: JobMessage) => parentPort?.postMessage(msg);
const cancel = new CancelToken(data.cancelFlag);

function main(): void {
  const ws = openWorkspace(data.workspacePath);
  try {
    let fieldId = '';
    const result = buildMissingIndexes(ws, {
      cancelled: () => cancel.cancelled,
      pauseWhenBusy: (ms) => cancel.pause(ms),
      onField: (t) => {
        fieldId = t.fieldId;
      },
      // The phase names the field, so the manager shows progress on the right row.
      onProgress: (done, total, phase) => post({ type: 'progress', done, total, phase: `${phase}:${fieldId}` }),
    });
    const search = result.cancelled
      ? { indexed: 0, cancelled: true }
      : indexPendingSearch(ws, {
          cancelled: () => cancel.cancelled,
          pauseWhenBusy: (ms) => cancel.pause(ms),
          onProgress: (done, total) => post({ type: 'progress', done, total, phase: 'search' }),
        });
    if (search.cancelled)
      post({
        type: 'error',
        code: 'JOB_CANCELLED',
        message: 'Index build cancelled.',
        details: { built: result.built, searchIndexed: search.indexed },
      });
    else post({ type: 'done', result: { ...result, searchIndexed: search.indexed } });
  } finally {
    ws.close();
  }
}

try {
  main();
} catch (err: unknown) {
  post(errorMessage(err));
}
