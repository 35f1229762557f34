import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { countQuery, matchingIds, runContactQuery } from '../../../src-main/services/query/run-query';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// A contact query lists only contacts of live customers; its total and the ids a bulk action
// takes must be the same rows, not also the contacts of a deleted customer.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

describe('contact query results', () => {
  it('count, list and bulk ids agree once a customer is deleted', () => {
    const kept = createCustomer(ws, testUser, { name: '北京华联', address: null });
    const gone = createCustomer(ws, testUser, { name: '上海百联', address: null });
    createContact(ws, testUser, { customerId: kept.id, name: '王芳' });
    createContact(ws, testUser, { customerId: gone.id, name: '李雷' });
    deleteCustomer(ws, testUser, gone.id);
    const all: QueryDefinition = { entity: 'contact', where: { kind: 'group', op: 'and', children: [] } };
    const page = runContactQuery(ws, all, { offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.name)).toEqual(['王芳']);
    expect(page.total).toBe(1);
    expect(countQuery(ws, all)).toBe(1);
    expect(matchingIds(ws, all)).toEqual(page.rows.map((r) => r.id));
  });
});
