import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { ReportKind, ReportRequest } from '../../../src-shared/contract/report-requests';
import { reportResults } from '../../../src-shared/contract/report-results';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir } from '../../support/temp-workspace';

// Report results are part of the contract: main checks each report job's result against its
// kind's schema before job.finished carries it. Every kind runs here on a demo workspace through
// the router and the real job runner; a worker answering off the schema is refused as INTERNAL,
// logged with the report's kind, and its result never reaches the renderer.

type Finished = Extract<KecardEvent, { type: 'job.finished' }>;

function composed(workerDir: URL): { app: ComposedApp; events: KecardEvent[] } {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const events: KecardEvent[] = [];
  const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir, parseFilesInPlace: true });
  app.setEventSink((e) => events.push(e));
  cleanups.push(() => app.dispose());
  app.host.create(join(dir, 'shop.kecard'));
  return { app, events };
}
const cleanups: (() => unknown)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) await cleanups.pop()?.();
}

async function call<T>(app: ComposedApp, method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input, app.host.context);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function runJob(app: ComposedApp, events: KecardEvent[], method: string, input: unknown): Promise<Finished> {
  const { jobId } = await call<{ jobId: string }>(app, method, input);
  return jobFinished(events, jobId, 120_000);
}

describe('every report kind on a demo workspace', () => {
  let app: ComposedApp;
  let events: KecardEvent[];
  const results = new Map<ReportKind, unknown>();
  const report = async (request: ReportRequest): Promise<unknown> => {
    const finished = await runJob(app, events, 'reports.run', { request });
    expect(finished, request.kind).toMatchObject({ ok: true, kind: 'report' });
    results.set(request.kind, finished.result);
    return finished.result;
  };

  beforeAll(async () => {
    ({ app, events } = composed(distWorkers));
    const demo = await runJob(app, events, 'demo.generate', { customers: 300, seed: 16, ordersPerCustomer: 4, target: 'current' });
    expect(demo.ok).toBe(true);
  }, 180_000);
  afterAll(cleanUp);

  it('runs each through the router and the job runner, and each result passes its schema', async () => {
    const { lastOrderDate } = await call<{ lastOrderDate: string | null }>(app, 'reports.salesDates', {});
    if (!lastOrderDate) throw new Error('the demo has no sales');
    const asOf = lastOrderDate;
    const month = asOf.slice(0, 7);
    const yearBefore = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4, 7)}`;
    const windowDays = 365;
    const scoring = { kind: 'quantiles', buckets: 5 } as const;
    const definition = {
      classes: [
        { key: 'A', label: 'A 类' },
        { key: 'B', label: 'B 类' },
        { key: 'C', label: 'C 类' },
      ],
      windowDays,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.7, 0.9, 1] },
    };
    const scheme = await call<{ id: string }>(app, 'classification.save', { name: 'ABC', definition, setsCustomerClass: false });
    const types = await call<{ id: string; name: string }[]>(app, 'businessTypes.list', {});
    const typeId = types[0]?.id;
    if (!typeId) throw new Error('the demo has no business types');

    await report({ kind: 'schemePreview', definition, asOf });
    await report({ kind: 'schemeApply', schemeId: scheme.id, period: '上期', asOf: `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}` });
    await report({ kind: 'schemeApply', schemeId: scheme.id, period: '本期', asOf });
    await report({ kind: 'lifecycleApply', asOf });
    await report({ kind: 'pareto', asOf, windowDays });
    await report({ kind: 'rfm', asOf, windowDays, scoring });
    await report({ kind: 'pyramid', schemeId: scheme.id });
    await report({ kind: 'distribution', schemeId: scheme.id });
    await report({ kind: 'transitions', schemeId: scheme.id, from: '上期', to: '本期' });
    await report({ kind: 'dormant', asOf, dormantDays: 90 });
    await report({ kind: 'timeSeries', fromMonth: yearBefore, toMonth: month, by: 'province' });
    await report({ kind: 'clv', asOf, windowDays, lifespanYears: 3, grossMargin: 0.3 });
    await report({ kind: 'managers', asOf, windowDays });
    await report({ kind: 'relationship' });
    await report({ kind: 'business', typeId, asOf, windowDays });
    await report({ kind: 'drill', target: { of: 'paretoTop', asOf, windowDays, share: 0.2 } });

    expect([...results.keys()].sort()).toEqual(Object.keys(reportResults).sort());
    for (const [kind, result] of results) {
      const checked = reportResults[kind].safeParse(result);
      expect(checked.success, `${kind}: ${checked.error?.message ?? ''}`).toBe(true);
    }
    // Not vacuous: the demo's sales show in the figures.
    expect(results.get('pareto')).toMatchObject({ customers: expect.any(Number) as number });
    expect((results.get('pareto') as { customers: number }).customers).toBeGreaterThan(0);
    expect((results.get('rfm') as { customers: number }).customers).toBeGreaterThan(0);
    expect((results.get('transitions') as { matrix: unknown[] }).matrix.length).toBeGreaterThan(0);
    expect((results.get('timeSeries') as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    expect((results.get('managers') as unknown[]).length).toBeGreaterThan(0);
    expect(Object.values(results.get('lifecycleApply') as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(300);
  }, 180_000);
});

describe('a report result off its schema', () => {
  const logged: unknown[][] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    logged.length = 0;
    await cleanUp();
  });

  it('is refused as INTERNAL, logged with the report kind, and never delivered', async () => {
    // A resident analysis worker that answers every job with a Pareto result whose total is text
    // and whose points lost a field: what a report that drifted from the contract would send.
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    writeFileSync(
      join(dir, 'analysis-worker.mjs'),
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (req) => {
  if (req.type !== 'job') return;
  const result = req.params.kind === 'relationship'
    ? [{ level: 1, customers: 3 }]
    : { points: [{ customerShare: 0.5 }], total: '30000', top20Share: 0.8, customers: 3, allCustomers: 3 };
  parentPort.postMessage({ jobId: req.jobId, msg: { type: 'done', result } });
});
`,
    );
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const { app, events } = composed(pathToFileURL(dir + '/'));

    const bad = await runJob(app, events, 'reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
    expect(bad).toMatchObject({ ok: false, cancelled: false, kind: 'report', error: { code: 'INTERNAL', details: { report: 'pareto' } } });
    expect(bad.result).toBeUndefined();
    expect(JSON.stringify(bad)).not.toContain('30000');
    expect(logged).toHaveLength(1);
    expect(String(logged[0]?.[0])).toContain('report pareto');

    // The same worker's answer that does fit its kind (relationship) is delivered.
    const good = await runJob(app, events, 'reports.run', { request: { kind: 'relationship' } });
    expect(good).toMatchObject({ ok: true, result: [{ level: 1, customers: 3 }] });
    expect(logged).toHaveLength(1);
  });
});
