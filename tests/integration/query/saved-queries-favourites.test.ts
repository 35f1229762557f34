import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { bulkUpdateCustomers } from '../../../src-main/services/customers/bulk-update';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { addToFolder, createFolder, listFolders, removeFromFolder } from '../../../src-main/services/favourites/favourite-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { matchingIds } from '../../../src-main/services/query/run-query';
import { createSavedQuery, listSavedQueries, pinnedCounts } from '../../../src-main/services/query/saved-query-service';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const classA: QueryDefinition = {
  entity: 'customer',
  where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'customerClass', operator: 'eq', value: 'A' }] },
};

describe('saved queries', () => {
  it('shows personal queries to their author only and shared ones to everyone, with live pinned counts', () => {
    createCustomer(ws, testUser, { name: '甲', customerClass: 'A' });
    createCustomer(ws, testUser, { name: '乙', customerClass: 'B' });
    const mine = createSavedQuery(ws, testUser, { name: 'A类客户', definition: classA, shared: false, pinned: true });
    const shared = createSavedQuery(ws, testUser, { name: '团队A类', definition: classA, shared: true, pinned: true });
    const colleague = { userId: 'u-2', userName: '王芳', role: 'assistant' as const };
    expect(listSavedQueries(ws, colleague).map((q) => q.id)).toEqual([shared.id]);
    expect(pinnedCounts(ws, testUser)).toEqual(
      expect.arrayContaining([
        { id: mine.id, count: 1, broken: false },
        { id: shared.id, count: 1, broken: false },
      ]),
    );
    createCustomer(ws, testUser, { name: '丙', customerClass: 'A' });
    expect(pinnedCounts(ws, testUser).find((c) => c.id === mine.id)?.count).toBe(2);
  });

  it('reports which condition of a saved query no longer fits instead of dropping it', () => {
    const broken = {
      entity: 'customer',
      where: {
        kind: 'group',
        op: 'and',
        children: [
          { kind: 'condition', field: 'customerClass', operator: 'eq', value: 'A' },
          { kind: 'group', op: 'or', children: [{ kind: 'condition', field: '年收入', operator: 'gt', value: 1 }] },
        ],
      },
    } as QueryDefinition;
    const q = createSavedQuery(ws, testUser, { name: '旧查询', definition: broken, shared: false, pinned: true });
    expect(q.problems).toEqual([{ path: '1.0', code: 'unknownField', field: '年收入' }]);
    expect(pinnedCounts(ws, testUser)).toEqual([{ id: q.id, count: null, broken: true }]);
    expect(() => matchingIds(ws, broken)).toThrow(expect.objectContaining({ code: 'QUERY_INVALID' }));
  });
});

describe('favourites and bulk actions', () => {
  it('adds a whole query result to a folder, usable as a condition, with history on each card', () => {
    const a = createCustomer(ws, testUser, { name: '甲公司', customerClass: 'A' });
    createCustomer(ws, testUser, { name: '乙公司', customerClass: 'B' });
    const folder = createFolder(ws, testUser, '重点跟进', 'customer');
    expect(addToFolder(ws, testUser, folder.id, matchingIds(ws, classA))).toBe(1);
    expect(addToFolder(ws, testUser, folder.id, [a.id])).toBe(0);
    expect(listFolders(ws, 'customer')).toEqual([{ ...folder, itemCount: 1 }]);
    const inFolder: QueryDefinition = {
      entity: 'customer',
      where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'favouriteFolder', operator: 'in', values: [folder.id] }] },
    };
    expect(matchingIds(ws, inFolder)).toEqual([a.id]);
    expect(customerHistory(ws, a.id).map((h) => `${h.entity}:${h.op}`)).toContain('favouriteItem:create');
    expect(removeFromFolder(ws, testUser, folder.id, [a.id])).toBe(1);
    expect(matchingIds(ws, inFolder)).toEqual([]);
    expect(addToFolder(ws, testUser, folder.id, [a.id])).toBe(1);
  });

  it('bulk-assigns an owner and adds a tag through the logged write path', () => {
    const owner = createEmployee(ws, testUser, { name: '李经理' });
    const ids = [createCustomer(ws, testUser, { name: '一号', tags: ['老客户'] }).id, createCustomer(ws, testUser, { name: '二号' }).id];
    expect(bulkUpdateCustomers(ws, testUser, ids, { kind: 'setOwner', ownerId: owner.id })).toBe(2);
    expect(bulkUpdateCustomers(ws, testUser, ids, { kind: 'addTag', tag: '老客户' })).toBe(1);
    const h = customerHistory(ws, ids[1] as string);
    expect(h.filter((e) => e.op === 'update').map((e) => [e.field, e.newValue, e.source])).toEqual([
      ['tags', ['老客户'], 'bulk'],
      ['ownerId', owner.id, 'bulk'],
    ]);
    expect(() => bulkUpdateCustomers(ws, testUser, ids, { kind: 'setOwner', ownerId: 'no-such-employee' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
