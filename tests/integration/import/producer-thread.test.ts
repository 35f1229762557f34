import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { runImport } from '../../../src-main/import/run-import';
import { quickSearch } from '../../../src-main/services/search/quick-search';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importSettings, type ImportSettingsInput } from '../../../src-shared/import/import-settings';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';

// A large file is read and prepared on a second thread (the bundled import worker, built for all
// test files by tests/support/build-once.ts) while the import thread writes. Same file, same
// settings: the threaded import must store exactly what the single-threaded one stores.

const WORKER = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'import-worker.mjs'));
const settings = (s: ImportSettingsInput) => importSettings.parse(s);

let a: { ws: Workspace; cleanup: () => void };
let b: { ws: Workspace; cleanup: () => void };
let files: { dir: string; cleanup: () => void };
beforeEach(() => {
  a = tempWorkspace();
  b = tempWorkspace();
  files = tempDir();
});
afterEach(() => {
  a.cleanup();
  b.cleanup();
  files.cleanup();
});

/** 2,400 rows in GB18030: every 97th repeats an earlier name, every 101st has a bad e-mail, one names an existing customer. */
function writeSheet(): string {
  const lines = ['客户名称,客户编号,手机,邮箱,省份,客户等级'];
  for (let i = 0; i < 2400; i += 1) {
    const name = i % 97 === 96 ? `华信${i - 50}号贸易有限公司` : i === 7 ? '上海浦东发展银行股份有限公司' : `华信${i}号贸易有限公司`;
    const email = i % 101 === 100 ? 'not-an-email' : `sales${i}@huaxin.cn`;
    lines.push(`${name},HX${String(i).padStart(5, '0')},138${String(i).padStart(8, '0')},${email},广东,${'ABCD'[i % 4]}`);
  }
  const path = join(files.dir, 'customers-gbk.csv');
  writeFileSync(path, iconv.encode(lines.join('\r\n'), 'gb18030'));
  return path;
}

function stored(ws: Workspace): unknown[] {
  return ws.db.prepare('SELECT name, code, phones, email, province, class, sort_key FROM customers WHERE deleted = 0 ORDER BY code').all();
}

