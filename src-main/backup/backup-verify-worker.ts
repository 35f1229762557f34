// Bundled as dist/main/backup-verify-worker.mjs: the integrity_check of a backup, off main's
// thread. At 10 GB it reads every page for minutes; main keeps answering meanwhile, and quitting
// ends this thread at once (SQLite cannot be interrupted between pages from JavaScript).
import { parentPort, workerData } from 'node:worker_threads';
import { apiErrorOf } from '../../src-shared/errors';
import { verifyBackupFile } from './verify-backup-file';

const { path } = workerData as { path: string };
try {
  verifyBackupFile(path);
  parentPort?.postMessage({ ok: true });
} catch (err) {
  parentPort?.postMessage({ ok: false, error: apiErrorOf(err) });
}
