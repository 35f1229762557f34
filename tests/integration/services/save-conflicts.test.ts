import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createBusinessRecord, getBusinessRecord, updateBusinessRecord } from '../../../src-main/services/business/business-record-service';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { getCustomer } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createOrder, getOrder, updateOrder } from '../../../src-main/services/sales/order-service';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { deliver, enrolledNetwork } from '../../support/sync-sites';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// "No silent overwrites" (docs/data-model.md, "Versions and save conflicts"): two windows on one
// workspace file — two connections, as two app windows or a host's clients write — each read a
// card, then save.

const manager: CallContext = { ...testUser, userId: 'u-mgr', userName: '王经理' };
const assistant: CallContext = { ...testUser, userId: 'u-ast', userName: '小李' };

let a: Workspace;
let b: Workspace;
let cleanup: () => void;
beforeEach(() => {
  const temp = tempWorkspace();
  a = temp.ws;
  b = openWorkspace(temp.path);
  cleanup = () => {
    b.close();
    temp.cleanup();
  };
});
afterEach(() => cleanup());

const historyOf = (ws: Workspace, id: string) => customerHistory(ws, id).map((e) => [e.userName, e.field, e.newValue]);

describe('saving a customer card that changed since it was opened', () => {
  it('fields nobody else touched save on both sides', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', notes: '老客户' });
    const openedA = getCustomer(a, c.id);
    const openedB = getCustomer(b, c.id);
    expect(openedA.version).toBeGreaterThan(0);
    expect(openedB.version).toBe(openedA.version);

    const savedA = updateCustomer(a, manager, c.id, { notes: '每月回访' }, {}, openedA.version);
    expect(savedA.conflicts).toEqual([]);
    expect(savedA.version).toBeGreaterThan(openedA.version as number);
    const savedB = updateCustomer(b, assistant, c.id, { phones: ['13812345678'] }, {}, openedB.version);
    expect(savedB.conflicts).toEqual([]);
    expect(savedB).toMatchObject({ notes: '每月回访', phones: ['13812345678'] });
  });

  it('the same field: a conflict with both values, who and when; nothing written for it, the other fields written', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', notes: '老客户' });
    const openedB = getCustomer(b, c.id);
    const at = Date.now();
    updateCustomer(a, manager, c.id, { notes: '经理：每月回访' }, {}, getCustomer(a, c.id).version);
    const logged = countLog(a);

    const savedB = updateCustomer(b, assistant, c.id, { notes: '助理：电话确认', phones: ['13812345678'] }, {}, openedB.version);
    expect(savedB.conflicts).toHaveLength(1);
    const [conflict] = savedB.conflicts;
    expect(conflict).toMatchObject({
      field: 'notes',
      base: '老客户',
      mine: '助理：电话确认',
      theirs: '经理：每月回访',
      byUserId: 'u-mgr',
      byUserName: '王经理',
    });
    expect(Date.parse(conflict?.at as string)).toBeGreaterThanOrEqual(at - 1000);
    expect(savedB.notes).toBe('经理：每月回访');
    expect(savedB.phones).toEqual(['13812345678']);
    expect(countLog(a)).toBe(logged + 1); // the phone only
  });

  it('keeping mine saves it as an ordinary, undoable change; taking theirs writes nothing', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', notes: '老客户', email: 'old@example.com' });
    const openedB = getCustomer(b, c.id);
    updateCustomer(a, manager, c.id, { notes: '经理的备注', email: 'mgr@example.com' }, {}, getCustomer(a, c.id).version);
    const first = updateCustomer(b, assistant, c.id, { notes: '助理的备注', email: 'ast@example.com' }, {}, openedB.version);
    expect(first.conflicts.map((x) => x.field).sort()).toEqual(['email', 'notes']);
    const logged = countLog(b);

    // The dialog's decision: 保留我的 for 备注, 采用对方的 for 邮箱 (not sent), with the version the save answered.
    const decided = updateCustomer(b, assistant, c.id, { notes: '助理的备注' }, {}, first.version);
    expect(decided.conflicts).toEqual([]);
    expect(decided).toMatchObject({ notes: '助理的备注', email: 'mgr@example.com' });
    expect(countLog(b)).toBe(logged + 1);
    const [latest, ...before] = historyOf(b, c.id);
    expect(latest).toEqual(['小李', 'notes', '助理的备注']);
    expect(before.slice(0, 2).sort()).toEqual([
      ['王经理', 'email', 'mgr@example.com'],
      ['王经理', 'notes', '经理的备注'],
    ]);

    undoLastChange(b, assistant, c.id);
    expect(getCustomer(a, c.id).notes).toBe('经理的备注');
  });

  it('a field changed and changed back (an undo) since it was opened is no conflict', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', notes: '老客户' });
    const openedB = getCustomer(b, c.id);
    updateCustomer(a, manager, c.id, { notes: '写错了' });
    undoLastChange(a, manager, c.id);
    const savedB = updateCustomer(b, assistant, c.id, { notes: '助理的备注' }, {}, openedB.version);
    expect(savedB.conflicts).toEqual([]);
    expect(savedB.notes).toBe('助理的备注');
  });

  it('custom fields on the card conflict the same way', () => {
    const field = createField(a, manager, { entity: 'customer', label: '采购周期', type: 'text' });
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', custom: { [field.columnName]: '季度' } });
    const openedB = getCustomer(b, c.id);
    updateCustomer(a, manager, c.id, { custom: { [field.columnName]: '月度' } }, {}, getCustomer(a, c.id).version);
    const savedB = updateCustomer(b, assistant, c.id, { custom: { [field.columnName]: '年度' } }, {}, openedB.version);
    expect(savedB.conflicts).toMatchObject([
      { field: `custom.${field.columnName}`, base: '季度', mine: '年度', theirs: '月度', byUserName: '王经理' },
    ]);
    expect(savedB.custom[field.columnName]).toBe('月度');
  });

  it('a save without a version (an old client, kecard call) wins as before', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', notes: '老客户' });
    updateCustomer(a, manager, c.id, { notes: '经理的备注' });
    const savedB = updateCustomer(b, assistant, c.id, { notes: '助理的备注' });
    expect(savedB.conflicts).toEqual([]);
    expect(savedB.notes).toBe('助理的备注');
  });
});

