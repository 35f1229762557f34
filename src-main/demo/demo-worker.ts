// Worker-thread entry for the 'demo' job (bundled to dist/main/demo-worker.mjs). The same file
// also serves as the demo producer thread, so the build needs no extra entry.
import { parentPort, workerData } from 'node:worker_threads';
import { KecardError } from '../../src-shared/errors';
import { openWorkspace } from '../db/open-workspace';
import type { Workspace } from '../db/workspace';
import { CancelToken, type JobMessage, type JobWorkerData } from '../jobs/job-protocol';
import { generateDemo, type DemoProgress } from './generate-demo';
import { runProducer, threadedSource, type ProducerData } from './demo-source';

export interface DemoJobParams {
  customers: number;
  seed: number;
  /** Orders per customer; absent or 0 = customers only. */
  ordersPerCustomer?: number;
  /** Continue a seed's demo data from this customer number (see GenerateDemoOptions.firstIndex). */
  firstIndex?: number;
  /** Last day of the sales history (YYYY-MM-DD), so the parts of a continued run share one. */
  salesUntil?: string;
}

/** Below this a second thread costs more to start than it saves. */
const THREADED_FROM = 5000;

function isProducer(data: unknown): data is ProducerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'demo-producer';
}

function post(message: JobMessage): void {
  parentPort?.postMessage(message);
}

function runJob(data: JobWorkerData<DemoJobParams>): void {
  let ws: Workspace | null = null;
  try {
    ws = openWorkspace(data.workspacePath);
    const cancel = new CancelToken(data.cancelFlag);
    const self = new URL(import.meta.url);
    const result = generateDemo(ws, data.user, {
      customers: data.params.customers,
      seed: data.params.seed,
      ...(data.params.ordersPerCustomer ? { ordersPerCustomer: data.params.ordersPerCustomer } : {}),
      ...(data.params.firstIndex ? { firstIndex: data.params.firstIndex } : {}),
      ...(data.params.salesUntil ? { salesUntil: data.params.salesUntil } : {}),
      cancel,
      onProgress: (p: DemoProgress) => post({ type: 'progress', done: p.done, total: p.total, phase: p.phase }),
      ...(data.params.customers >= THREADED_FROM ? { producer: (plan, batchSize) => threadedSource(self, plan, batchSize) } : {}),
    });
    ws.close();
    ws = null;
    post({ type: 'done', result });
  } catch (err) {
    const code = err instanceof KecardError ? err.code : 'INTERNAL';
    post({ type: 'error', code, message: err instanceof Error ? err.message : String(err) });
  } finally {
    ws?.close();
  }
}

if (isProducer(workerData)) runProducer(workerData);
else if (parentPort) runJob(workerData as JobWorkerData<DemoJobParams>);
