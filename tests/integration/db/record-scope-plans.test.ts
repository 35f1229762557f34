import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import {
  scopeIdsPositional,
  scopeLiveSeqsSql,
  scopeParams,
  scopeRowTest,
  scopeTest,
  scopeWhere,
  withScope,
} from '../../../src-main/people/record-scope';
import { tempWorkspace } from '../../support/temp-workspace';

// The record scope's predicate (people/record-scope.ts) rides on every customer list, count and
// search of a staff member: its set of visible customers must come from the owner index, the
// list must still walk its sort index (no sort of every customer), and a point check must find
// the customer by its id and its staff rows by the customer index — never a scan of customers.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const plan = (sql: string, params: unknown[]) =>
  (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('record scope query plans', () => {
  for (const employeeId of ['e1', null]) {
    it(`the list of ${employeeId ? 'own' : 'shared'} customers walks the sort index and finds the visible set by the owner index`, () => {
      withScope({ employeeId }, () => {
        const steps = plan(`SELECT c.seq FROM customers c WHERE c.deleted = 0 AND ${scopeWhere('c')} ORDER BY c.sort_key, c.seq LIMIT 50`, [
          scopeParams(),
        ]);
        expect(steps).toMatch(/customers_sort_key_idx/);
        expect(steps).toMatch(/customers_owner_deleted_idx/);
        expect(steps).not.toMatch(/SCAN c\b(?! USING)/);
        expect(steps).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
        // The customers a user serves come from customer_staff's employee index (migration 0020).
        if (employeeId) expect(steps).toMatch(/SEARCH ss USING INDEX customer_staff_employee_idx/);
      });
    });
  }

  it('a page tested row by row still walks the sort index without sorting', () => {
    withScope({ employeeId: 'e1' }, () => {
      const steps = plan(`SELECT c.seq FROM customers c WHERE c.deleted = 0 AND ${scopeRowTest('c')} ORDER BY c.sort_key, c.seq LIMIT 50`, [
        scopeParams(),
      ]);
      expect(steps).toMatch(/customers_sort_key_idx/);
      expect(steps).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      expect(steps).toMatch(/SEARCH ss USING INDEX customer_staff_customer_idx/);
    });
  });

  it('the count uses no table scan of customers', () => {
    withScope({ employeeId: 'e1' }, () => {
      const steps = plan(`SELECT count(*) FROM customers c WHERE c.deleted = 0 AND ${scopeWhere('c')}`, [scopeParams()]);
      expect(steps).toMatch(/customers_owner_deleted_idx/);
      expect(steps).not.toMatch(/SCAN sc\b(?! USING)/);
      expect(steps).toMatch(/SEARCH ss USING INDEX customer_staff_employee_idx/);
    });
  });

  it('the audit list filtered by action or customer walks its own index newest first', () => {
    for (const column of ['action', 'customer_id']) {
      const steps = plan(`SELECT a.id FROM audit_events a WHERE a.${column} = ? ORDER BY a.id DESC LIMIT 50`, ['x']);
      expect(steps).toMatch(column === 'action' ? /audit_events_action_idx/ : /audit_events_customer_idx/);
      expect(steps).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
  });

  it('the list total counts the visible set along the owner and staff indexes, reading no customer row', () => {
    for (const employeeId of ['e1', null]) {
      withScope({ employeeId }, () => {
        const steps = plan(`SELECT count(*) FROM (${scopeLiveSeqsSql() as string})`, [scopeParams()]);
        expect(steps).toMatch(/SEARCH customers USING COVERING INDEX customers_owner_deleted_idx/);
        expect(steps).not.toMatch(/SCAN customers|SCAN c\b/);
        if (employeeId) expect(steps).toMatch(/SEARCH ss USING INDEX customer_staff_employee_idx/);
      });
    }
    expect(scopeLiveSeqsSql()).toBeNull();
  });

  it('the reports’ set of visible ids comes from covering indexes', () => {
    withScope({ employeeId: 'e1' }, () => {
      const params: unknown[] = [];
      const steps = plan(`SELECT count(*) FROM orders o WHERE o.deleted = 0 AND ${scopeIdsPositional('o.customer_id', params)}`, params);
      expect(steps).toMatch(/SEARCH customers USING COVERING INDEX customers_owner_deleted_idx/);
      expect(steps).toMatch(/SEARCH customer_staff USING INDEX customer_staff_employee_idx/);
      expect(params).toEqual(['e1', 'e1']);
    });
  });

  it('a point check finds the customer by id and its staff by the customer index', () => {
    withScope({ employeeId: 'e1' }, () => {
      const steps = plan(`SELECT ${scopeTest('?')}`, ['x', scopeParams()]);
      expect(steps).toMatch(/SEARCH so USING INDEX customers_id_uq \(id=\?\)/);
      expect(steps).toMatch(/SEARCH ss USING INDEX customer_staff_customer_idx/);
    });
  });

  it('adds nothing for a caller who sees every customer', () => {
    expect(withScope(null, () => scopeWhere('c'))).toBe('1');
    expect(scopeWhere('c')).toBe('1');
  });
});
