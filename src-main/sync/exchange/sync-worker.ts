// Worker-thread entry of the 'sync' job (bundled to dist/main/sync-worker.mjs): importing bundles,
// 立即同步, exporting and joining run on their own connection, so the window stays responsive while a
// store's first bundle of 100k changes goes in, and 取消 is heard between batches.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../../db/open-workspace';
import { CancelToken, errorMessage, type JobMessage, type JobWorkerData } from '../../jobs/job-protocol';
import { exportBundles, importBundles } from './bundle-files';
import { syncThroughFolder } from './folder-transport';
import { readInvitationFile } from '../network/invitation-file';
import { joinNetwork } from '../network/network-service';

export type SyncJobParams =
  | { op: 'import'; files: string[]; processedDir?: string }
  | { op: 'now'; code: string }
  | { op: 'export'; to: string[] | 'all'; dir: string }
  | { op: 'join'; invitationPath: string };

const post = (msg: JobMessage) => parentPort?.postMessage(msg);

function run(data: JobWorkerData<SyncJobParams>): void {
  const cancel = new CancelToken(data.cancelFlag);
  const ws = openWorkspace(data.workspacePath);
  try {
    const progress = {
      isCancelled: () => cancel.cancelled,
      onProgress: (done: number, total: number) => post({ type: 'progress', done, total, phase: 'apply' }),
    };
    const params = data.params;
    let result: unknown;
    if (params.op === 'import') {
      result = importBundles(ws, data.user, params.files, { ...(params.processedDir ? { processedDir: params.processedDir } : {}), ...progress });
    } else if (params.op === 'now') {
      result = syncThroughFolder(ws, data.user, params.code, progress);
    } else if (params.op === 'join') {
      result = joinNetwork(ws, data.user, readInvitationFile(params.invitationPath));
    } else {
      post({ type: 'progress', done: 0, total: 1, phase: 'export' });
      result = exportBundles(ws, params.dir, params.to);
    }
    post({ type: 'done', result });
  } finally {
    ws.close();
  }
}

try {
  run(workerData as JobWorkerData<SyncJobParams>);
} catch (err) {
  post(errorMessage(err));
}
