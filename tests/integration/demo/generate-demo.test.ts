import { afterEach, describe, expect, it } from 'vitest';
import { customerCreateInput, CUSTOMER_FIELDS } from '../../../src-shared/domain/customer';
import { contactCreateInput } from '../../../src-shared/domain/organisation';
import { KecardError } from '../../../src-shared/errors';
import { generateDemo, type DemoProgress } from '../../../src-main/demo/generate-demo';
import { getCustomerCard } from '../../../src-main/services/customers/customer-queries';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { customerHistory } from '../../../src-main/services/history/history-service';
import type { Workspace } from '../../../src-main/db/workspace';
import { demoSnapshot } from '../../support/demo-snapshot';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function workspace(): Workspace {
  const t = tempWorkspace();
  cleanups.push(t.cleanup);
  return t.ws;
}
const count = (ws: Workspace, sql: string) => (ws.db.prepare(sql).get() as { n: number }).n;

describe('demo data generator', () => {
  it('gives identical content for the same seed and size, different for another seed', () => {
    const [a, b, c] = [workspace(), workspace(), workspace()];
    generateDemo(a, testUser, { customers: 300, seed: 5, batchSize: 64 });
    generateDemo(b, testUser, { customers: 300, seed: 5, batchSize: 1000 });
    generateDemo(c, testUser, { customers: 300, seed: 6 });
    expect(demoSnapshot(a.db)).toEqual(demoSnapshot(b.db));
    expect(demoSnapshot(c.db)).not.toEqual(demoSnapshot(a.db));
    expect(count(a, 'SELECT count(*) n FROM customers')).toBe(300);
  });

  it('logs every created row once, in one transaction marked demo', () => {
    const ws = workspace();
    const result = generateDemo(ws, testUser, { customers: 150, seed: 9 });
    const rows = result.customers + result.departments + result.contacts + result.employees;
    expect(count(ws, 'SELECT count(*) n FROM customers') + count(ws, 'SELECT count(*) n FROM departments')).toBe(
      result.customers + result.departments,
    );
    expect(count(ws, 'SELECT count(*) n FROM change_log')).toBe(rows);
    expect(count(ws, "SELECT count(*) n FROM change_log_entries WHERE op = 'create' AND source = 'demo' AND user_id = 'u-test'")).toBe(rows);
    expect(count(ws, 'SELECT count(DISTINCT tx) n FROM change_log_entries')).toBe(1);
    for (const [table, entity] of [
      ['customers', 'customer'],
      ['departments', 'department'],
      ['contacts', 'contact'],
      ['employees', 'employee'],
    ]) {
      const missing = count(
        ws,
        `SELECT count(*) n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM change_log_entries l WHERE l.entity = '${entity}' AND l.entity_id = t.id)`,
      );
      expect(missing, table).toBe(0);
    }
    // The card's history shows the creation of the customer and of everything on it.
    const first = ws.db.prepare("SELECT id FROM customers WHERE kind = 'company' ORDER BY seq LIMIT 1").get() as { id: string };
    const card = getCustomerCard(ws, first.id);
    expect(customerHistory(ws, first.id)).toHaveLength(1 + card.departments.length + card.contacts.length);
  });

  it('writes rows that pass the domain validation and can be found by quick search', () => {
    const ws = workspace();
    generateDemo(ws, testUser, { customers: 200, seed: 21 });
    const ids = ws.db.prepare('SELECT id FROM customers').all() as { id: string }[];
    for (const { id } of ids) {
      const card = getCustomerCard(ws, id);
      const fields = Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, card.customer[f]]));
      expect(customerCreateInput.safeParse(fields).success).toBe(true);
      for (const contact of card.contacts) {
        const { id: _id, ...values } = contact;
        expect(contactCreateInput.safeParse(values).success).toBe(true);
        if (values.departmentId) expect(card.departments.map((d) => d.id)).toContain(values.departmentId);
      }
    }
    const sample = ws.db.prepare("SELECT id, name, code FROM customers WHERE kind = 'company' LIMIT 1").get() as {
      id: string;
      name: string;
      code: string;
    };
    expect(quickSearch(ws, sample.code).hits.map((h) => h.id)).toContain(sample.id);
    expect(quickSearch(ws, sample.name, 200).hits.map((h) => h.id)).toContain(sample.id);
  });

  it('continues codes after existing demo customers instead of clashing', () => {
    const ws = workspace();
    generateDemo(ws, testUser, { customers: 20, seed: 1 });
    generateDemo(ws, testUser, { customers: 20, seed: 1 });
    const codes = (ws.db.prepare('SELECT code FROM customers ORDER BY code').all() as { code: string }[]).map((r) => r.code);
    expect(new Set(codes).size).toBe(40);
    expect(codes.at(-1)).toBe('KH0000040');
  });

  it('leaves the workspace unchanged when cancelled, and reports progress until then', () => {
    const ws = workspace();
    generateDemo(ws, testUser, { customers: 10, seed: 2 });
    const before = demoSnapshot(ws.db);
    const logBefore = count(ws, 'SELECT count(*) n FROM change_log');
    const seen: DemoProgress[] = [];
    const cancel = { cancelled: false };
    let error: unknown;
    try {
      generateDemo(ws, testUser, {
        customers: 500,
        seed: 3,
        batchSize: 50,
        cancel,
        onProgress: (p) => {
          seen.push(p);
          if (p.done >= 200) cancel.cancelled = true;
        },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KecardError);
    expect((error as KecardError).code).toBe('JOB_CANCELLED');
    expect(seen.some((p) => p.phase === 'customers' && p.done === 200 && p.total === 500)).toBe(true);
    expect(demoSnapshot(ws.db)).toEqual(before);
    expect(count(ws, 'SELECT count(*) n FROM change_log')).toBe(logBefore);
    expect(quickSearch(ws, 'KH0000011').hits).toEqual([]);
  });

  it('refuses sizes outside 1…1,000,000', () => {
    const ws = workspace();
    expect(() => generateDemo(ws, testUser, { customers: 0, seed: 1 })).toThrow(KecardError);
    expect(() => generateDemo(ws, testUser, { customers: 1_000_001, seed: 1 })).toThrow(KecardError);
    expect(count(ws, 'SELECT count(*) n FROM change_log')).toBe(0);
  });
});