describe('import with the producer thread', () => {
  it('stores, reports and indexes exactly what the single-threaded import does', async () => {
    const path = writeSheet();
    for (const { ws } of [a, b]) createCustomer(ws, testUser, { name: '上海浦东发展银行股份有限公司', address: null });
    const s = settings({ target: 'customers', mode: 'validRows', duplicateAction: 'overwrite', rowActions: { '9': 'create' } });
    const local = await runImport(a.ws, testUser, path, s, { dryRun: false });
    const phases: string[] = [];
    const threaded = await runImport(b.ws, testUser, path, s, {
      dryRun: false,
      producerFile: WORKER,
      threadedFromBytes: 0,
      onProgress: (_d, _t, p) => phases.push(p),
    });

    expect(phases).toContain('writing');
    // The existing bank has its own id in each workspace.
    const sameIds = (r: typeof local) => ({ ...r, duplicates: r.duplicates.map((d) => ({ ...d, matchId: d.matchId === null ? null : 'existing' })) });
    expect(sameIds(threaded)).toEqual(sameIds(local));
    // 2,400 rows: 23 bad e-mails; 24 repeats of earlier names, which overwrite the customers made
    // from those rows; the bank matches the workspace, and row 9's own decision creates it anyway.
    expect(local).toMatchObject({ total: 2400, valid: 2377, invalid: 23 });
    expect(local.duplicates).toHaveLength(25);
    expect(local.written).toEqual({ inserted: 2353, updated: 24, skipped: 23 });
    expect(stored(b.ws)).toEqual(stored(a.ws));
    expect(quickSearch(b.ws, '华信1234号', 5).hits.map((r) => r.name)).toEqual(['华信1234号贸易有限公司']);
    expect(quickSearch(b.ws, 'hxhmy', 50).hits.length).toBeGreaterThan(0); // pinyin initials were indexed
    const source = b.ws.db.prepare("SELECT DISTINCT source FROM change_log_entries WHERE source LIKE 'import:%'").pluck().all();
    expect(source).toEqual(['import:customers-gbk.csv']);
    expect(b.ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reports done before the WAL is folded back into the file, and leaves checkpointing on', async () => {
    const path = writeSheet();
    const before = statSync(b.ws.path).size;
    await runImport(b.ws, testUser, path, settings({ target: 'customers', mode: 'validRows' }), {
      dryRun: false,
      producerFile: WORKER,
      threadedFromBytes: 0,
    });
    // The commit left the imported pages in the WAL; the next checkpoint (the connection's close) copies them.
    expect(statSync(b.ws.path).size).toBe(before);
    expect(b.ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    b.ws.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(b.ws.path).size).toBeGreaterThan(before);
    expect(b.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2353);
  });

  it('a dry run on the thread reports the same and writes nothing', async () => {
    const path = writeSheet();
    const s = settings({ target: 'customers', mode: 'validRows' });
    const local = await runImport(a.ws, testUser, path, s, { dryRun: true });
    const threaded = await runImport(b.ws, testUser, path, s, { dryRun: true, producerFile: WORKER, threadedFromBytes: 0 });
    expect(threaded).toEqual(local);
    expect(b.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });

  it('cancelling stops the thread and rolls everything back', async () => {
    const path = writeSheet();
    let polls = 0;
    await expect(
      runImport(b.ws, testUser, path, settings({ target: 'customers', mode: 'validRows' }), {
        dryRun: false,
        producerFile: WORKER,
        threadedFromBytes: 0,
        isCancelled: () => ++polls >= 3,
      }),
    ).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(b.ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(b.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    expect(b.ws.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);
    expect(b.ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('all or nothing reads the whole file, reports every bad row and writes nothing', async () => {
    const path = writeSheet();
    await expect(
      runImport(b.ws, testUser, path, settings({ target: 'customers' }), { dryRun: false, producerFile: WORKER, threadedFromBytes: 0 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { invalid: 23 },
    });
    expect(b.ws.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    expect(b.ws.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);
  });
});

describe('contacts whose customer is not in the workspace', () => {
  it('are reported as row problems; the other rows import', async () => {
    createCustomer(a.ws, testUser, { name: '广州华信电子科技有限公司', code: 'KH001', address: null });
    const path = join(files.dir, 'contacts.csv');
    writeFileSync(
      path,
      [
        '联系人,手机,客户名称,客户编号,部门',
        '王芳,13800000001,广州华信电子科技有限公司,,采购部',
        '李雷,13800000002,,KH001,',
        '张伟,13800000003,不存在的公司,,',
      ].join('\n'),
    );
    const report = await runImport(a.ws, testUser, path, settings({ target: 'contacts', mode: 'validRows' }), { dryRun: false });
    expect(report).toMatchObject({ total: 3, valid: 2, invalid: 1, written: { inserted: 2, updated: 0, skipped: 1 } });
    expect(report.problems).toEqual([{ row: 4, field: 'customer', code: 'notFound', value: '不存在的公司' }]);
    expect(a.ws.db.prepare('SELECT name FROM contacts ORDER BY name').pluck().all()).toEqual(['李雷', '王芳']);
    expect(a.ws.db.prepare('SELECT name FROM departments').pluck().all()).toEqual(['采购部']);
  });
});

describe('a row the workspace refuses', () => {
  it('is a row problem in "valid rows" mode, and nothing of it is written', async () => {
    createCustomer(a.ws, testUser, { name: '广州华信电子科技有限公司', code: 'KH001', address: null });
    const path = join(files.dir, 'clash.csv');
    writeFileSync(path, ['客户名称,客户编号', '深圳华信电子有限公司,KH001', '深圳新客户有限公司,KH002'].join('\n'));
    // Duplicates by name only: the taken code is found by the write, not by the duplicate check.
    const s = settings({ target: 'customers', mode: 'validRows', duplicateKeys: ['name'] });
    const report = await runImport(a.ws, testUser, path, s, { dryRun: false });
    expect(report).toMatchObject({ total: 2, valid: 1, invalid: 1, written: { inserted: 1, updated: 0, skipped: 1 } });
    expect(report.problems).toEqual([{ row: 2, field: 'code', code: 'duplicateCode', value: 'KH001' }]);
    expect(a.ws.db.prepare('SELECT name FROM customers ORDER BY name').pluck().all()).toEqual(['广州华信电子科技有限公司', '深圳新客户有限公司']);
    expect(a.ws.db.prepare("SELECT count(*) FROM change_log_entries WHERE source LIKE 'import:%'").pluck().get()).toBe(1);
  });
});