describe('a bundle applied between opening and saving', () => {
  it('produces the same conflict, naming the other site’s user', () => {
    const { dir, cleanup: removeDir } = (() => {
      const t = tempWorkspace();
      t.ws.close();
      return { dir: t.dir, cleanup: t.cleanup };
    })();
    const network = enrolledNetwork(dir, ['NJ01']);
    const hq = network.hq;
    const store = network.stores[0] as Workspace;
    try {
      const hqUser = { ...testUser, userId: 'u-hq', userName: '总部经理' };
      const c = createCustomer(hq, hqUser, { name: '南京梅园商贸', notes: '总部建档' });
      deliver(makeBundle(hq, 'NJ01'), store);
      const opened = getCustomer(store, c.id);
      updateCustomer(hq, hqUser, c.id, { notes: '总部：改为季度结算' });
      deliver(makeBundle(hq, 'NJ01'), store);

      const saved = updateCustomer(store, assistant, c.id, { notes: '门店：客户要求月结', email: 'mei@example.com' }, {}, opened.version);
      expect(saved.conflicts).toMatchObject([{ field: 'notes', base: '总部建档', theirs: '总部：改为季度结算', byUserName: '总部经理' }]);
      expect(saved).toMatchObject({ notes: '总部：改为季度结算', email: 'mei@example.com' });
    } finally {
      hq.close();
      store.close();
      removeDir();
    }
  });
});

