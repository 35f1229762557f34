import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../../src-main/db/workspace';
import { getCustomer } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, deleteCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { listConflicts, resolveConflict } from '../../../src-main/sync/conflicts/conflict-inbox';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { deliver, enrolledNetwork } from '../../support/sync-sites';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
let hq: Workspace;
let store: Workspace;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const network = enrolledNetwork(dir, ['NJ01']);
  hq = network.hq;
  store = network.stores[0] as Workspace;
});
afterEach(() => {
  hq.close();
  store.close();
  cleanup();
});

const storeUser = { ...testUser, userId: 'u-nj', userName: '南京店员' };
const hqUser = { ...testUser, userId: 'u-hq', userName: '总部经理' };

const deletedFlag = (ws: Workspace, id: string) => ws.db.prepare('SELECT deleted FROM customers WHERE id = ?').pluck().get(id);

/** Both directions once: what each site has reaches the other. */
function exchange(): void {
  deliver(makeBundle(store, 'HQ'), hq);
  deliver(makeBundle(hq, 'NJ01'), store);
}

describe('the conflict inbox (冲突箱)', () => {
  it('a field edited at both sites: the later edit wins everywhere, the other waits in each inbox, and keeping it syncs', () => {
    const c = createCustomer(hq, hqUser, { name: '华东贸易', phones: ['021-12345678'] });
    exchange();
    updateCustomer(store, storeUser, c.id, { notes: '南京店的备注' });
    updateCustomer(hq, hqUser, c.id, { notes: '总部的备注' }); // later: wins
    exchange();
    expect(getCustomer(hq, c.id).notes).toBe('总部的备注');
    expect(getCustomer(store, c.id).notes).toBe('总部的备注');

    // The store met the conflict when HQ's value arrived and beat its own.
    const [atStore] = listConflicts(store);
    expect(atStore).toMatchObject({
      kind: 'field',
      field: 'notes',
      customerName: '华东贸易',
      kept: { value: '总部的备注', user: '总部经理', site: { code: 'HQ' } },
      lost: { value: '南京店的备注', user: '南京店员', site: { code: 'NJ01' } },
    });
    // HQ met it when the store's older value arrived and lost.
    const [atHq] = listConflicts(hq);
    expect(atHq).toMatchObject({ field: 'notes', kept: { value: '总部的备注' }, lost: { value: '南京店的备注', site: { code: 'NJ01' } } });

    // An edit that started from the value it replaced is no conflict.
    updateCustomer(store, storeUser, c.id, { name: '华东贸易有限公司' });
    exchange();
    expect(listConflicts(hq).filter((x) => x.field === 'name')).toEqual([]);

    // Keeping the loser at the store is a new change that reaches HQ.
    resolveConflict(store, storeUser, (atStore as { id: number }).id, 'lost');
    expect(getCustomer(store, c.id).notes).toBe('南京店的备注');
    expect(listConflicts(store)).toEqual([]);
    exchange();
    expect(getCustomer(hq, c.id).notes).toBe('南京店的备注');
    resolveConflict(hq, hqUser, (atHq as { id: number }).id, 'kept');
    expect(listConflicts(hq)).toEqual([]);
    expect(listConflicts(hq, { open: false })[0]?.resolution).toBe('kept');
  });

  it('delete against edit: the delete wins, the edit waits with 恢复, and 恢复 brings the record back with the edit', () => {
    const c = createCustomer(hq, hqUser, { name: '苏州客户' });
    exchange();
    deleteCustomer(hq, hqUser, c.id);
    updateCustomer(store, storeUser, c.id, { notes: '门店还在跟进' });
    exchange();
    expect(deletedFlag(store, c.id)).toBe(1);
    expect(deletedFlag(hq, c.id)).toBe(1);
    const [atHq] = listConflicts(hq);
    expect(atHq).toMatchObject({ kind: 'deleted', lost: { value: '门店还在跟进', user: '南京店员' } });
    resolveConflict(hq, hqUser, (atHq as { id: number }).id, 'lost');
    exchange();
    for (const ws of [hq, store]) {
      expect(deletedFlag(ws, c.id)).toBe(0);
      expect(getCustomer(ws, c.id).notes).toBe('门店还在跟进');
    }
  });

  it('one customer code given out at two sites: both customers kept, the later one renamed the same way everywhere, listed in the inbox', () => {
    const first = createCustomer(store, storeUser, { name: '南京的甲公司', code: 'KH0001' });
    const second = createCustomer(hq, hqUser, { name: '总部的乙公司', code: 'KH0001' });
    exchange();
    deliver(makeBundle(store, 'HQ'), hq);
    const codes = (ws: Workspace) => [getCustomer(ws, first.id).code, getCustomer(ws, second.id).code];
    const renamed = `KH0001-${second.id.replace(/-/g, '').slice(-4).toUpperCase()}`;
    expect(codes(hq)).toEqual(['KH0001', renamed]);
    expect(codes(store)).toEqual(['KH0001', renamed]);
    const [atHq] = listConflicts(hq);
    expect(atHq).toMatchObject({ kind: 'renamed', field: 'code', customerName: '总部的乙公司', kept: { value: renamed }, lost: { value: 'KH0001' } });
    const id = (atHq as { id: number }).id;
    expect(() => resolveConflict(hq, hqUser, id, 'lost')).toThrow(KecardError);
    resolveConflict(hq, hqUser, id, 'kept');
    expect(listConflicts(hq)).toEqual([]);
  });

  it("undo reverts this site's own change only, and never over another site's later change", () => {
    const c = createCustomer(hq, hqUser, { name: '无锡客户' });
    exchange();
    updateCustomer(store, storeUser, c.id, { notes: '门店的修改' });
    exchange();
    // The newest change on HQ's card is the store's: HQ's undo goes to HQ's own create, which
    // the store's edit has built on since.
    let refused: unknown;
    try {
      undoLastChange(hq, hqUser, c.id);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(KecardError);
    expect((refused as KecardError).code).toBe('UNDO_CONFLICT');
    expect(getCustomer(hq, c.id).notes).toBe('门店的修改');
    // The store undoes its own edit, and that syncs.
    undoLastChange(store, storeUser, c.id);
    exchange();
    expect(getCustomer(hq, c.id).notes).toBeNull();
  });
});
