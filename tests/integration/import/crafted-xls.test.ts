import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { ComposedApp } from '../../../src-main/app/compose-app';
import { jobFinished } from '../../support/job-events';
import { startAppOnTempWorkspace } from '../../support/app-on-temp-workspace';

// An attack script for SheetJS 0.18.5 (CVE-2023-30533: prototype pollution when reading crafted
// workbooks): real BIFF8 .xls files, written by SheetJS's own writer here on the test thread (the
// flaw is in the reader), whose sheet names, cells, defined names and document properties are the
// names a pollution goes through. They go through import.inspect and the import as the UI sends
// them; main's built-in prototypes must stay as they were, and the reader thread must answer with
// the file's own data or a clear error — never with data quietly lost or taken from elsewhere.

const POISON = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

/** What a pollution would change: the own properties of the built-in prototypes. */
function prototypeSnapshot(): Record<string, string[]> {
  const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
  return Object.fromEntries(Object.entries(protos).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
}

/** A BIFF8 workbook: one sheet per name, each with customers named after the poison words and one named after its sheet. */
function craftedXls(sheetNames: string[]): Buffer {
  const book = XLSX.utils.book_new();
  const rows = (sheet: string) => [
    ['客户名称', '__proto__', 'constructor', 'prototype', '备注'],
    ['__proto__', '{"polluted":"yes"}', 'constructor', 'prototype', '__proto__.polluted'],
    ['constructor', 'x', 'y', 'z', 'constructor.prototype.polluted'],
    [`表 ${sheet} 的客户`, 'a', 'b', 'c', '正常'],
  ];
  for (const name of sheetNames) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows(name)), name);
  book.Props = { Title: '__proto__', Author: 'constructor', Subject: 'prototype', Keywords: 'polluted' };
  book.Custprops = { constructor: 'polluted', prototype: 'polluted', toString: 'polluted', polluted: 'yes' };
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;
  expect(buffer.subarray(0, 4).toString('hex')).toBe('d0cf11e0'); // a real compound file, read as .xls
  return buffer;
}

let app: ComposedApp;
let events: KecardEvent[];
let dir: string;
let stop: () => Promise<void>;
beforeEach(() => ({ app, events, dir, stop } = startAppOnTempWorkspace()));
afterEach(() => stop());

function stage(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return app.host.staged.stagePath(path, name);
}

describe('a crafted .xls (prototype pollution through SheetJS)', () => {
  it("each poisoned sheet name: inspect reads that sheet's own rows or refuses clearly; main untouched", { timeout: 120_000 }, async () => {
    const before = prototypeSnapshot();
    const fileToken = stage('poison.xls', craftedXls(POISON));
    const ctx = app.host.context;
    for (const sheet of POISON) {
      const envelope = await app.dispatch('import.inspect', { fileToken, target: 'customers', read: { sheet } }, ctx);
      if (!envelope.ok) {
        // A refusal is fine if it says what is wrong, in a code the UI translates.
        expect(envelope.error.code, `${sheet}: ${envelope.error.message}`).not.toBe('INTERNAL');
        continue;
      }
      const value = envelope.value as { format: string; sheets: string[]; headers: string[]; sample: string[][] };
      expect(value.format).toBe('xls');
      expect(value.sheets).toEqual(POISON);
      expect(value.headers).toEqual(['客户名称', '__proto__', 'constructor', 'prototype', '备注']);
      // That sheet's own rows, not another sheet's nor a built-in's.
      expect(value.sample.map((r) => r[0])).toEqual(['__proto__', 'constructor', `表 ${sheet} 的客户`]);
    }
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('imported through the check and run jobs: the poison words become plain customer names', { timeout: 120_000 }, async () => {
    const before = prototypeSnapshot();
    const fileToken = stage('poison.xls', craftedXls(['constructor', '__proto__']));
    const ctx = app.host.context;
    const settings = { target: 'customers', mode: 'validRows', headerRow: 1, mapping: { '0': 'name', '4': 'notes' } } as const;
    for (const method of ['import.check', 'import.run'] as const) {
      const started = await app.dispatch(method, { fileToken, settings }, ctx);
      expect(started.ok, JSON.stringify(started)).toBe(true);
      const finished = await jobFinished(events, (started as { ok: true; value: { jobId: string } }).value.jobId);
      expect(finished, JSON.stringify(finished)).toMatchObject({ ok: true, result: { total: 3, valid: 3, invalid: 0 } });
    }
    const names = app.host.workspace.db.prepare('SELECT name, notes FROM customers ORDER BY name').all();
    expect(names).toEqual([
      { name: '__proto__', notes: '__proto__.polluted' },
      { name: 'constructor', notes: 'constructor.prototype.polluted' },
      { name: '表 constructor 的客户', notes: '正常' },
    ]);
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a damaged .xls (SheetJS throws a string or a TypeError): IMPORT_UNREADABLE, not INTERNAL', { timeout: 60_000 }, async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['客户名称'], ['甲']]), 'S');
    const good = XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const ctx = app.host.context;
    // Garbage over the compound file's directory sector, and over the end of the workbook stream.
    for (const [name, at, length] of [
      ['directory.xls', 512, 64],
      ['records.xls', good.length - 2000, 1500],
    ] as const) {
      const bytes = Buffer.from(good);
      bytes.fill(0xff, at, at + length);
      const envelope = await app.dispatch('import.inspect', { fileToken: stage(name, bytes), target: 'customers' }, ctx);
      expect(envelope, name).toMatchObject({ ok: false, error: { code: 'IMPORT_UNREADABLE', details: { format: '.xls' } } });
    }
  });
});