describe('business records and orders', () => {
  it('records.update holds a field changed by someone else and saves the rest', () => {
    const type = createFromTemplate(a, manager, 'visit');
    const c = createCustomer(a, manager, { name: '杭州西湖茶业' });
    const r = createBusinessRecord(a, manager, { typeId: type.id, customerId: c.id, title: '首次拜访' });
    const openedB = getBusinessRecord(b, r.id);
    expect(openedB.version).toBeGreaterThan(0);
    updateBusinessRecord(a, manager, r.id, { title: '首次拜访（经理）' }, getBusinessRecord(a, r.id).version);
    const status = type.statuses[1]?.key ?? type.statuses[0]?.key;
    const savedB = updateBusinessRecord(b, assistant, r.id, { title: '首次拜访（助理）', status }, openedB.version);
    expect(savedB.conflicts).toMatchObject([
      { field: 'title', base: '首次拜访', mine: '首次拜访（助理）', theirs: '首次拜访（经理）', byUserName: '王经理' },
    ]);
    expect(savedB).toMatchObject({ title: '首次拜访（经理）', status });
  });

  it('orders.update holds header fields and the lines as one field', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业' });
    const o = createOrder(a, manager, {
      customerId: c.id,
      orderDate: '2026-12-01',
      notes: '首单',
      lines: [{ productName: '龙井', quantityMilli: 1000, unitPriceFen: 10000 }],
    });
    const openedB = getOrder(b, o.id);
    const line = openedB.lines[0]!;
    // A changes the line's quantity and the notes.
    updateOrder(a, manager, o.id, { notes: '经理：加急', lines: [{ ...lineInput(line), quantityMilli: 2000 }] }, getOrder(a, o.id).version);
    // B changes the price of the same line, the notes and the date.
    const savedB = updateOrder(
      b,
      assistant,
      o.id,
      { notes: '助理：普通', orderDate: '2026-12-02', lines: [{ ...lineInput(line), unitPriceFen: 9000 }] },
      openedB.version,
    );
    expect(savedB.conflicts.map((x) => [x.field, x.byUserName])).toEqual([
      ['notes', '王经理'],
      ['lines', '王经理'],
    ]);
    expect(savedB).toMatchObject({ notes: '经理：加急', orderDate: '2026-12-02', totalFen: 20000 });
    expect(savedB.lines[0]).toMatchObject({ quantityMilli: 2000, unitPriceFen: 10000 });

    // 保留我的 for both, as the order dialog sends it: the values the conflict carried, with the version that save answered.
    const mine = Object.fromEntries(savedB.conflicts.map((x) => [x.field, x.mine]));
    const kept = updateOrder(b, assistant, o.id, mine, savedB.version);
    expect(kept.conflicts).toEqual([]);
    expect(kept).toMatchObject({ notes: '助理：普通', totalFen: 9000 });
    updateOrder(b, assistant, o.id, { lines: [{ ...lineInput(savedB.lines[0]!), quantityMilli: 2000, unitPriceFen: 10000 }] });

    // Lines nobody else touched since: saved.
    const current = getOrder(b, o.id);
    const again = updateOrder(b, assistant, o.id, { lines: [{ ...lineInput(current.lines[0]!), unitPriceFen: 9000 }] }, current.version);
    expect(again.conflicts).toEqual([]);
    expect(again.totalFen).toBe(18000);
  });
});

function lineInput(line: { id: string; productName: string; quantityMilli: number; unitPriceFen: number; discountBp: number }) {
  return {
    id: line.id,
    productName: line.productName,
    quantityMilli: line.quantityMilli,
    unitPriceFen: line.unitPriceFen,
    discountBp: line.discountBp,
  };
}

function countLog(ws: Workspace): number {
  return ws.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
}

describe('a field sent back as it was read', () => {
  it('leaves the other change standing (no conflict, not reverted)', () => {
    const c = createCustomer(a, manager, { name: '杭州西湖茶业', lifecycle: 'prospect' });
    const openedB = getCustomer(b, c.id);
    updateCustomer(a, manager, c.id, { lifecycle: 'repeat' }, {}, getCustomer(a, c.id).version);
    // The card sends 阶段 unchanged beside what the user typed.
    const savedB = updateCustomer(b, assistant, c.id, { notes: '助理的备注', lifecycle: 'prospect' }, {}, openedB.version);
    expect(savedB.conflicts).toEqual([]);
    expect(savedB).toMatchObject({ notes: '助理的备注', lifecycle: 'repeat' });
  });
});
