import { parentPort, workerData } from 'node:worker_threads';
import { KecardError } from '../../src-shared/errors';
import { openWorkspace } from '../db/open-workspace';
import type { Workspace } from '../db/workspace';
import { CancelToken, errorMessage } from '../jobs/job-protocol';
import type { ResidentRequest, ResidentResponse } from '../jobs/resident-protocol';
import { salesFacts } from './facts/facts-cache';
import { jobRequest, runReport, type JobRequest } from './run-report';

/**
 * The resident worker of the 'report' jobs: one per open workspace, alive while it is open, so the
 * sales facts it reads once (seconds at 10M orders) serve every later report in milliseconds.
 * Requests run one after another; each brings its own cancel flag. The file is opened for each
 * request and closed after it: between reports no handle keeps a backup from replacing it.
 */
const { workspacePath, cacheDir } = workerData as { workspacePath: string; cacheDir?: string };
const post = (msg: ResidentResponse) => parentPort?.postMessage(msg);

function withWorkspace<T>(work: (ws: Workspace) => Promise<T> | T): Promise<T> {
  const ws = openWorkspace(workspacePath);
  return Promise.resolve()
    .then(() => work(ws))
    .finally(() => ws.close());
}

/** Reports that aggregate orders: their facts are brought up to date first, with progress. */
const READS_SALES = new Set<JobRequest['kind']>([
  'pareto',
  'rfm',
  'transitions',
  'dormant',
  'timeSeries',
  'clv',
  'managers',
  'schemePreview',
  'schemeApply',
  'lifecycleApply',
  'drill',
]);

let queue = Promise.resolve();

parentPort?.on('message', (req: ResidentRequest) => {
  queue = queue.then(() => handle(req));
});

async function handle(req: ResidentRequest): Promise<void> {
  if (req.type === 'warm') {
    // Warming is a courtesy: a report that needs the facts reads them and reports any error.
    await withWorkspace((ws) => salesFacts(ws, { cacheDir })).catch(() => undefined);
    return;
  }
  const { jobId } = req;
  const cancel = new CancelToken(req.cancelFlag);
  try {
    if (cancel.cancelled) throw new KecardError('JOB_CANCELLED', 'Cancelled.');
    const request = jobRequest.parse(req.params);
    post({ jobId, msg: { type: 'progress', done: 0, total: 1, phase: 'computing' } });
    const result = await withWorkspace((ws) => {
      if (READS_SALES.has(request.kind)) {
        salesFacts(ws, {
          cacheDir,
          onProgress: (done, total) => {
            if (cancel.cancelled) throw new KecardError('JOB_CANCELLED', 'Cancelled.');
            post({ jobId, msg: { type: 'progress', done, total, phase: 'reading' } });
          },
        });
      }
      return runReport(ws, request, req.user, {
        isCancelled: () => cancel.cancelled,
        onProgress: (done, total) => post({ jobId, msg: { type: 'progress', done, total, phase: 'writing' } }),
      });
    });
    post({ jobId, msg: { type: 'done', result } });
  } catch (err) {
    post({ jobId, msg: errorMessage(err) });
  }
}
