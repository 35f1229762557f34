import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLifecycleRules, saveLifecycleRules } from '../../../src-main/analysis/lifecycle-service';
import { runWrite } from '../../../src-main/changelog/write-tx';
import { setSiteCode } from '../../../src-main/changelog/site-code';
import { singletonId } from '../../../src-main/changelog/singleton-ids';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { deleteMappingTemplate, listMappingTemplates, saveMappingTemplate } from '../../../src-main/import/mapping-templates';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { defaultLayout, saveLayout } from '../../../src-main/services/layouts/layout-service';
import { renameOnNumberClash } from '../../../src-main/services/shared/number-clash';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
let hq: Workspace;
let store: Workspace;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
  store = openWorkspace(join(dir, 'store.kecard'), { create: true });
});
afterEach(() => {
  hq.close();
  store.close();
  cleanup();
});

const ids = (ws: Workspace, table: string) => ws.db.prepare(`SELECT id FROM ${table} WHERE deleted = 0 ORDER BY id`).pluck().all();
const order = (ws: Workspace, customerId: string, orderNo?: string) =>
  createOrder(ws, testUser, {
    customerId,
    orderDate: '2026-12-06',
    ...(orderNo ? { orderNo } : {}),
    lines: [{ productName: '配件', quantityMilli: 1000, unitPriceFen: 100 }],
  });

describe('rows there is one of get the same id on every site', () => {
  it('lifecycle rules, card layouts and import mappings made on two sites have one id each', () => {
    for (const ws of [hq, store]) {
      saveLifecycleRules(ws, testUser, { ...getLifecycleRules(ws), dormantAfterDays: 200 });
      saveLayout(ws, testUser, 'customer', defaultLayout(ws, 'customer'));
      saveMappingTemplate(ws, testUser, '金蝶导出', 'customers', ['客户名称'], { 0: 'name' });
    }
    for (const table of ['app_settings', 'card_layouts', 'import_mappings']) {
      expect(ids(hq, table)).toEqual(ids(store, table));
      expect(ids(hq, table)).toHaveLength(1);
    }
    expect(ids(hq, 'card_layouts')).toEqual([singletonId('cardLayout', 'customer')]);
  });

  it('a mapping deleted and saved again under its name comes back under its id', () => {
    const first = saveMappingTemplate(hq, testUser, '旧系统', 'customers', ['名称'], { 0: 'name' });
    deleteMappingTemplate(hq, testUser, first.id);
    const again = saveMappingTemplate(hq, testUser, '旧系统', 'customers', ['名称', '电话'], { 0: 'name', 1: 'phones' });
    expect(again.id).toBe(first.id);
    expect(listMappingTemplates(hq, 'customers').map((t) => [t.name, Object.keys(t.mapping).length])).toEqual([['旧系统', 2]]);
  });
});

describe('generated numbers between sites', () => {
  it('carry the site code once a site has one, so two stores never make the same order number', () => {
    const standalone = order(hq, createCustomer(hq, testUser, { name: '单店客户有限公司' }).id);
    expect(standalone.orderNo).toBe('SO20261206-0001');
    setSiteCode(hq.db, 'HQ');
    setSiteCode(store.db, 'NJ01');
    expect(order(hq, createCustomer(hq, testUser, { name: '总部客户有限公司' }).id).orderNo).toBe('HQ-SO20261206-0001');
    expect(order(store, createCustomer(store, testUser, { name: '南京客户有限公司' }).id).orderNo).toBe('NJ01-SO20261206-0001');
    expect(() => setSiteCode(store.db, 'nj 01')).toThrow();
  });

  it('a clashing number is renamed to the next free one by a logged change', () => {
    const c = createCustomer(hq, testUser, { name: '撞号有限公司' });
    order(hq, c.id, 'SO20261206-0001');
    order(hq, c.id, 'SO20261206-0001-2');
    const later = order(hq, c.id, 'SO20261206-0001');
    const renamed = runWrite(hq, testUser, (tx) => renameOnNumberClash(tx, 'order', later.id));
    expect(renamed).toBe('SO20261206-0001-3');
    expect(hq.db.prepare('SELECT order_no FROM orders WHERE id = ?').pluck().get(later.id)).toBe('SO20261206-0001-3');
    expect(customerHistory(hq, c.id)[0]).toMatchObject({
      op: 'update',
      entity: 'order',
      field: 'orderNo',
      oldValue: 'SO20261206-0001',
      newValue: 'SO20261206-0001-3',
    });
    // No clash: nothing to do, nothing logged.
    expect(runWrite(hq, testUser, (tx) => renameOnNumberClash(tx, 'order', later.id))).toBeNull();
  });
});
