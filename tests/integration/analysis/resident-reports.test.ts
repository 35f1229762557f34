import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { createBackup } from '../../../src-main/backup/backup-service';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir, testUser } from '../../support/temp-workspace';

// Reports run in one resident worker per workspace that keeps the sales facts between jobs. What
// another connection writes, and a backup put back in place of the file, must show in the next
// report all the same.

let dir: string;
let cleanup: () => void;
let app: ComposedApp;
const events: KecardEvent[] = [];
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  events.length = 0;
  app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
  app.setEventSink((e) => events.push(e));
});
afterEach(async () => {
  await app.dispose();
  cleanup();
});

const AS_OF = '2026-06-30';

async function pareto(): Promise<{ total: number; customers: number }> {
  const started = await app.dispatch('reports.run', { request: { kind: 'pareto', asOf: AS_OF, windowDays: 365 } }, app.host.context);
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  const finished = await jobFinished(events, jobId);
  expect(finished).toMatchObject({ ok: true, kind: 'report' });
  return finished.result as { total: number; customers: number };
}

/** Another window or user on the same file: its own connection. */
function sell(path: string, yuan: number[]): void {
  const ws = openWorkspace(path);
  try {
    for (const y of yuan) {
      const c = createCustomer(ws, testUser, { name: `客户${y}` });
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: '2026-05-01',
        status: 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: y * 100 }],
      });
    }
  } finally {
    ws.close();
  }
}

describe('reports in the resident worker', () => {
  it('follow writes made elsewhere, and a restored backup even once the change log has grown past where it was', async () => {
    const path = join(dir, 'shop.kecard');
    app.host.create(path);
    sell(path, [100, 200]);
    expect(await pareto()).toMatchObject({ total: 30_000, customers: 2 });

    sell(path, [300]);
    expect(await pareto()).toMatchObject({ total: 60_000, customers: 3 });

    const ws = openWorkspace(path);
    const backup = await createBackup(ws, 'manual');
    ws.close();
    sell(path, [400]);
    expect(await pareto()).toMatchObject({ total: 100_000, customers: 4 });

    // Back to three customers; then more changes than were lost reuse the change-log rowids the
    // facts last saw, with other rows behind them.
    await app.host.restoreBackup(backup.file);
    sell(path, [1, 2]);
    expect(await pareto()).toMatchObject({ total: 60_300, customers: 5 });
    const progress = events.filter((e) => e.type === 'job.progress' && e.kind === 'report');
    expect(progress.length).toBeGreaterThan(0);

    // The app again, later: the facts come from the data folder, not from reading every order.
    await app.dispose();
    events.length = 0;
    app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
    app.setEventSink((e) => events.push(e));
    app.host.open(path);
    sell(path, [5]);
    expect(await pareto()).toMatchObject({ total: 60_800, customers: 6 });
    expect(events.some((e) => e.type === 'job.progress' && e.phase === 'reading')).toBe(false);
  }, 60_000);
});
