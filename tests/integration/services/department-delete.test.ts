import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { customerHistory } from '../../../src-main/services/history/history-service';
import { undoLastChange } from '../../../src-main/services/history/undo-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createDepartment, deleteDepartment } from '../../../src-main/services/organisation/department-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Deleting a department keeps its people: sub-departments and contacts move up to its parent.
// Both look-ups ask by customer too, so they go through an index (departments have none on
// parent_id: asking by parent alone read every department of the file).

let t: { ws: Workspace; cleanup: () => void };
beforeEach(() => (t = tempWorkspace()));
afterEach(() => t.cleanup());

const departmentOf = (ws: Workspace, contactId: string) => ws.db.prepare('SELECT department_id FROM contacts WHERE id = ?').pluck().get(contactId);
const parentOf = (ws: Workspace, departmentId: string) => ws.db.prepare('SELECT parent_id FROM departments WHERE id = ?').pluck().get(departmentId);

describe('deleting a department', () => {
  it("moves its sub-departments and contacts to its parent, leaves other customers' alone, and undoes", () => {
    const { ws } = t;
    const acme = createCustomer(ws, testUser, { name: '华信科技有限公司' });
    const other = createCustomer(ws, testUser, { name: '广州昌阳电子' });
    const top = createDepartment(ws, testUser, { customerId: acme.id, parentId: null, name: '总经办' });
    const sales = createDepartment(ws, testUser, { customerId: acme.id, parentId: top.id, name: '销售部' });
    const south = createDepartment(ws, testUser, { customerId: acme.id, parentId: sales.id, name: '华南组' });
    const north = createDepartment(ws, testUser, { customerId: acme.id, parentId: sales.id, name: '华北组' });
    const zhang = createContact(ws, testUser, { customerId: acme.id, departmentId: sales.id, name: '张伟' });
    const wang = createContact(ws, testUser, { customerId: acme.id, departmentId: sales.id, name: '王芳' });
    const li = createContact(ws, testUser, { customerId: acme.id, departmentId: south.id, name: '李娜' });
    const otherTop = createDepartment(ws, testUser, { customerId: other.id, parentId: null, name: '销售部' });
    const liu = createContact(ws, testUser, { customerId: other.id, departmentId: otherTop.id, name: '刘洋' });

    deleteDepartment(ws, testUser, sales.id);
    expect([parentOf(ws, south.id), parentOf(ws, north.id)]).toEqual([top.id, top.id]);
    expect([departmentOf(ws, zhang.id), departmentOf(ws, wang.id), departmentOf(ws, li.id)]).toEqual([top.id, top.id, south.id]);
    expect([parentOf(ws, otherTop.id), departmentOf(ws, liu.id)]).toEqual([null, otherTop.id]);
    expect(ws.db.prepare('SELECT deleted FROM departments WHERE id = ?').pluck().get(sales.id)).toBe(1);
    // Each move is in the card's history, in the same transaction as the delete.
    const moves = customerHistory(ws, acme.id).filter((e) => e.field === 'parentId' || e.field === 'departmentId');
    expect(moves.map((e) => e.newValue)).toEqual([top.id, top.id, top.id, top.id]);

    undoLastChange(ws, testUser, acme.id);
    expect([parentOf(ws, south.id), parentOf(ws, north.id)]).toEqual([sales.id, sales.id]);
    expect([departmentOf(ws, zhang.id), departmentOf(ws, wang.id)]).toEqual([sales.id, sales.id]);
    expect(ws.db.prepare('SELECT deleted FROM departments WHERE id = ?').pluck().get(sales.id)).toBe(0);
  });

  it('finds the members and sub-departments through an index, not by reading every row', () => {
    const { ws } = t;
    const plan = (sql: string, ...args: string[]) =>
      (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT id FROM contacts WHERE customer_id = ? AND department_id = ? AND deleted = 0', 'c', 'd')).toMatch(
      /^SEARCH contacts USING INDEX contacts_(customer|department)_idx/,
    );
    expect(plan('SELECT id FROM departments WHERE customer_id = ? AND parent_id = ? AND deleted = 0', 'c', 'd')).toMatch(
      /^SEARCH departments USING INDEX departments_(customer|parent)_idx/,
    );
    // Sub-departments by parent alone have their own (partial) index since migration 0018, which
    // the foreign-key check of a removed department uses too.
    expect(plan('SELECT id FROM departments WHERE parent_id = ? AND deleted = 0', 'd')).toMatch(
      /^SEARCH departments USING INDEX departments_parent_idx/,
    );
  });
});
