import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWrite } from '../../../src-main/changelog/write-tx';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, insertCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { customerCreateInput } from '../../../src-shared/domain/customer';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const count = (table: string) => (ws.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the one write path', () => {
  it('commits a row and its change-log entry together, or neither', () => {
    // If the log cannot be written, the customer must not be written either.
    ws.db.exec(`CREATE TEMP TRIGGER log_down BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'log unavailable'); END`);
    expect(() => createCustomer(ws, testUser, { name: '不应写入有限公司' })).toThrow(/log unavailable/);
    expect(count('customers')).toBe(0);
    ws.db.exec('DROP TRIGGER log_down');

    // A failure after the log entry was written rolls the entry back with the data.
    expect(() =>
      runWrite(ws, testUser, (tx) => {
        insertCustomer(tx, customerCreateInput.parse({ name: '半途失败有限公司' }));
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(count('customers')).toBe(0);
    expect(count('change_log')).toBe(0);
    expect(count('customer_search')).toBe(0);
  });

  it('records who, when, where and a rising clock for every changed field', () => {
    const c = createCustomer(ws, testUser, { name: '上海浦东发展有限公司', industry: '金融' });
    updateCustomer(ws, testUser, c.id, { industry: '银行', name: '上海浦东发展有限公司' });
    const rows = ws.db.prepare('SELECT * FROM change_log_entries ORDER BY hlc').all() as Record<string, string | null>[];
    expect(rows.map((r) => [r.op, r.field, r.old_value, r.new_value])).toEqual([
      ['create', null, null, expect.stringContaining('"industry":"金融"')],
      ['update', 'industry', '"金融"', '"银行"'],
    ]);
    for (const r of rows) {
      expect(r.user_id).toBe(testUser.userId);
      expect(r.user_name).toBe(testUser.userName);
      expect(r.site_id).toBe(ws.siteId);
      expect(r.root_id).toBe(c.id);
      expect(Number.isNaN(Date.parse(r.at as string))).toBe(false);
    }
    expect(Number(rows[0]?.hlc)).toBeLessThan(Number(rows[1]?.hlc));
    // One site numbers its changes 1, 2, … and each transaction is known by its first entry.
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    expect(rows.map((r) => Number(r.tx))).toEqual([Number(rows[0]?.n), Number(rows[1]?.n)]);
  });

  it('writes nothing when nothing changed', () => {
    const c = createCustomer(ws, testUser, { name: '无变化有限公司', phones: ['13800138000'] });
    updateCustomer(ws, testUser, c.id, { name: '无变化有限公司', phones: ['138 0013 8000'] });
    expect(count('change_log')).toBe(1);
  });
});
