import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../db/open-workspace';
import { errorMessage, type JobMessage, type JobWorkerData } from '../jobs/job-protocol';
import { jobRequest, runReport } from './run-report';

/** Worker-thread entry of the 'report' job: reports read big tables, so they never run on main's thread. */
const data = workerData as JobWorkerData<unknown>;
const post = (msg: JobMessage) => parentPort?.postMessage(msg);

async function main(): Promise<void> {
  const request = jobRequest.parse(data.params);
  post({ type: 'progress', done: 0, total: 1, phase: 'computing' });
  const ws = openWorkspace(data.workspacePath);
  try {
    post({ type: 'done', result: await runReport(ws, request, data.user) });
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  post(errorMessage(err));
});
