import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createProduct, listProducts } from '../../../src-main/services/sales/product-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { encodeEntries } from '../../../src-main/sync/exchange/bundle-entries';
import { sealBundle } from '../../../src-main/sync/bundle/bundle-file';
import type { SitePublicKeys } from '../../../src-main/sync/bundle/site-keys';
import { mySite, partnerByCode } from '../../../src-main/sync/network/sync-tables';
import { setPartnerScope } from '../../../src-main/sync/scope/scope-rules';
import { syncStatus } from '../../../src-main/sync/network/network-service';
import { listConflicts } from '../../../src-main/sync/conflicts/conflict-inbox';
import { canonicalDump } from '../../support/random-operations';
import { deliver, enrolledNetwork, type Network } from '../../support/sync-sites';
import { refusal } from '../../support/refusal';
import { tempDir, testUser } from '../../support/temp-workspace';

// Partial replication (issue 18, docs/sync-protocol.md "Scopes"): a store receives the customers of
// its scope (by default those whose 门店 is the store) and what HQ shares with all; a customer
// leaving a store's scope is removed there, and one entering it arrives with its whole history.

let dir: string;
let cleanup: () => void;
let net: Network;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  for (const ws of [net.hq, ...net.stores]) ws.close();
  cleanup();
});

const names = (ws: Workspace) =>
  listCustomers(ws, { offset: 0, limit: 100 })
    .rows.map((c) => c.name)
    .sort();
const idOf = (ws: Workspace, name: string) => listCustomers(ws, { offset: 0, limit: 100 }).rows.find((c) => c.name === name)?.id as string;
/** HQ and stores, each store receiving the customers of its own 门店 (the default of an invitation). */
const ownScopes = (codes: string[]) =>
  enrolledNetwork(
    dir,
    codes,
    () => {},
    () => ({ customers: 'own' }),
  );
const contactNames = (ws: Workspace, customerId: string) =>
  ws.db.prepare('SELECT name FROM contacts WHERE customer_id = ? ORDER BY name').pluck().all(customerId) as string[];
/** One exchange each way between HQ and every store. */
function round(): void {
  for (const store of net.stores) deliver(makeBundle(store, 'HQ'), net.hq);
  net.stores.forEach((store, i) => deliver(makeBundle(net.hq, net.codes[i + 1] as string), store));
}
/** A customer's rows as HQ holds them and as the store holds them: the same. */
function sameCard(store: Workspace, id: string): void {
  const card = (ws: Workspace) => {
    const dump = canonicalDump(ws);
    return {
      customer: dump.customers?.filter((r) => (r as { id: string }).id === id),
      contacts: dump.contacts?.filter((r) => (r as { customer_id: string }).customer_id === id),
    };
  };
  expect(card(store)).toEqual(card(net.hq));
}

