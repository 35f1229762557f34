import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { distWorkers } from '../../support/job-events';
import { tempDir, testUser } from '../../support/temp-workspace';

// The sidebar's counts come from the counts worker, which keeps them between refreshes: what main
// writes, what another connection writes, and a file opened in place of the first must all show
// in the next refresh.

let dir: string;
let cleanup: () => void;
let app: ComposedApp;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
});
afterEach(async () => {
  await app.dispose();
  cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input, app.host.context);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const classA = {
  entity: 'customer',
  where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'customerClass', operator: 'eq', value: 'A' }] },
};
const counts = async () => (await call<{ id: string; count: number | null; broken: boolean }[]>('queries.pinnedCounts', {})).map((c) => c.count);

describe('pinned counts in the counts worker', () => {
  it('follow writes from main and from another connection, and the file that is open', async () => {
    const path = join(dir, 'shop.kecard');
    app.host.create(path);
    await call('queries.save', { name: 'A 类客户', definition: classA, shared: true, pinned: true });
    await call('queries.save', {
      name: '全部（未置顶）',
      definition: { ...classA, where: { kind: 'group', op: 'and', children: [] } },
      shared: true,
      pinned: false,
    });
    expect(await counts()).toEqual([0]);

    for (const name of ['甲', '乙']) await call('customers.create', { values: { name, customerClass: 'A' } });
    await call('customers.create', { values: { name: '丙', customerClass: 'B' } });
    expect(await counts()).toEqual([2]);

    const other = openWorkspace(path);
    try {
      createCustomer(other, testUser, { name: '丁', customerClass: 'A' });
    } finally {
      other.close();
    }
    expect(await counts()).toEqual([3]);

    // Another workspace: the worker follows the open file, not the one it counted first.
    const second = join(dir, 'branch.kecard');
    app.host.create(second);
    await call('queries.save', { name: 'A 类客户', definition: classA, shared: true, pinned: true });
    await call('customers.create', { values: { name: '戊', customerClass: 'A' } });
    expect(await counts()).toEqual([1]);
  });
});
