import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Workspace } from '../../src-main/db/workspace';
import { runImport } from '../../src-main/import/run-import';
import { importSettings, type ImportReport, type ImportSettingsInput } from '../../src-shared/import/import-settings';
import { tempDir, tempWorkspace, testUser } from './temp-workspace';

/**
 * What an import test needs around it: a real workspace and a folder for the sheets it writes,
 * fresh for each test (the hooks are registered by the call), and the sheets as people send them
 * (GBK CSV from an old Excel, .xlsx). `check` is the wizard's check step (nothing written),
 * `write` the import itself, both as the test user.
 */
export interface ImportBench {
  /** This test's workspace. */
  readonly ws: Workspace;
  /** Where a sheet named `name` goes in this test's folder (for files a test writes itself). */
  path(name: string): string;
  /** A CSV in GBK (Excel's "CSV" on a Chinese Windows); lines are joined with CRLF. Its path. */
  gbkCsv(name: string, text: string | readonly string[]): string;
  /** A UTF-8 text file (a CSV saved by a newer tool); lines are joined with LF. Its path. */
  utf8(name: string, text: string | readonly string[]): string;
  /** An .xlsx with one sheet of these rows; its path. */
  xlsx(name: string, rows: readonly (readonly unknown[])[], sheetName?: string): Promise<string>;
  check(path: string, settings: ImportSettingsInput): Promise<ImportReport>;
  write(path: string, settings: ImportSettingsInput): Promise<ImportReport>;
}

export function importBench(): ImportBench {
  let current: { ws: Workspace; cleanup: () => void } | null = null;
  let files: { dir: string; cleanup: () => void } | null = null;
  beforeEach(() => {
    current = tempWorkspace();
    files = tempDir();
  });
  afterEach(() => {
    current?.cleanup();
    files?.cleanup();
    current = null;
    files = null;
  });
  const ws = (): Workspace => {
    if (!current) throw new Error('importBench: used outside a test');
    return current.ws;
  };
  const pathOf = (name: string): string => {
    if (!files) throw new Error('importBench: used outside a test');
    return join(files.dir, name);
  };
  const run = (path: string, settings: ImportSettingsInput, dryRun: boolean) =>
    runImport(ws(), testUser, path, importSettings.parse(settings), { dryRun });
  return {
    get ws() {
      return ws();
    },
    path: pathOf,
    gbkCsv(name, text) {
      const path = pathOf(name);
      writeFileSync(path, iconv.encode(typeof text === 'string' ? text : text.join('\r\n'), 'gbk'));
      return path;
    },
    utf8(name, text) {
      const path = pathOf(name);
      writeFileSync(path, typeof text === 'string' ? text : text.join('\n'));
      return path;
    },
    async xlsx(name, rows, sheetName = 'Sheet1') {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet(sheetName).addRows(rows.map((r) => [...r]));
      const path = pathOf(name);
      await wb.xlsx.writeFile(path);
      return path;
    },
    check: (path, settings) => run(path, settings, true),
    write: (path, settings) => run(path, settings, false),
  };
}
