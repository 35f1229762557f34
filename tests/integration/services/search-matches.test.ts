import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { runImport } from '../../../src-main/import/run-import';
import { listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { countSearchMatches } from '../../../src-main/services/search/search-matches';
import { importSettings } from '../../../src-shared/import/import-settings';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// Quick search's 共 N 条 and 查看全部: the count (capped) and the full list agree with each other
// and with what the dropdown finds, well past the dropdown's 20 hits, also for rows a large
// import left to the search backlog.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

function addCustomers(names: string[]): string[] {
  return names.map((name) => createCustomer(ws, testUser, { name, address: null }).id);
}

const allMatches = (q: string) => listCustomers(ws, { offset: 0, limit: 500, q, sort: { field: 'name', dir: 'asc' } });

describe('quick search: count and show all', () => {
  it('counts every match and lists them all in the list order, beyond the dropdown', () => {
    const stars = addCustomers(Array.from({ length: 45 }, (_, i) => `星河贸易${i + 1}号有限公司`));
    addCustomers(['长江电子有限公司', '黄河物流有限公司']);
    const gone = addCustomers(['星河贸易已删除公司'])[0] ?? '';
    deleteCustomer(ws, testUser, gone);
    // A customer found only through its contact's name.
    const [viaContact] = addCustomers(['东方机械厂']);
    createContact(ws, testUser, { customerId: viaContact ?? '', name: '星河贸易张经理' });

    expect(quickSearch(ws, '星河贸易', 20).hits).toHaveLength(20);
    expect(countSearchMatches(ws, '星河贸易')).toEqual({ count: 46, capped: false });

    const list = allMatches('星河贸易');
    expect(list.total).toBe(46);
    expect(list.rows.map((r) => r.id).sort()).toEqual([...stars, viaContact].sort());
    const page2 = listCustomers(ws, { offset: 40, limit: 40, q: '星河贸易', sort: { field: 'name', dir: 'asc' } });
    expect(page2.rows.map((r) => r.id)).toEqual(list.rows.slice(40).map((r) => r.id));
    const sortKeys = list.rows.map((r) => r.name);
    expect(new Set(sortKeys).size).toBe(46);

    // Without a search the list is every customer, as before.
    expect(listCustomers(ws, { offset: 0, limit: 500 }).total).toBe(48);
  });

  it('stops counting at the cap and says so', () => {
    addCustomers(Array.from({ length: 12 }, (_, i) => `华信${i}号科技有限公司`));
    expect(countSearchMatches(ws, '华信', 5)).toEqual({ count: 5, capped: true });
    expect(countSearchMatches(ws, '华信', 12)).toEqual({ count: 12, capped: false });
    expect(allMatches('华信').total).toBe(12);
  });

  it('matches nothing for text with nothing searchable, and nothing for an unknown word', () => {
    addCustomers(['华信科技有限公司']);
    expect(countSearchMatches(ws, '——')).toEqual({ count: 0, capped: false });
    expect(allMatches('——')).toEqual({ total: 0, rows: [] });
    expect(allMatches('不存在的名字').total).toBe(0);
  });

  it('includes the rows of a large import the search backlog has not indexed yet', async () => {
    const files = tempDir();
    try {
      const lines = ['客户名称,客户编号'];
      for (let i = 0; i < 30; i += 1) lines.push(`广州华信${i}号科技有限公司,HX${String(i).padStart(4, '0')}`);
      const path = join(files.dir, 'customers.csv');
      writeFileSync(path, lines.join('\n'));
      addCustomers(['广州华信老客户有限公司']);
      await runImport(ws, testUser, path, importSettings.parse({ target: 'customers', mode: 'validRows' }), {
        dryRun: false,
        deferSearchFromBytes: 0,
      });
      expect(countSearchMatches(ws, '广州华信')).toEqual({ count: 31, capped: false });
      expect(allMatches('广州华信').total).toBe(31);
      expect(countSearchMatches(ws, '广州华信', 10)).toEqual({ count: 10, capped: true });
    } finally {
      files.cleanup();
    }
  });
});
