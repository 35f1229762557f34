// Builds (or reuses) the cached demo workspace a benchmark measures, with the app's own demo
// worker, and records how long that took.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { openWorkspace } from '../src-main/db/open-workspace';
import type { DemoResult } from '../src-main/demo/generate-demo';
import type { DemoJobParams } from '../src-main/demo/demo-worker';
import type { JobMessage, JobWorkerData } from '../src-main/jobs/job-protocol';
import { localUserContext } from '../src-main/workspace/app-host';

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export interface Generation {
  customers: number;
  ordersPerCustomer: number;
  seed: number;
  elapsedMs: number;
  peakRssMb: number;
  fileSizeBytes: number;
  result?: DemoResult;
  load?: number[][];
}

const GENERATION_PART = 100_000;

function generatePart(file: string, params: DemoJobParams, log: (line: string) => void): Promise<DemoResult> {
  const data: JobWorkerData<DemoJobParams> = { workspacePath: file, params, cancelFlag: new SharedArrayBuffer(4), user: localUserContext() };
  const worker = new Worker(new URL('./demo-worker.mjs', import.meta.url), { workerData: data });
  return new Promise<DemoResult>((res, rej) => {
    let shown = -1;
    worker.on('message', (msg: JobMessage) => {
      if (msg.type === 'progress') {
        const tenth = Math.floor((msg.done / msg.total) * 10);
        if (tenth !== shown) {
          shown = tenth;
          log(`  ${msg.phase} ${msg.done.toLocaleString('en-US')} / ${msg.total.toLocaleString('en-US')}`);
        }
      } else if (msg.type === 'done') res(msg.result as DemoResult);
      else rej(new Error(`${msg.code}: ${msg.message}`));
    });
    worker.on('error', rej);
  });
}

function sumResults(parts: DemoResult[]): DemoResult {
  const sum = (key: keyof DemoResult) => parts.reduce((total, p) => total + p[key], 0);
  const first = parts[0];
  if (!first) throw new Error('no generation parts');
  return {
    seed: first.seed,
    customers: sum('customers'),
    departments: sum('departments'),
    contacts: sum('contacts'),
    employees: first.employees,
    products: first.products,
    orders: sum('orders'),
    orderLines: sum('orderLines'),
    receipts: sum('receipts'),
    records: sum('records'),
    elapsedMs: sum('elapsedMs'),
    batchWaitMs: sum('batchWaitMs'),
  };
}

export async function ensureWorkspace(
  file: string,
  customers: number,
  orders: number,
  seed: number,
  options: { rebuild: boolean; log: (line: string) => void; partSize?: number },
): Promise<Generation> {
  const { log } = options;
  const record = `${file}.json`;
  if (!options.rebuild && existsSync(file) && existsSync(record)) {
    log(`reusing ${file}`);
    const ws = openWorkspace(file);
    const backup = ws.backupPath;
    ws.close();
    if (backup) rmSync(backup, { force: true });
    return JSON.parse(readFileSync(record, 'utf8')) as Generation;
  }
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${file}${suffix}`, { force: true });
  openWorkspace(file, { create: true }).close();
  log(`generating ${customers.toLocaleString('en-US')} customers × ${orders} orders into ${file} …`);
  const loadBefore = load();
  const started = performance.now();
  // Large workspaces are built in committed parts of PART customers (the demo's continuation,
  // identical content): one transaction would hold the whole file in the WAL as well, which at
  // 1M × 10 orders is more disk than these machines have.
  const salesUntil = new Date().toISOString().slice(0, 10);
  const part = options.partSize ?? GENERATION_PART;
  const results: DemoResult[] = [];
  for (let from = 0; from < customers; from += part) {
    const count = Math.min(part, customers - from);
    if (customers > part) log(` part ${from.toLocaleString('en-US')} – ${(from + count).toLocaleString('en-US')}`);
    results.push(await generatePart(file, { customers: count, seed, ordersPerCustomer: orders, firstIndex: from, salesUntil }, log));
  }
  const result = sumResults(results);
  openWorkspace(file).close(); // the final checkpoint belongs to generation
  const generation: Generation = {
    customers,
    ordersPerCustomer: orders,
    seed,
    elapsedMs: Math.round(performance.now() - started),
    peakRssMb: peakRssMb(),
    fileSizeBytes: statSync(file).size,
    result,
    load: [loadBefore, load()],
  };
  writeFileSync(record, `${JSON.stringify(generation, null, 2)}\n`);
  return generation;
}
