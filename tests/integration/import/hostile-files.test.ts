import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import { composeApp } from '../../../src-main/app/compose-app';
import { inspectSource, readHead } from '../../../src-main/import/inspect-source';
import { INSPECT_LIMITS, READ_LIMITS } from '../../../src-main/import/read-limits';
import { readFilesOnThread } from '../../../src-main/import/reader-thread';
import { runImport } from '../../../src-main/import/run-import';
import type { Workspace } from '../../../src-main/db/workspace';
import { importSettings } from '../../../src-shared/import/import-settings';
import { distWorkers, jobFinished } from '../../support/job-events';
import { tempDir, tempWorkspace, testUser } from '../../support/temp-workspace';
import { writeXlsx } from '../../support/zip-file';

// Hostile import files, made here: each is refused with IMPORT_LIMIT naming the limit it passed,
// by a reader thread (the bundled file-reader worker) with a heap and a time limit, while this thread
// — main, in the app — keeps running its timers.

const WORKER = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'file-reader-worker.mjs'));
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const MB = 1024 * 1024;

let files: { dir: string; cleanup: () => void };
beforeAll(() => readFilesOnThread({ file: WORKER, formats: 'all' }));
afterAll(() => readFilesOnThread(null));
beforeEach(() => (files = tempDir()));
afterEach(() => files.cleanup());

/**
 * Runs `work` while a 10 ms timer ticks on this thread; reports the longest gap between ticks.
 * The gap stays far below the bound the tests use (2 s, for a loaded machine) unless the parse
 * runs on this thread: parsed on main, the 100k-column header alone blocked it for 15 s.
 */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; longestGap: number; ticks: number }> {
  let last = Date.now();
  let longestGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks += 1;
  }, 10);
  const [outcome] = await Promise.allSettled([work()]);
  clearInterval(timer);
  longestGap = Math.max(longestGap, Date.now() - last);
  return { outcome: outcome as PromiseSettledResult<T>, longestGap, ticks };
}

const refusedWith = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'rejected' ? (outcome.reason as { code?: string; details?: unknown }) : { code: 'resolved' };

/** A shared string of `chars` copies of 'A', written a megabyte at a time. */
function* longString(chars: number): Iterable<string> {
  yield '<si><t>客户名称</t></si><si><t>';
  for (let left = chars; left > 0; left -= MB) yield 'A'.repeat(Math.min(MB, left));
  yield '</t></si>';
}

describe('hostile xlsx files', () => {
  it('one cell of 100 MB in a 0.1 MB file: IMPORT_LIMIT cellChars, and main keeps ticking', async () => {
    const path = join(files.dir, 'one-huge-cell.xlsx');
    await writeXlsx(path, { strings: () => longString(100 * MB), columns: 2 });
    const { outcome, longestGap, ticks } = await whileTicking(() => inspectSource(path, 'customers', {}, []));
    expect(refusedWith(outcome)).toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'cellChars', max: READ_LIMITS.cellChars } });
    expect(ticks).toBeGreaterThan(0);
    expect(longestGap).toBeLessThan(2000);
  });

  it('a part declaring 3 GB is refused before anything is inflated', async () => {
    const path = join(files.dir, 'declared-bomb.xlsx');
    await writeXlsx(path, { strings: () => ['<si><t>a</t></si>'], columns: 1, stringsDeclaredSize: 3 * 1024 * MB });
    await expect(readHead(path, {})).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'entryBytes', maxBytes: READ_LIMITS.entryBytes },
    });
  });

  it('a part that lies about its size stops inflating at the limit', async () => {
    // 16 MB of valid XML declared as 100 bytes, read with a 4 MB limit for a part.
    const path = join(files.dir, 'lying-bomb.xlsx');
    await writeXlsx(path, {
      strings: () => Array.from({ length: 16 }, () => '<si><t>a</t></si>'.repeat(MB / 16)),
      columns: 1,
      stringsDeclaredSize: 100,
    });
    await expect(readHead(path, {}, { ...INSPECT_LIMITS, entryBytes: 4 * MB })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'entryBytes' },
    });
    // All parts together: 17 MB honestly declared, past a 8 MB limit for the whole file.
    const honest = join(files.dir, 'honest-but-large.xlsx');
    await writeXlsx(honest, { strings: () => Array.from({ length: 16 }, () => '<si><t>a</t></si>'.repeat(MB / 16)), columns: 1 });
    await expect(readHead(honest, {}, { ...INSPECT_LIMITS, inflatedBytes: 8 * MB })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'inflatedBytes' },
    });
  });

  it("a sheet row past Excel's last row is refused", async () => {
    const path = join(files.dir, 'far-row.xlsx');
    await writeXlsx(path, {
      strings: () => ['<si><t>客户名称</t></si>'],
      columns: 1,
      sheetRows: () => ['<row r="999999999"><c r="A999999999"><v>1</v></c></row>'],
    });
    await expect(runImportCheck(path)).rejects.toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'sheetRows', max: READ_LIMITS.sheetRows } });
  });
});

