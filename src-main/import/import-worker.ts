import { parentPort, workerData } from 'node:worker_threads';
import { KecardError } from '../../src-shared/errors';
import { createBackup } from '../backup/backup-service';
import { openWorkspace } from '../db/open-workspace';
import { CancelToken, type JobMessage, type JobWorkerData } from '../jobs/job-protocol';
import { importSettings } from '../../src-shared/import/import-settings';
import { runImport } from './run-import';

/** Worker-thread entry of the 'import' job: its own connection, so the UI never waits on it. */
interface ImportParams {
  path: string;
  fileName: string;
  settings: unknown;
  dryRun: boolean;
}

const data = workerData as JobWorkerData<ImportParams>;
const post = (msg: JobMessage) => parentPort?.postMessage(msg);
const cancel = new CancelToken(data.cancelFlag);

async function main(): Promise<void> {
  const ws = openWorkspace(data.workspacePath);
  try {
    const settings = importSettings.parse(data.params.settings);
    const report = await runImport(ws, data.user, data.params.path, settings, {
      dryRun: data.params.dryRun,
      fileName: data.params.fileName,
      isCancelled: () => cancel.cancelled,
      onProgress: (done, total, phase) => post({ type: 'progress', done, total, phase }),
      beforeWrite: async () => {
        post({ type: 'progress', done: 0, total: 1, phase: 'backup' });
        await createBackup(ws, 'import');
      },
    });
    post({ type: 'done', result: report });
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof KecardError) post({ type: 'error', code: err.code, message: err.message, details: err.details });
  else post({ type: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
});
