// `npm run bench`: builds (or reuses, under .bench/) demo workspaces and measures what a user
// feels: launch to an interactive list, quick-search latency, opening a card, peak memory.
// Not part of the tests; the figures go into docs/performance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { openWorkspace } from '../src-main/db/open-workspace';
import type { DemoResult } from '../src-main/demo/generate-demo';
import type { JobMessage, JobWorkerData } from '../src-main/jobs/job-protocol';
import { localUserContext } from '../src-main/workspace/app-host';
import { measure, type MeasureResult } from './bench-measure';
import { cipherVariant, parseCipher, useBenchKey } from './bench-cipher';

interface Generation {
  customers: number;
  seed: number;
  elapsedMs: number;
  peakRssMb: number;
  fileSizeBytes: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string', default: '.bench' },
    rebuild: { type: 'boolean', default: false },
    measure: { type: 'string' },
    json: { type: 'boolean', default: false },
    /** Encryption at rest (session 15): measure an encrypted copy of each cached workspace. */
    cipher: { type: 'string', default: 'none' },
  },
});
const cipher = parseCipher(values.cipher);

if (values.measure) {
  // Child mode: measure one workspace and print the result as JSON on stdout.
  useBenchKey(values.measure, cipher);
  const result = await measure(values.measure);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await runAll();
}

async function runAll(): Promise<void> {
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) throw new Error(`--sizes must be whole numbers 1…1000000: ${values.sizes}`);
  const seed = Number(values.seed);
  const dir = resolve(values.dir);
  mkdirSync(dir, { recursive: true });
  const rows: { generation: Generation; result: MeasureResult }[] = [];
  for (const size of sizes) {
    const file = join(dir, `demo-${size}-seed${seed}.kecard`);
    const generation = await ensureWorkspace(file, size, seed, values.rebuild);
    const measured = cipherVariant(file, cipher, log);
    log(`measuring ${size.toLocaleString('en-US')} customers (${cipher}) …`);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', measured, '--cipher', cipher], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`measuring ${file} failed:\n${child.stderr}`);
    rows.push({ generation, result: JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as MeasureResult });
  }
  const report = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    at: new Date().toISOString(),
    rows,
  };
  writeFileSync(join(dir, 'last-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printTable(rows);
}

/** Reuses a cached workspace when its generation record says it is complete; builds it otherwise. */
async function ensureWorkspace(file: string, customers: number, seed: number, rebuild: boolean): Promise<Generation> {
  const record = `${file}.json`;
  if (!rebuild && existsSync(file) && existsSync(record)) {
    log(`reusing ${file}`);
    // Bring the cached file to this build's schema first: a one-time migration is not what the
    // launch figure is about. The app keeps its pre-migration backup; the bench cache does not
    // need a second copy of gigabytes of demo data.
    const ws = openWorkspace(file);
    const backup = ws.backupPath;
    ws.close();
    if (backup) {
      log(`  migrated to the current schema; removing the backup ${backup}`);
      rmSync(backup, { force: true });
    }
    return JSON.parse(readFileSync(record, 'utf8')) as Generation;
  }
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${file}${suffix}`, { force: true });
  openWorkspace(file, { create: true }).close();
  log(`generating ${customers.toLocaleString('en-US')} customers into ${file} …`);
  const started = performance.now();
  const { result, peakRssMb } = await runDemoWorker(file, customers, seed);
  // Count the final checkpoint too: the file is only complete once the WAL is folded back.
  const ws = openWorkspace(file);
  ws.close();
  const generation: Generation = {
    customers: result.customers,
    seed,
    elapsedMs: Math.round(performance.now() - started),
    peakRssMb,
    fileSizeBytes: readFileSize(file),
  };
  writeFileSync(record, `${JSON.stringify(generation, null, 2)}\n`);
  return generation;
}

function runDemoWorker(file: string, customers: number, seed: number): Promise<{ result: DemoResult; peakRssMb: number }> {
  const data: JobWorkerData<{ customers: number; seed: number }> = {
    workspacePath: file,
    params: { customers, seed },
    cancelFlag: new SharedArrayBuffer(4),
    user: localUserContext(),
  };
  const worker = new Worker(new URL('./demo-worker.mjs', import.meta.url), { workerData: data });
  let lastShown = -1;
  return new Promise((resolvePromise, reject) => {
    worker.on('message', (msg: JobMessage) => {
      if (msg.type === 'progress') {
        const tenth = Math.floor((msg.done / msg.total) * 10);
        if (tenth !== lastShown) {
          lastShown = tenth;
          log(`  ${msg.phase} ${msg.done.toLocaleString('en-US')} / ${msg.total.toLocaleString('en-US')}`);
        }
      } else if (msg.type === 'done') {
        resolvePromise({ result: msg.result as DemoResult, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
      } else reject(new Error(`${msg.code}: ${msg.message}`));
    });
    worker.on('error', reject);
  });
}

function readFileSize(file: string): number {
  let size = 0;
  for (const suffix of ['', '-wal']) if (existsSync(`${file}${suffix}`)) size += statSync(`${file}${suffix}`).size;
  return size;
}

function printTable(rows: { generation: Generation; result: MeasureResult }[]): void {
  const line = (label: string, pick: (r: { generation: Generation; result: MeasureResult }) => string) =>
    `${label.padEnd(40)}${rows.map((r) => pick(r).padStart(16)).join('')}`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const out = [
    line('customers', (r) => r.result.customers.toLocaleString('en-US')),
    line('launch → interactive list', (r) => ms(r.result.launchToListMs)),
    line('  open workspace (incl. checks)', (r) => ms(r.result.openMs)),
    line('  count + first page', (r) => ms(r.result.firstPageMs)),
    line('page in the middle of the list', (r) => ms(r.result.deepPageMs)),
    line('quick search median', (r) => ms(r.result.search.median)),
    line('quick search p95', (r) => ms(r.result.search.p95)),
    line('quick search max', (r) => ms(r.result.search.max)),
    line('open card (get + history) median', (r) => ms(r.result.card.median)),
    line('open card p95', (r) => ms(r.result.card.p95)),
    line('peak RSS (measuring process)', (r) => `${r.result.peakRssMb} MB`),
    line('generation time', (r) => `${(r.generation.elapsedMs / 1000).toFixed(1)} s`),
    line('generation peak RSS', (r) => `${r.generation.peakRssMb} MB`),
    line('file size', (r) => `${(r.generation.fileSizeBytes / 1024 ** 3).toFixed(2)} GB`),
    line('change-log entries', (r) => r.result.storage.changeLog.entries.toLocaleString('en-US')),
    line('change log incl. indexes per entry', (r) => `${r.result.storage.changeLog.bytesPerEntry} B`),
  ];
  process.stdout.write(`${out.join('\n')}\n\nbytes per table (indexes included; MB):\n`);
  for (const r of rows) {
    const top = r.result.storage.tables.filter((t) => t.bytes >= 1024 * 1024);
    process.stdout.write(
      `  ${r.result.customers.toLocaleString('en-US')}: ${top.map((t) => `${t.table} ${(t.bytes / 1024 ** 2).toFixed(1)} (idx ${(t.indexBytes / 1024 ** 2).toFixed(1)}, ${t.rows ? Math.round(t.bytes / t.rows) : 0} B/row)`).join('; ')}\n`,
    );
  }
  process.stdout.write('\nslowest queries (median ms):\n');
  for (const r of rows) {
    const slow = Object.entries(r.result.searchByQuery)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    process.stdout.write(`  ${r.result.customers.toLocaleString('en-US')}: ${slow.map(([q, t]) => `${q} ${t}`).join(', ')}\n`);
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