describe('hostile text files', () => {
  it('a CSV of one 50 MB line: IMPORT_LIMIT recordChars after a few MB, main ticking', async () => {
    const path = join(files.dir, 'one-line.csv');
    writeFileSync(path, 'x,'.repeat(25 * MB));
    const { outcome, longestGap } = await whileTicking(() => inspectSource(path, 'customers', {}, []));
    expect(refusedWith(outcome)).toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'recordChars', max: READ_LIMITS.recordChars } });
    expect(longestGap).toBeLessThan(2000);
    // One quoted field of 50 MB.
    const field = join(files.dir, 'one-field.csv');
    writeFileSync(field, `客户名称\n"${'甲'.repeat(17 * MB)}"\n`);
    await expect(inspectSource(field, 'customers', {}, [])).rejects.toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'recordChars' } });
  });

  it('a record spread over many short lines (a quoted field with line breaks) is refused by its size', async () => {
    const path = join(files.dir, 'many-lines.csv');
    writeFileSync(path, `客户名称,备注\n甲,"${`${'说明'.repeat(50)}\n`.repeat(20_000)}"\n`);
    await expect(runImportCheck(path)).rejects.toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'recordChars' } });
  });

  it('a header of 100,000 columns: IMPORT_LIMIT columns', async () => {
    const path = join(files.dir, 'wide.csv');
    writeFileSync(path, `${Array.from({ length: 100_000 }, (_, i) => `列${i}`).join(',')}\n${'1,'.repeat(99_999)}1\n`);
    await expect(inspectSource(path, 'customers', {}, [])).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'columns', max: READ_LIMITS.columns },
    });
  });

  it('a cell over 32,767 characters and a header cell over 1,000 are refused, naming the row', async () => {
    const cell = join(files.dir, 'long-cell.csv');
    writeFileSync(cell, `客户名称,备注\n甲,${'注'.repeat(40_000)}\n`);
    await expect(runImportCheck(cell)).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'cellChars', max: 32_767, row: 2, column: 2 },
    });
    const header = join(files.dir, 'long-header.csv');
    writeFileSync(header, `客户名称,${'表头'.repeat(600)}\n甲,乙\n`);
    await expect(inspectSource(header, 'customers', {}, [], {}, 1)).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'headerChars', max: 1000 },
    });
  });
});

describe("the reader thread's own limits", () => {
  /** 200 MB of distinct 30,000-character shared strings: parsed, they are all held in memory. */
  const manyLongStrings = async () => {
    const path = join(files.dir, 'many-long-strings.xlsx');
    await writeXlsx(path, {
      strings: function* () {
        for (let i = 0; i < 7000; i += 1) yield `<si><t>${String(i).padStart(6, '0')}${'B'.repeat(30_000)}</t></si>`;
      },
      columns: 2,
    });
    return path;
  };

  it('memory: the thread ends at its heap limit with IMPORT_LIMIT memory, and main goes on', async () => {
    const path = await manyLongStrings();
    const { outcome, longestGap } = await whileTicking(() => readHead(path, {}, { ...INSPECT_LIMITS, heapMb: 128 }));
    expect(refusedWith(outcome)).toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'memory', maxBytes: 128 * MB } });
    expect(longestGap).toBeLessThan(2000);
  });

  it('time: a read past its time limit is ended with IMPORT_LIMIT time', async () => {
    const path = await manyLongStrings();
    await expect(readHead(path, {}, { ...INSPECT_LIMITS, seconds: 0.2 })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'time', max: 0.2 },
    });
  });

  it('cancel: a cancelled job ends the reader while it is still parsing', async () => {
    const path = await manyLongStrings();
    const started = Date.now();
    readFilesOnThread({ file: WORKER, formats: 'all', isCancelled: () => Date.now() - started > 100 });
    try {
      await expect(readHead(path, {})).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    } finally {
      readFilesOnThread({ file: WORKER, formats: 'all' });
    }
  });
});

describe('legacy .xls on its reader thread (SheetJS, frozen prototypes)', () => {
  it('is inspected and checked as before', async () => {
    const path = join(FIXTURES, 'customers-title-merged.xls');
    const inspection = await inspectSource(path, 'customers', {}, []);
    expect(inspection.info).toMatchObject({ format: 'xls', sheets: expect.arrayContaining([expect.any(String)]) as unknown });
    expect(inspection.headerRow).toBe(3);
    expect(inspection.headers).toEqual(['客户编号', '客户名称', '省份', '客户等级', '手机', '电话', '首次合作日期', '备注']);
    await expect(runImportCheck(path)).resolves.toMatchObject({ total: 3, valid: 2, invalid: 1, unknownOptions: { customerClass: ['钻石'] } });
  });

  it('the producer thread of a large import hands it to a reader thread too', async () => {
    const path = join(FIXTURES, 'customers-title-merged.xls');
    ws = tempWorkspace();
    const producerFile = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'import-worker.mjs'));
    const report = await runImport(ws.ws, testUser, path, importSettings.parse({ target: 'customers', mode: 'validRows' }), {
      dryRun: true,
      producerFile,
      threadedFromBytes: 0,
    });
    expect(report).toMatchObject({ total: 3, valid: 2, invalid: 1, unknownOptions: { customerClass: ['钻石'] } });
  });

  it('is refused past its size limit before SheetJS reads it', async () => {
    const path = join(FIXTURES, 'customers-title-merged.xls');
    await expect(readHead(path, {}, { ...INSPECT_LIMITS, xlsBytes: 1024 })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT',
      details: { limit: 'xlsBytes', maxBytes: 1024 },
    });
  });
});

