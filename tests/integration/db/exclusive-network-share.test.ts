import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { KecardError } from '../../../src-shared/errors';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir, testUser } from '../../support/temp-workspace';

// On a network share the holder keeps the file in SQLite's exclusive locking mode (issue 15):
// nothing else reads or writes it, while Kecard's own workers borrow it for as long as they run.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** What another program (a second Kecard without the lock file's courtesy, a database browser) meets. */
function outsiderReads(path: string): string {
  const other = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
  try {
    other.prepare('SELECT count(*) FROM customers').get();
    return 'reads';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    other.close();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a workspace on a network share', () => {
  it('is held exclusively: another program can neither read nor write it until the holder closes it', () => {
    const path = join(dir, 'share.kecard');
    const ws = openWorkspace(path, { create: true, network: true });
    createCustomer(ws, testUser, { name: '共享盘客户' });
    expect(ws.db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    expect(outsiderReads(path)).toBe('SQLITE_BUSY');
    // `kecard info` beside the holder gets the busy message, not a half-read file.
    let refusal: unknown;
    try {
      openWorkspace(path, { readOnly: true }).close();
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(KecardError);
    expect((refusal as KecardError).code).toBe('WORKSPACE_BUSY');
    ws.close();
    expect(outsiderReads(path)).toBe('reads');
  });

  it('a local workspace is not held exclusively', () => {
    const path = join(dir, 'local.kecard');
    const ws = openWorkspace(path, { create: true, network: false });
    createCustomer(ws, testUser, { name: '本地客户' });
    expect(outsiderReads(path)).toBe('reads');
    ws.close();
  });

  describe('in the app', () => {
    let app: ComposedApp;
    const events: KecardEvent[] = [];
    const saved = process.env.KECARD_NETWORK_SHARE;
    beforeEach(() => {
      process.env.KECARD_NETWORK_SHARE = '1';
      events.length = 0;
      app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
      app.setEventSink((e) => events.push(e));
    });
    afterEach(async () => {
      await app.dispose();
      if (saved === undefined) delete process.env.KECARD_NETWORK_SHARE;
      else process.env.KECARD_NETWORK_SHARE = saved;
    });

    async function finished(method: string, input: unknown): Promise<Extract<KecardEvent, { type: 'job.finished' }>> {
      const started = await app.dispatch(method, input, app.host.context);
      if (!started.ok) throw new Error(started.error.message);
      return jobFinished(events, (started.value as { jobId: string }).jobId, 60_000);
    }

    it('lends the file to its own workers (an import writing, reports reading) and holds it again once they are done', async () => {
      const path = join(dir, 'hq.kecard');
      app.host.create(path);
      const ws = app.host.workspace;
      expect(ws.heldExclusively).toBe(true);
      const c = createCustomer(ws, testUser, { name: '华东贸易有限公司' });
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: '2026-05-01',
        status: 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 12_300 }],
      });
      expect(outsiderReads(path)).toBe('SQLITE_BUSY');

      // An import writes from its worker's own connection.
      const token = await app.host.staged.stageUpload(Readable.from([Buffer.from('客户名称,电话\n华南贸易有限公司,13800138000\n')]), 'c.csv');
      const imported = await finished('import.run', { fileToken: token, settings: { target: 'customers' } });
      expect(imported.ok).toBe(true);
      expect(
        listCustomers(ws, { offset: 0, limit: 10 })
          .rows.map((x) => x.name)
          .sort(),
      ).toEqual(['华南贸易有限公司', '华东贸易有限公司'].sort());

      // Reports run in the resident worker, which is ended once idle rather than kept warm.
      const report = await finished('reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
      expect(report).toMatchObject({ ok: true });
      expect(report.result).toMatchObject({ total: 12_300, customers: 1 });
      await until(() => outsiderReads(path) === 'SQLITE_BUSY', 'the file is held again');

      // Main writes on between jobs, and the next report sees it.
      createOrder(ws, testUser, {
        customerId: c.id,
        orderDate: '2026-06-01',
        status: 'confirmed',
        lines: [{ productName: '货品', quantityMilli: 2000, unitPriceFen: 100 }],
      });
      const again = await finished('reports.run', { request: { kind: 'pareto', asOf: '2026-06-30', windowDays: 365 } });
      expect(again.result).toMatchObject({ total: 12_500, customers: 1 });
      await until(() => outsiderReads(path) === 'SQLITE_BUSY', 'the file is held again after the second report');
      expect(app.jobs.running).toBe(0);
    });
  });
});
