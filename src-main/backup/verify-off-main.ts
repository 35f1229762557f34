import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KecardError, type ApiError } from '../../src-shared/errors';
import type { WorkspaceKey } from '../db/workspace-key';
import { verifyBackupFile } from './verify-backup-file';

/** Beside every bundle in dist/main (launcher, CLI, Electron main, workers). */
export const VERIFY_WORKER = new URL('./backup-verify-worker.mjs', import.meta.url);

const CANCEL_POLL_MS = 100;

/**
 * integrity_check of a backup on a thread of its own, so a 10 GB check never freezes the app and
 * a quit (`isCancelled`) ends it within a tenth of a second. Run from the sources (unit tests)
 * there is no bundled worker and the check runs in place, as it always did.
 */
export async function verifyBackupOffMain(
  path: string,
  isCancelled: () => boolean = () => false,
  worker: URL = VERIFY_WORKER,
  key: WorkspaceKey | null = null,
): Promise<void> {
  if (!existsSync(fileURLToPath(worker))) {
    verifyBackupFile(path, key);
    return;
  }
  // A backup of an encrypted workspace has its key: handed over in memory (workspace-key.ts).
  const thread = new Worker(worker, { workerData: { path, workspaceKey: key ? { cipher: key.cipher, key: new Uint8Array(key.key) } : null } });
  let poll: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      thread.once('message', (m: { ok: boolean; error?: ApiError }) => {
        if (m.ok) resolve();
        else reject(new KecardError(m.error?.code ?? 'WORKSPACE_CORRUPT', m.error?.message ?? 'The backup failed its check.', m.error?.details));
      });
      thread.once('error', reject);
      // A thread that ends without an answer (out of memory, say) did not vouch for the copy.
      thread.once('exit', (code) => reject(new KecardError('WORKSPACE_IO', `The backup check stopped unexpectedly (exit ${code}).`)));
      const cancelled = () => {
        if (isCancelled()) reject(new KecardError('JOB_CANCELLED', 'The backup was cancelled.'));
      };
      cancelled();
      poll = setInterval(cancelled, CANCEL_POLL_MS);
    });
  } finally {
    clearInterval(poll);
    await thread.terminate();
  }
}