let ws: { ws: Workspace; cleanup: () => void } | null = null;
afterEach(() => {
  ws?.cleanup();
  ws = null;
});
/** A dry-run customer import of the file (the check step). */
function runImportCheck(path: string) {
  ws = tempWorkspace();
  return runImport(ws.ws, testUser, path, importSettings.parse({ target: 'customers', mode: 'validRows' }), { dryRun: true });
}

describe('through the app', () => {
  it('import.cancelInspect ends an inspection still reading, long before its time limit', async () => {
    const { ws: workspace, dir, path: wsPath, cleanup } = tempWorkspace();
    workspace.close();
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
    try {
      app.host.open(wsPath);
      const ctx = app.host.context;
      const path = join(dir, 'slow.xlsx');
      await writeXlsx(path, {
        strings: function* () {
          for (let i = 0; i < 7000; i += 1) yield `<si><t>${String(i).padStart(6, '0')}${'B'.repeat(30_000)}</t></si>`;
        },
        columns: 2,
      });
      const fileToken = app.host.staged.stagePath(path, 'slow.xlsx');
      const started = Date.now();
      const inspecting = app.dispatch('import.inspect', { fileToken, target: 'customers' }, ctx);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await app.dispatch('import.cancelInspect', { fileToken }, ctx)).toEqual({ ok: true, value: { ok: true } });
      expect(await inspecting).toMatchObject({ ok: false, error: { code: 'JOB_CANCELLED' } });
      expect(Date.now() - started).toBeLessThan(INSPECT_LIMITS.seconds * 1000);
      // A later inspection of the same file is not affected by the earlier cancel.
      const small = join(dir, 'small.csv');
      writeFileSync(small, '客户名称\n甲公司\n');
      const smallToken = app.host.staged.stagePath(small, 'small.csv');
      await app.dispatch('import.cancelInspect', { fileToken: smallToken }, ctx);
      expect(await app.dispatch('import.inspect', { fileToken: smallToken, target: 'customers' }, ctx)).toMatchObject({
        ok: true,
        value: { headers: ['客户名称'] },
      });
    } finally {
      await app.dispose();
      cleanup();
    }
  });

  it('an app bundle without its file reader refuses to start instead of parsing on main', () => {
    const { dir, cleanup } = tempDir();
    try {
      const bundle = pathToFileURL(`${dir}/`); // a worker folder that lacks file-reader-worker.mjs
      expect(() => composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: bundle })).toThrow(
        /file reader .*file-reader-worker\.mjs.* is missing/,
      );
      // Tests composed without the bundle say so explicitly.
      const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: bundle, parseFilesInPlace: true });
      void app.dispose();
    } finally {
      readFilesOnThread({ file: WORKER, formats: 'all' });
      cleanup();
    }
  });

  it('import.inspect and the check job answer IMPORT_LIMIT for hostile files; main keeps ticking', async () => {
    const { ws: workspace, dir, path: wsPath, cleanup } = tempWorkspace();
    workspace.close();
    const app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: distWorkers });
    const events: KecardEvent[] = [];
    app.setEventSink((e) => events.push(e));
    try {
      app.host.open(wsPath);
      const ctx = app.host.context;
      const cellFile = join(dir, 'one-huge-cell.xlsx');
      await writeXlsx(cellFile, { strings: () => longString(60 * MB), columns: 2 });
      const fileToken = app.host.staged.stagePath(cellFile, 'one-huge-cell.xlsx');
      const { outcome, longestGap } = await whileTicking(() => app.dispatch('import.inspect', { fileToken, target: 'customers' }, ctx));
      expect(outcome).toMatchObject({ status: 'fulfilled', value: { ok: false, error: { code: 'IMPORT_LIMIT', details: { limit: 'cellChars' } } } });
      expect(longestGap).toBeLessThan(2000);

      const lineFile = join(dir, 'one-line.csv');
      writeFileSync(lineFile, `客户名称\n${'x,'.repeat(10 * MB)}\n`);
      const lineToken = app.host.staged.stagePath(lineFile, 'one-line.csv');
      const check = await app.dispatch(
        'import.check',
        { fileToken: lineToken, settings: { target: 'customers', mode: 'validRows', headerRow: 1, mapping: { '0': 'name' } } },
        ctx,
      );
      expect(check.ok).toBe(true);
      const finished = await jobFinished(events, (check as { ok: true; value: { jobId: string } }).value.jobId);
      expect(finished).toMatchObject({ ok: false, error: { code: 'IMPORT_LIMIT', details: { limit: 'recordChars' } } });
    } finally {
      await app.dispose();
      cleanup();
    }
  });
});