describe('store scopes', () => {
  it('HQ’s 待发变更 for a store counts what its next bundle carries, not other stores’ customers', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const nj = createCustomer(net.hq, testUser, { name: '南京的客户', storeCode: 'NJ01' });
    createContact(net.hq, testUser, { customerId: nj.id, name: '王经理' });
    for (let i = 0; i < 3; i += 1) createCustomer(net.hq, testUser, { name: `上海的客户${i}`, storeCode: 'SH01' });
    createCustomer(net.hq, testUser, { name: '总部的客户' });
    createProduct(net.hq, testUser, { name: '茶叶', priceFen: 1000 });
    const waiting = (code: string) => syncStatus(net.hq).partners.find((p) => p.code === code)?.waiting;
    const forNj = waiting('NJ01');
    const forSh = waiting('SH01');
    expect(forNj).toBe(makeBundle(net.hq, 'NJ01').header.counts.changes);
    expect(forSh).toBe(makeBundle(net.hq, 'SH01').header.counts.changes);
    expect(forSh).toBeGreaterThan(forNj ?? Infinity);
  });

  it('a store receives the customers of its 门店 and what HQ shares, not the others', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const [nj, sh] = net.stores as [Workspace, Workspace];
    createCustomer(net.hq, testUser, { name: '南京的客户', storeCode: 'NJ01' });
    createCustomer(net.hq, testUser, { name: '上海的客户', storeCode: 'SH01' });
    createCustomer(net.hq, testUser, { name: '总部的客户' });
    createProduct(net.hq, testUser, { name: '茶叶', priceFen: 1000 });
    createCustomer(nj, testUser, { name: '南京自己的客户' });
    round();
    expect(names(nj)).toEqual(['南京的客户', '南京自己的客户'].sort());
    expect(names(sh)).toEqual(['上海的客户']);
    expect(names(net.hq)).toEqual(['上海的客户', '南京的客户', '南京自己的客户', '总部的客户'].sort());
    expect(listProducts(sh).map((p) => p.name)).toEqual(['茶叶']);
    // Everything acknowledged: nothing waits either way, though most of HQ's log never went to a store.
    round();
    for (const ws of [net.hq, nj, sh]) for (const p of syncStatus(ws).partners) expect(p.waiting).toBe(0);
  });

  it('a customer moved to another store leaves the first with a message and reaches the second with its history', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const [nj, sh] = net.stores as [Workspace, Workspace];
    const c = createCustomer(nj, testUser, { name: '搬家的客户', notes: '南京记的备注' });
    createContact(nj, testUser, { customerId: c.id, name: '王经理' });
    round();
    // HQ moves it; the store edited it meanwhile (its edit still reaches HQ and then 上海店).
    updateCustomer(net.hq, testUser, c.id, { storeCode: 'SH01' });
    updateCustomer(nj, testUser, c.id, { province: '江苏省' });
    deliver(makeBundle(nj, 'HQ'), net.hq);
    const removal = deliver(makeBundle(net.hq, 'NJ01'), nj);
    expect(removal.removed).toEqual([{ id: c.id, name: '搬家的客户' }]);
    expect(names(nj)).toEqual([]);
    expect(contactNames(nj, c.id)).toEqual([]);
    const history = nj.db.prepare("SELECT op FROM change_log_entries WHERE root_id = ? AND op = 'evict'").all(c.id);
    expect(history).toHaveLength(1);
    expect(nj.db.prepare('SELECT removed FROM sync_bundles WHERE direction = ? ORDER BY id DESC').pluck().get('in')).toBe(1);

    const arrival = deliver(makeBundle(net.hq, 'SH01'), sh);
    expect(arrival.removed).toEqual([]);
    expect(names(sh)).toEqual(['搬家的客户']);
    expect(contactNames(sh, c.id)).toEqual(['王经理']);
    sameCard(sh, c.id);
    expect(listCustomers(sh, { offset: 0, limit: 5 }).rows[0]).toMatchObject({ province: '江苏省', notes: '南京记的备注', storeCode: 'SH01' });
  });

  it('a customer that comes back is rebuilt from the log with what happened while it was away', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const [nj, sh] = net.stores as [Workspace, Workspace];
    const c = createCustomer(net.hq, testUser, { name: '来回的客户', storeCode: 'NJ01' });
    round();
    updateCustomer(net.hq, testUser, c.id, { storeCode: 'SH01' });
    round();
    expect(names(nj)).toEqual([]);
    updateCustomer(sh, testUser, c.id, { name: '来回的客户（上海改名）' });
    createContact(sh, testUser, { customerId: c.id, name: '上海联系人' });
    round();
    updateCustomer(net.hq, testUser, c.id, { storeCode: 'NJ01' });
    round();
    expect(names(nj)).toEqual(['来回的客户（上海改名）']);
    expect(names(sh)).toEqual([]);
    sameCard(nj, c.id);
    // Found by quick search again (its search document was rebuilt).
    expect(nj.db.prepare('SELECT count(*) FROM customer_search s JOIN customers c ON c.seq = s.rowid WHERE c.id = ?').pluck().get(c.id)).toBe(1);
  });

  it('a customer coming back whose code was given out meanwhile: the later one renamed, and listed in the inbox', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const nj = net.stores[0] as Workspace;
    const back = createCustomer(net.hq, testUser, { name: '回来的客户', code: 'KH0001', storeCode: 'NJ01' });
    round();
    updateCustomer(net.hq, testUser, back.id, { storeCode: 'SH01' });
    round();
    expect(names(nj)).toEqual([]);
    const fresh = createCustomer(nj, testUser, { name: '南京的新客户', code: 'KH0001' });
    // HQ gives it back before it has heard of the store's new customer.
    updateCustomer(net.hq, testUser, back.id, { storeCode: 'NJ01' });
    const applied = deliver(makeBundle(net.hq, 'NJ01'), nj);
    const code = (id: string) => nj.db.prepare('SELECT code FROM customers WHERE id = ?').pluck().get(id);
    expect(code(back.id)).toBe('KH0001');
    expect(code(fresh.id)).toMatch(/^KH0001-/);
    expect(applied.conflicts).toBe(1);
    expect(listConflicts(nj)).toEqual([expect.objectContaining({ kind: 'renamed', customerName: '南京的新客户' })]);
  });

  it('a removal in a lost bundle comes again; an older bundle after a newer one is a no-op that brings nothing back', () => {
    net = ownScopes(['NJ01']);
    const [nj] = net.stores as [Workspace];
    const c = createCustomer(net.hq, testUser, { name: '将被移走的客户', storeCode: 'NJ01' });
    round();
    updateCustomer(net.hq, testUser, c.id, { storeCode: null });
    const lost = makeBundle(net.hq, 'NJ01');
    const next = makeBundle(net.hq, 'NJ01');
    expect(deliver(next, nj).removed).toHaveLength(1);
    const late = deliver(lost, nj);
    expect(late).toMatchObject({ duplicate: true, applied: 0 });
    expect(names(nj)).toEqual([]);
  });

  it('a store that gives its customer to another store loses it after the exchange; a store cannot clear the 门店', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const [nj, sh] = net.stores as [Workspace, Workspace];
    const c = createCustomer(nj, testUser, { name: '转给总部的客户' });
    expect(c.storeCode).toBe('NJ01');
    expect(refusal(() => updateCustomer(nj, testUser, c.id, { storeCode: null })).details?.fields).toEqual({ storeCode: 'required' });
    expect(refusal(() => updateCustomer(nj, testUser, c.id, { storeCode: 'XX99' })).details?.fields).toEqual({ storeCode: 'invalid' });
    // A store knows HQ and itself: it hands the customer to HQ, and HQ to 上海店.
    updateCustomer(nj, testUser, c.id, { storeCode: 'HQ' });
    round();
    expect(names(nj)).toEqual([]);
    updateCustomer(net.hq, testUser, idOf(net.hq, '转给总部的客户'), { storeCode: 'SH01' });
    round();
    expect(names(sh)).toEqual(['转给总部的客户']);
    sameCard(sh, c.id);
  });

  it('HQ widens and narrows a scope: listed 门店 and all customers', () => {
    net = ownScopes(['NJ01', 'SH01']);
    const [nj] = net.stores as [Workspace, Workspace];
    createCustomer(net.hq, testUser, { name: '南京的', storeCode: 'NJ01' });
    createCustomer(net.hq, testUser, { name: '上海的', storeCode: 'SH01' });
    createCustomer(net.hq, testUser, { name: '总部的' });
    round();
    expect(names(nj)).toEqual(['南京的']);
    setPartnerScope(net.hq.db, 'NJ01', { customers: 'stores', stores: ['NJ01', 'SH01'] });
    round();
    expect(names(nj)).toEqual(['上海的', '南京的'].sort());
    setPartnerScope(net.hq.db, 'NJ01', { customers: 'all' });
    round();
    expect(names(nj)).toEqual(['上海的', '南京的', '总部的'].sort());
    setPartnerScope(net.hq.db, 'NJ01', { customers: 'own' });
    round();
    expect(names(nj)).toEqual(['南京的']);
    expect(refusal(() => setPartnerScope(net.hq.db, 'NJ01', { customers: 'stores', stores: ['ZZ01'] })).details?.fields).toEqual({
      stores: 'invalid',
    });
    expect(refusal(() => setPartnerScope(nj.db, 'HQ', { customers: 'all' })).details?.reason).toBe('notHq');
  });

  it('a store’s removal reaching HQ twice does not mark the customer held again', () => {
    net = ownScopes(['NJ01']);
    const [nj] = net.stores as [Workspace];
    const c = createCustomer(net.hq, testUser, { name: '移走一次的客户', storeCode: 'NJ01' });
    round();
    updateCustomer(net.hq, testUser, c.id, { storeCode: null });
    expect(deliver(makeBundle(net.hq, 'NJ01'), nj).removed).toHaveLength(1);
    // Two bundles from the store, both carrying its removal (HQ has not acknowledged it yet).
    const first = makeBundle(nj, 'HQ');
    const again = makeBundle(nj, 'HQ');
    deliver(first, net.hq);
    deliver(makeBundle(net.hq, 'NJ01'), nj);
    expect(deliver(again, net.hq).duplicate).toBe(false);
    const members = () => net.hq.db.prepare('SELECT held FROM sync_scope_members WHERE customer_id = ?').pluck().all(c.id);
    expect(members()).toEqual([]);
    expect(deliver(makeBundle(net.hq, 'NJ01'), nj).removed).toEqual([]);
  });

  it('a store’s bundle naming customers to remove changes nothing at HQ: only HQ decides scopes', () => {
    net = ownScopes(['NJ01']);
    const [nj] = net.stores as [Workspace];
    const c = createCustomer(net.hq, testUser, { name: '总部自己的客户' });
    round();
    // A bundle signed by the store whose payload asks HQ to remove HQ's customer.
    const { payload: _payload, ...header } = makeBundle(nj, 'HQ').header;
    const forged = sealBundle({
      header: { ...header, number: header.number + 1 },
      payload: encodeEntries([], { scopeIn: [], scopeOut: [c.id] }),
      sender: mySite(nj.db).keys,
      recipient: partnerByCode(nj.db, 'HQ')?.keys as SitePublicKeys,
    });
    const answer = deliver({ header: forged.header, files: forged.parts.map((bytes, i) => ({ name: `p${i}`, bytes })) }, net.hq);
    expect(answer.removed).toEqual([]);
    expect(names(net.hq)).toEqual(['总部自己的客户']);
  });
});
