import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { composeApp } from '../../../src-main/app/compose-app';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { runImport } from '../../../src-main/import/run-import';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { indexPendingSearch } from '../../../src-main/services/search/index-pending-search';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { pendingSearchRanges } from '../../../src-main/services/search/search-backlog';
import { importSettings } from '../../../src-shared/import/import-settings';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// A large customer import leaves its search documents to the backlog job. Until the job has run,
// quick search scans the pending rows; after it, the index must answer exactly as if the import
// had written the documents itself.

let deferred: { ws: Workspace; cleanup: () => void };
let inline: { ws: Workspace; cleanup: () => void };
let files: { dir: string; cleanup: () => void };
beforeEach(() => {
  deferred = tempWorkspace();
  inline = tempWorkspace();
  files = tempDir();
});
afterEach(() => {
  deferred.cleanup();
  inline.cleanup();
  files.cleanup();
});

const CITIES = ['广州', '深圳', '北京', '上海', '杭州'];
function writeSheet(rows: number, badRow = -1): string {
  const lines = ['客户名称,客户编号,电话,邮箱'];
  for (let i = 0; i < rows; i += 1) {
    const email = i === badRow ? 'not-an-email' : `info${i}@example.cn`;
    lines.push(`${CITIES[i % CITIES.length]}华信${i}号科技有限公司,HX${String(i).padStart(4, '0')},020-8333${String(i).padStart(4, '0')},${email}`);
  }
  const path = join(files.dir, `customers-${rows}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const names = (ws: Workspace, q: string) =>
  quickSearch(ws, q, 400)
    .hits.map((h) => h.name)
    .sort();
const documents = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM customer_search').pluck().get() as number;

async function importInto(ws: Workspace, path: string, defer: boolean, mode: 'validRows' | 'allOrNothing' = 'validRows') {
  return runImport(ws, testUser, path, importSettings.parse({ target: 'customers', mode }), {
    dryRun: false,
    deferSearchFromBytes: defer ? 0 : Number.MAX_SAFE_INTEGER,
  });
}

describe('search backlog of a large import', () => {
  it('finds pending customers by name, code, phone and full pinyin, then indexes them exactly as an inline import would', async () => {
    const path = writeSheet(230);
    for (const { ws } of [deferred, inline]) createCustomer(ws, testUser, { name: '广州华信老客户有限公司', address: null });
    await importInto(deferred.ws, path, true);
    await importInto(inline.ws, path, false);

    expect(pendingSearchRanges(deferred.ws)).toHaveLength(1);
    expect(documents(deferred.ws)).toBe(1); // only the customer that was there before
    // Before the job: the scan finds them by what the rows hold.
    expect(names(deferred.ws, '华信17号')).toEqual(['北京华信17号科技有限公司']);
    expect(names(deferred.ws, 'HX0042')).toEqual(['北京华信42号科技有限公司']);
    expect(names(deferred.ws, '83330101')).toEqual(['深圳华信101号科技有限公司']);
    expect(names(deferred.ws, 'hangzhouhuaxin')).toEqual(names(inline.ws, 'hangzhouhuaxin'));
    expect(names(deferred.ws, 'hangzhouhuaxin')).toHaveLength(46);
    expect(names(deferred.ws, '广州华信')).toEqual(names(inline.ws, '广州华信'));
    // Initials need the document.
    expect(names(deferred.ws, 'gzhx')).toEqual(['广州华信老客户有限公司']);

    let progress = 0;
    const result = indexPendingSearch(deferred.ws, { chunk: 17, onProgress: (done) => (progress = done) });
    expect(result).toEqual({ indexed: 230, cancelled: false });
    expect(progress).toBe(230);
    expect(pendingSearchRanges(deferred.ws)).toEqual([]);
    expect(documents(deferred.ws)).toBe(documents(inline.ws));
    for (const q of ['gzhx', '华信', 'huaxin', 'HX01', '8333', 'example', '深圳华信2', 'szhxhkj']) {
      expect(names(deferred.ws, q), q).toEqual(names(inline.ws, q));
    }
    expect(names(deferred.ws, 'gzhx').length).toBeGreaterThan(40);
  });

  it('indexes a pending customer as it is when the job reaches it, once, even after edits', async () => {
    await importInto(deferred.ws, writeSheet(40), true);
    const id = quickSearch(deferred.ws, 'HX0005').hits[0]?.id ?? '';
    updateCustomer(deferred.ws, testUser, id, { name: '北京新名字有限公司' });
    createContact(deferred.ws, testUser, { customerId: id, name: '欧阳娜娜', mobile: '13912345678' });
    expect(documents(deferred.ws)).toBe(0); // edits leave pending customers to the job

    indexPendingSearch(deferred.ws);
    expect(documents(deferred.ws)).toBe(40);
    expect(names(deferred.ws, 'bjxmz')).toEqual(['北京新名字有限公司']);
    expect(names(deferred.ws, '欧阳娜娜')).toEqual(['北京新名字有限公司']);
    expect(names(deferred.ws, 'HX0005')).toEqual(['北京新名字有限公司']);
    expect(names(deferred.ws, '广州华信5号')).not.toContain('广州华信5号科技有限公司');
    // Once indexed, an edit reindexes as usual.
    updateCustomer(deferred.ws, testUser, id, { name: '杭州又改名有限公司' });
    expect(names(deferred.ws, 'hzygm')).toEqual(['杭州又改名有限公司']);
    expect(documents(deferred.ws)).toBe(40);
  });

  it('stops between chunks when cancelled and resumes where it stopped', async () => {
    await importInto(deferred.ws, writeSheet(100), true);
    let calls = 0;
    const first = indexPendingSearch(deferred.ws, { chunk: 30, cancelled: () => (calls += 1) > 2 });
    expect(first).toEqual({ indexed: 60, cancelled: true });
    const [range] = pendingSearchRanges(deferred.ws);
    expect(range && range[1] - range[0] + 1).toBe(40);
    expect(documents(deferred.ws)).toBe(60);
    expect(indexPendingSearch(deferred.ws, { chunk: 30 })).toEqual({ indexed: 40, cancelled: false });
    expect(documents(deferred.ws)).toBe(100);
  });

  it('leaves no backlog when the import rolls back', async () => {
    await expect(importInto(deferred.ws, writeSheet(50, 20), true, 'allOrNothing')).rejects.toThrow();
    expect(pendingSearchRanges(deferred.ws)).toEqual([]);
    expect(deferred.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });

  it('is written by the index job when the app opens the workspace (after a stop, or a CLI import)', async () => {
    const path = join(files.dir, 'app.kecard');
    const ws = openWorkspace(path, { create: true });
    await importInto(ws, writeSheet(300), true);
    ws.close();

    const events: KecardEvent[] = [];
    const app = composeApp({
      dataDir: join(files.dir, 'data'),
      shell: 'browser',
      workerDir: pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main') + '/'),
    });
    try {
      app.setEventSink((e) => events.push(e));
      app.host.open(path);
      const started = Date.now();
      while (!events.some((e) => e.type === 'job.finished' && e.kind === 'index') && Date.now() - started < 30_000)
        await new Promise((r) => setTimeout(r, 20));
      const finished = events.find((e) => e.type === 'job.finished' && e.kind === 'index');
      expect(finished && finished.type === 'job.finished' && finished.ok).toBe(true);
      expect(events.some((e) => e.type === 'job.progress' && e.kind === 'index' && e.phase === 'search')).toBe(true);
      expect(pendingSearchRanges(app.host.workspace)).toEqual([]);
      expect(names(app.host.workspace, 'szhx')).toHaveLength(60);
    } finally {
      await app.dispose();
    }
  }, 60_000);
});
