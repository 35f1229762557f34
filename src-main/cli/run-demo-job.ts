import { Worker } from 'node:worker_threads';
import { KecardError, type ErrorCode, ERROR_CODES } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { DemoResult } from '../demo/generate-demo';
import type { DemoJobParams } from '../demo/demo-worker';
import { keyForWorker } from '../db/workspace-key';
import { CancelToken, type JobMessage, type JobWorkerData } from '../jobs/job-protocol';

export interface DemoJobProgress {
  done: number;
  total: number;
  phase: string;
}

/**
 * Runs the demo job in the same worker the app uses (dist/main/demo-worker.mjs), so this thread
 * stays free to notice Ctrl+C: the first one raises the cancel flag and the worker rolls back; a
 * second one stops the worker outright (SQLite discards the unfinished transaction on next open).
 */
export function runDemoJob(
  workspacePath: string,
  params: DemoJobParams,
  user: CallContext,
  onProgress: (p: DemoJobProgress) => void,
  onCancelRequested: () => void,
): Promise<DemoResult> {
  const cancelFlag = new SharedArrayBuffer(4);
  const data: JobWorkerData<DemoJobParams> = { workspacePath, params, cancelFlag, user };
  const worker = new Worker(new URL('./demo-worker.mjs', import.meta.url), { workerData: { ...data, workspaceKey: keyForWorker(workspacePath) } });
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) {
      CancelToken.cancel(cancelFlag);
      onCancelRequested();
    } else {
      void worker.terminate();
    }
  };
  process.on('SIGINT', onSigint);

  return new Promise<DemoResult>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', onSigint);
      fn();
    };
    worker.on('message', (msg: JobMessage) => {
      if (msg.type === 'progress') onProgress(msg);
      else if (msg.type === 'done') settle(() => resolve(msg.result as DemoResult));
      else settle(() => reject(new KecardError(asErrorCode(msg.code), msg.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => {
      if (interrupts > 1) settle(() => reject(new KecardError('JOB_CANCELLED', 'Stopped.')));
      else settle(() => reject(new KecardError('INTERNAL', `The demo worker exited early (code ${code}).`)));
    });
  });
}

function asErrorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}
