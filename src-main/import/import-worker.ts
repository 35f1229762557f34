import { parentPort, workerData } from 'node:worker_threads';
import { createBackup } from '../backup/backup-service';
import { openWorkspace } from '../db/open-workspace';
import { CancelToken, errorMessage, type JobMessage, type JobWorkerData } from '../jobs/job-protocol';
import { importSettings } from '../../src-shared/import/import-settings';
import { isImportProducer, runImportProducer } from './producer-thread';
import { readFilesOnThread } from './reader-thread';
import { runImport } from './run-import';

/**
 * Worker-thread entry of the 'import' job: its own connection, so the UI never waits on it. The
 * same file also runs the import's producer thread (role 'import-producer'), which reads and
 * prepares the rows, so the build needs no extra entry. Reader threads, which parse the user's
 * file with memory and time limits, run file-reader-worker.mjs beside it (reader-thread.ts).
 */
interface ImportParams {
  path: string;
  fileName: string;
  settings: unknown;
  dryRun: boolean;
}

const post = (msg: JobMessage) => parentPort?.postMessage(msg);
/** The reader threads' bundle, built beside this one. */
const READER_FILE = new URL('./file-reader-worker.mjs', import.meta.url);

async function main(data: JobWorkerData<ImportParams>): Promise<void> {
  const cancel = new CancelToken(data.cancelFlag);
  // Every parse of the file (inspect, check, write) runs on a bounded reader thread.
  readFilesOnThread({ file: READER_FILE, formats: 'all', isCancelled: () => cancel.cancelled });
  const ws = openWorkspace(data.workspacePath);
  try {
    const settings = importSettings.parse(data.params.settings);
    const report = await runImport(ws, data.user, data.params.path, settings, {
      dryRun: data.params.dryRun,
      fileName: data.params.fileName,
      isCancelled: () => cancel.cancelled,
      producerFile: new URL(import.meta.url),
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

if (isImportProducer(workerData)) {
  // The producer is itself a bounded reader; SheetJS still gets its own thread (frozen prototypes).
  readFilesOnThread({ file: READER_FILE, formats: 'xls' });
  void runImportProducer(workerData);
} else {
  main(workerData as JobWorkerData<ImportParams>).catch((err: unknown) => {
    post(errorMessage(err));
  });
}
