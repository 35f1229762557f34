import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { snapshotFields } from '../../../src-main/services/query/snapshot-fields';
import { saveScheme } from '../../../src-main/analysis/classification-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Both snapshot indexes carry customer_id (migration 0012) so class reports count live customers
// without reading customer rows. A covering index that starts with (scheme_id, period) is also a
// tempting way for SQLite to find ONE customer's snapshot: it once turned the transitions
// self-join into a scan per customer (the bench ran for half an hour). These plans must keep the
// per-customer lookups on the customer index.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const plan = (sql: string, ...params: unknown[]) =>
  (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

describe('snapshot query plans', () => {
  it('the class-in-snapshot condition looks each customer up by the customer index', () => {
    const scheme = saveScheme(ws, testUser, {
      name: 'ABCD',
      definition: {
        classes: [
          { key: 'A', label: 'A' },
          { key: 'B', label: 'B' },
        ],
        windowDays: 365,
        method: { kind: 'contribution', metric: 'revenue', cuts: [0.8, 1] },
      },
      setsCustomerClass: false,
    });
    ws.db
      .prepare(
        "INSERT INTO classification_snapshots (id, site_id, scheme_id, period, customer_id, class, created_at) VALUES ('x', 's', ?, 'P1', 'c', 'A', '')",
      )
      .run(scheme.id);
    const field = snapshotFields(ws, 'c').find((f) => f.key.includes(scheme.id));
    expect(field).toBeDefined();
    const steps = plan(`SELECT c.id FROM customers c WHERE (${field?.sql}) = 'A'`, ...(field?.params ?? []));
    expect(steps.join('\n')).toMatch(/classification_snapshots_customer_idx \(customer_id=\? AND scheme_id=\? AND period=\?\)/);
  });

  it('joining two periods finds the later snapshot by customer, not by scanning the period', () => {
    const steps = plan(
      `SELECT a.class, b.class, count(*) FROM classification_snapshots a
       JOIN classification_snapshots b ON b.customer_id = a.customer_id AND b.scheme_id = a.scheme_id AND b.period = ?
       WHERE a.scheme_id = ? AND a.period = ? AND a.customer_id NOT IN (SELECT id FROM customers WHERE deleted = 1) GROUP BY a.class, b.class`,
      'P2',
      's',
      'P1',
    );
    expect(steps.find((s) => s.includes('SEARCH b'))).toMatch(
      /classification_snapshots_customer_idx \(customer_id=\? AND scheme_id=\? AND period=\?\)/,
    );
  });
});
