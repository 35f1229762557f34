import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComposedApp } from '../../../src-main/app/compose-app';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { distWorkers } from '../../support/job-events';
import { tempDir, testUser } from '../../support/temp-workspace';

// A large workspace's customer queries run in the query worker, which answers related-orders
// conditions from the sales facts the report worker saved, kept current from the change log.
// The size limit is lowered so a small file takes that path.

let dir: string;
let cleanup: () => void;
let app: ComposedApp | null = null;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  vi.stubEnv('KECARD_FULL_CHECK_MAX_BYTES', '1024');
  vi.resetModules();
});
afterEach(async () => {
  await app?.dispose();
  app = null;
  vi.unstubAllEnvs();
  cleanup();
});

const bigBuyers: QueryDefinition = {
  entity: 'customer',
  where: {
    kind: 'group',
    op: 'and',
    children: [
      { kind: 'condition', field: 'city', operator: 'eq', value: '宁波' },
      { kind: 'related', relation: 'orders', mode: 'aggregate', aggregate: { fn: 'sum', field: 'totalFen', op: 'gte', value: 100_000 } },
    ],
  },
};

describe('queries of a large workspace', () => {
  it('run in the query worker from the saved sales facts, and follow every write', async () => {
    const { openWorkspace } = await import('../../../src-main/db/open-workspace');
    const { createCustomer } = await import('../../../src-main/services/customers/customer-service');
    const { createOrder } = await import('../../../src-main/services/sales/order-service');
    const { salesFacts, factsFile, followedFacts } = await import('../../../src-main/analysis/facts/facts-cache');
    const { queriesRunInWorker } = await import('../../../src-main/services/query/query-worker-requests');
    const { composeApp } = await import('../../../src-main/app/compose-app');
    const dataDir = join(dir, 'data');
    const path = join(dir, 'chain.kecard');
    const order = (customerId: string, yuan: number) => ({
      customerId,
      orderDate: '2026-11-20',
      lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
    });

    const ws = openWorkspace(path, { create: true });
    const ids: string[] = [];
    const orderIds: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const c = createCustomer(ws, testUser, { name: `宁波客户${String(i).padStart(2, '0')}`, city: i % 3 === 0 ? '杭州' : '宁波' });
      ids.push(c.id);
      orderIds.push(createOrder(ws, testUser, order(c.id, i * 100)).id);
    }
    // What the report worker leaves behind after its first read of a large workspace.
    salesFacts(ws, { cacheDir: dataDir });
    expect(existsSync(factsFile(dataDir, path))).toBe(true);
    expect(queriesRunInWorker(path)).toBe(true);
    expect(followedFacts(ws, dataDir)).not.toBeNull();
    ws.close();

    app = composeApp({ dataDir, shell: 'browser', workerDir: distWorkers });
    app.host.open(path);
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await (app as ComposedApp).dispatch(method, input, (app as ComposedApp).host.context);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    const run = () => call<{ total: number; customers: { name: string }[] }>('queries.run', { definition: bigBuyers, offset: 0, limit: 5 });
    // ¥1,000 or more: customers 10…29, less those in 杭州 (12, 15, … 27).
    const expected = Array.from({ length: 20 }, (_, k) => k + 10).filter((i) => i % 3 !== 0);
    expect(await run()).toMatchObject({ total: expected.length, customers: expected.slice(0, 5).map((i) => ({ name: `宁波客户${i}` })) });

    // Written through main after the facts file: customer 01 now buys enough, 10 is cancelled out.
    await call('orders.create', order(ids[1] as string, 2_000));
    await call('orders.update', { id: orderIds[10], patch: { status: 'cancelled' } });
    const now = [1, ...expected.filter((i) => i !== 10)];
    expect(await run()).toMatchObject({
      total: now.length,
      customers: now.slice(0, 5).map((i) => ({ name: `宁波客户${String(i).padStart(2, '0')}` })),
    });
    expect(await call('queries.count', { definition: bigBuyers })).toEqual({ count: now.length });

    const folder = await call<{ id: string }>('favourites.createFolder', { name: '大客户', entity: 'customer' });
    expect(await call('favourites.add', { folderId: folder.id, target: { definition: bigBuyers } })).toEqual({ added: now.length });
  });
});
