import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { replayLog } from '../../../src-main/changelog/apply/log-entries';
import { runWrite } from '../../../src-main/changelog/write-tx';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { FieldIndexJobs } from '../../../src-main/jobs/field-index-jobs';
import type { JobRunner } from '../../../src-main/jobs/job-runner';
import { createCustomer, insertCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { indexPendingSearch } from '../../../src-main/services/search/index-pending-search';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { pendingSearchRanges } from '../../../src-main/services/search/search-backlog';
import { LARGE_BUNDLE_ENTRIES } from '../../../src-main/sync/exchange/apply-bundle';
import { makeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { createNetwork, inviteStore, joinNetwork } from '../../../src-main/sync/network/network-service';
import { deliver } from '../../support/sync-sites';
import { tempDir, testUser } from '../../support/temp-workspace';

// A large bundle (a store's first) is applied as a large import is written: its new customers'
// search documents wait in the backlog until the index job (app) or the CLI writes them, quick
// search scans them meanwhile, and once written the index answers exactly as if the apply had
// written them itself (here: the same log replayed into a file the ordinary way).

let dir: string;
let cleanup: () => void;
const open: Workspace[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  cleanup();
});

const CITIES = ['广州', '深圳', '北京', '上海', '杭州'];
const COUNT = LARGE_BUNDLE_ENTRIES + 50;

/** HQ with one customer of its own (indexed as usual) and a store with COUNT customers, some with contacts and edits. */
function sites(): { hq: Workspace; store: Workspace; reference: Workspace } {
  const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
  const store = openWorkspace(join(dir, 'nj.kecard'), { create: true });
  const reference = openWorkspace(join(dir, 'reference.kecard'), { create: true });
  open.push(hq, store, reference);
  createCustomer(hq, testUser, { name: '广州华信老客户有限公司' });
  createNetwork(hq, { code: 'HQ', name: '总部' });
  joinNetwork(store, testUser, inviteStore(hq, { code: 'NJ01', name: '南京店' }).invitation);
  runWrite(store, testUser, (tx) => {
    for (let i = 0; i < COUNT; i += 1) {
      insertCustomer(tx, {
        name: `${CITIES[i % CITIES.length]}华信${i}号科技有限公司`,
        code: `HX${String(i).padStart(4, '0')}`,
        phones: [`020-8333${String(i).padStart(4, '0')}`],
      } as Parameters<typeof insertCustomer>[1]);
    }
  });
  // Contacts and an edit of customers the same bundle creates.
  const id = (code: string) => quickSearch(store, code).hits[0]?.id ?? '';
  createContact(store, testUser, { customerId: id('HX0005'), name: '欧阳娜娜', mobile: '13912345678' });
  updateCustomer(store, testUser, id('HX0007'), { name: '北京新名字有限公司' });
  return { hq, store, reference };
}

const names = (ws: Workspace, q: string) =>
  quickSearch(ws, q, 400)
    .hits.map((h) => h.name)
    .sort();
const documents = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM customer_search').pluck().get() as number;
// Each answered by fewer customers than a search lists (so the lists compare whole).
const QUERIES = [
  'HX01',
  '华信13',
  '83330123',
  '深圳华信21号',
  'ouyangnana',
  'beijingxin',
  'oyn',
  '欧阳娜娜',
  'bjxmz',
  '13912345678',
  '老客户',
  'gzhxl',
];

describe('a large bundle leaves its new customers’ search documents to the backlog', () => {
  it('finds them by scan before the job, and indexes them as an ordinary apply would', () => {
    const { hq, store, reference } = sites();
    const applied = deliver(makeBundle(store, 'HQ'), hq);
    expect(applied.applied).toBeGreaterThanOrEqual(LARGE_BUNDLE_ENTRIES);
    // The store's log replayed the ordinary way: every document written before the commit.
    replayLog(store, reference, testUser);
    expect(pendingSearchRanges(reference)).toEqual([]);
    expect(documents(reference)).toBe(COUNT);

    const [range] = pendingSearchRanges(hq);
    expect(range && range[1] - range[0] + 1).toBe(COUNT);
    expect(documents(hq)).toBe(1); // only HQ's own customer
    expect(names(hq, 'HX0042')).toEqual(['北京华信42号科技有限公司']);
    expect(names(hq, '新名字')).toEqual(['北京新名字有限公司']);

    expect(indexPendingSearch(hq, { chunk: 700 })).toEqual({ indexed: COUNT, cancelled: false });
    expect(pendingSearchRanges(hq)).toEqual([]);
    expect(documents(hq)).toBe(COUNT + 1);
    for (const q of QUERIES) {
      const expected = names(reference, q);
      if (q === '老客户' || q === 'gzhxl') expected.push('广州华信老客户有限公司');
      expect(expected.length, q).toBeLessThan(400);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(names(hq, q), q).toEqual(expected.sort());
    }
    expect(names(hq, 'bjxmz')).toEqual(['北京新名字有限公司']);
  });

  it('a small bundle still writes its documents before the commit', () => {
    const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
    const store = openWorkspace(join(dir, 'nj.kecard'), { create: true });
    open.push(hq, store);
    createNetwork(hq, { code: 'HQ', name: '总部' });
    joinNetwork(store, testUser, inviteStore(hq, { code: 'NJ01', name: '南京店' }).invitation);
    for (const name of ['深圳华信一号有限公司', '深圳华信二号有限公司']) createCustomer(store, testUser, { name });
    deliver(makeBundle(store, 'HQ'), hq);
    expect(pendingSearchRanges(hq)).toEqual([]);
    expect(documents(hq)).toBe(2);
    expect(names(hq, 'szhx')).toHaveLength(2);
  });

  it('the app starts the index job when customers changed and the backlog holds some; the CLI writes them at once', () => {
    const { hq, store } = sites();
    const bundle = makeBundle(store, 'HQ');
    // The app: an event naming customers, a backlog → one 'index' job; nothing pending → none.
    const started: string[] = [];
    const jobs = { start: (kind: string) => (started.push(kind), `job${started.length}`), cancel: () => {} } as unknown as JobRunner;
    const indexes = new FieldIndexJobs(jobs, () => ({ ws: hq, ctx: testUser }));
    const changed: KecardEvent = { type: 'data.changed', entities: ['customer'] };
    indexes.observe(changed);
    expect(started).toEqual([]);
    deliver(bundle, hq);
    indexes.observe(changed);
    expect(started).toEqual(['index']);

    // The CLI, on a copy of HQ as it is now (its backlog not written yet): the store's next bundle,
    // large again, through `kecard sync import`, which leaves no backlog behind.
    const cliHq = join(dir, 'cli-hq.kecard');
    hq.db.exec(`VACUUM INTO '${cliHq}'`);
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    runWrite(store, testUser, (tx) => {
      for (let i = 0; i < LARGE_BUNDLE_ENTRIES; i += 1) insertCustomer(tx, { name: `杭州第二批${i}号商行` } as Parameters<typeof insertCustomer>[1]);
    });
    for (const f of makeBundle(store, 'HQ').files) writeFileSync(join(inbox, f.name), f.bytes);
    const cli = join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'cli.mjs');
    const r = spawnSync(process.execPath, [cli, 'sync', 'import', inbox, '-w', cliHq], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const after = openWorkspace(cliHq, { readOnly: true });
    open.push(after);
    expect(pendingSearchRanges(after)).toEqual([]);
    expect(documents(after)).toBe(1 + COUNT + LARGE_BUNDLE_ENTRIES);
  });
});
