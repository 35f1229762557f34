import { storageBreakdown, type StorageBreakdown } from './file-bytes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src-main/app/compose-app';

// The measuring side of the benchmark. It runs in a fresh process per workspace, so "launch" is
// a real process start and peak RSS belongs to this workspace alone. Everything goes through the
// router, the way the renderer reaches main.

/** Typed as a user would: Chinese fragments of 1–4 characters, pinyin initials and full pinyin, phone fragments, codes, contact names. */
export const QUERIES: readonly string[] = [
  '华',
  '信',
  '科技',
  '华信',
  '深圳',
  '电子科技',
  '机械设备',
  '广州华信',
  'hx',
  'gzhx',
  'szkj',
  'dzkj',
  'huaxin',
  'shenzhen',
  'keji',
  'jixie',
  '8333',
  '0755',
  '13800',
  '1391',
  '020-8',
  'KH00001',
  'KH0012345',
  'KH0099999',
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  'zhangwei',
  'wangfang',
];

export interface Stats {
  median: number;
  p95: number;
  max: number;
  n: number;
}

export interface MeasureResult {
  file: string;
  customers: number;
  /** Process start → first page of the list on screen (open + migration check + count + page). */
  launchToListMs: number;
  openMs: number;
  firstPageMs: number;
  deepPageMs: number;
  search: Stats;
  searchByQuery: Record<string, number>;
  card: Stats;
  /**
   * CPU time (user + system) of this process for the timed searches and card opens, in ms per
   * call: on a machine shared with other jobs it moves far less with the load than wall time
   * does (session 15: comparing drivers and ciphers at load 6–9).
   */
  cpuPerSearchMs: number;
  cpuPerCardMs: number;
  peakRssMb: number;
  storage: StorageBreakdown;
}

export async function measure(file: string): Promise<MeasureResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kecard-bench-'));
  const app = composeApp({ dataDir, shell: 'browser', workerDir: new URL('./', import.meta.url) });
  const ctx = app.host.context;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  try {
    const t0 = performance.now();
    await call('workspace.open', { path: file });
    const t1 = performance.now();
    const first = await call<{ total: number; rows: { id: string }[] }>('customers.list', { offset: 0, limit: 100 });
    const t2 = performance.now();
    // performance.now() counts from process start, so t2 includes Node start-up and loading the bundle.
    const launchToListMs = t2;

    const d0 = performance.now();
    await call('customers.list', { offset: Math.floor(first.total / 2), limit: 100 });
    const deepPageMs = performance.now() - d0;

    const perQuery = new Map<string, number[]>();
    for (const q of QUERIES) await call('customers.search', { q, limit: 20 }); // warm the page cache once, as typing would
    const searchCpu = process.cpuUsage();
    for (let round = 0; round < 5; round += 1) {
      for (const q of QUERIES) {
        const s = performance.now();
        await call('customers.search', { q, limit: 20 });
        const list = perQuery.get(q) ?? [];
        list.push(performance.now() - s);
        perQuery.set(q, list);
      }
    }
    const searchTimes = [...perQuery.values()].flat();
    const searchCpuUsed = process.cpuUsage(searchCpu);
    let cardCpuMicros = 0;

    const cardTimes: number[] = [];
    const step = Math.max(1, Math.floor(first.total / 40));
    for (let offset = 7; offset < first.total && cardTimes.length < 40; offset += step) {
      const page = await call<{ rows: { id: string }[] }>('customers.list', { offset, limit: 1, sort: { field: 'createdAt', dir: 'asc' } });
      const id = page.rows[0]?.id;
      if (!id) continue;
      const s = performance.now();
      const cpu = process.cpuUsage();
      await call('customers.get', { id });
      await call('customers.history', { id });
      cardTimes.push(performance.now() - s);
      const used = process.cpuUsage(cpu);
      cardCpuMicros += used.user + used.system;
    }

    return {
      file,
      customers: first.total,
      launchToListMs: round(launchToListMs),
      openMs: round(t1 - t0),
      firstPageMs: round(t2 - t1),
      deepPageMs: round(deepPageMs),
      search: stats(searchTimes),
      searchByQuery: Object.fromEntries([...perQuery].map(([q, times]) => [q, round(stats(times).median)])),
      card: stats(cardTimes),
      cpuPerSearchMs: round((searchCpuUsed.user + searchCpuUsed.system) / 1000 / Math.max(1, searchTimes.length)),
      cpuPerCardMs: round(cardCpuMicros / 1000 / Math.max(1, cardTimes.length)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      storage: storageBreakdown(file),
    };
  } finally {
    await app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? 0), n: sorted.length };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
