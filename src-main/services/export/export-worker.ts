import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../../db/open-workspace';
import { CancelToken, errorMessage, type JobMessage, type JobWorkerData } from '../../jobs/job-protocol';
import { scopeFor, withScope } from '../../people/record-scope';
import { fieldViewFor } from '../../people/field-view';
import { exportQueryToFile, type QueryExportInput } from './export-query';

/** Worker-thread entry of the 'export' job: a query's result written to a file off main's thread. */
const data = workerData as JobWorkerData<QueryExportInput & { outputPath: string }>;
const post = (msg: JobMessage) => parentPort?.postMessage(msg);
const cancel = new CancelToken(data.cancelFlag);

async function main(): Promise<void> {
  const { outputPath, ...input } = data.params;
  const ws = openWorkspace(data.workspacePath);
  try {
    post({ type: 'progress', done: 0, total: 0, phase: 'exporting' });
    // The caller's record scope holds in the worker as in main (record-scope.ts), and the file
    // holds what its exporter may see: the same field rules as their screens.
    const view = fieldViewFor(ws, data.user);
    const result = await withScope(scopeFor(ws, data.user), () =>
      exportQueryToFile(ws, input, outputPath, {
        present: (row, entity) => view.row(entity, row),
        cancelled: () => cancel.cancelled,
        onProgress: (done, total) => post({ type: 'progress', done, total, phase: 'exporting' }),
      }),
    );
    post({ type: 'done', result });
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  post(errorMessage(err));
});
