import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KecardEvent } from '../../../src-shared/contract/events';
import type { ComposedApp } from '../../../src-main/app/compose-app';
import { jobFinished } from '../../support/job-events';
import { startAppOnTempWorkspace } from '../../support/app-on-temp-workspace';
import { writeXlsx } from '../../support/zip-file';

// A damaged .xlsx (a download cut short, a file scribbled over) is refused as a file that cannot
// be read, in words the wizard translates. Found by hand (session 11): a truncated xlsx answered
// INTERNAL "FILE_ENDED" (unzipper's message), shown as 发生内部错误：FILE_ENDED.

let app: ComposedApp;
let events: KecardEvent[];
let dir: string;
let stop: () => Promise<void>;
beforeEach(() => ({ app, events, dir, stop } = startAppOnTempWorkspace()));
afterEach(() => stop());

async function goodXlsx(): Promise<Buffer> {
  const path = join(dir, 'good.xlsx');
  await writeXlsx(path, {
    columns: 2,
    strings: function* () {
      yield '<si><t>客户名称</t></si><si><t>电话</t></si>';
      for (let i = 0; i < 3000; i += 1) yield `<si><t>损坏测试公司${i}</t></si>`;
    },
    sheetRows: function* () {
      for (let i = 0; i < 3000; i += 1)
        yield `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 2}</v></c><c r="B${i + 2}"><v>1380000${i}</v></c></row>`;
    },
  });
  return readFileSync(path);
}

function stage(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return app.host.staged.stagePath(path, name);
}

describe('a damaged .xlsx', () => {
  it('is read when whole (the damage below is what fails)', async () => {
    const envelope = await app.dispatch(
      'import.inspect',
      { fileToken: stage('whole.xlsx', await goodXlsx()), target: 'customers' },
      app.host.context,
    );
    expect(envelope).toMatchObject({ ok: true, value: { format: 'xlsx', headers: ['客户名称', '电话'] } });
  });

  it('cut short or scribbled over: inspect and the check answer IMPORT_UNREADABLE (.xlsx), not INTERNAL', { timeout: 60_000 }, async () => {
    const good = await goodXlsx();
    const scribbled = Buffer.from(good);
    // Garbage in the middle of the deflated shared strings (the first part after the small ones).
    scribbled.fill(0x5a, 1200, 1800);
    const ctx = app.host.context;
    for (const [name, bytes] of [
      ['cut.xlsx', good.subarray(0, Math.floor(good.length / 2))],
      ['scribbled.xlsx', scribbled],
    ] as const) {
      const fileToken = stage(name, bytes);
      const inspected = await app.dispatch('import.inspect', { fileToken, target: 'customers' }, ctx);
      expect(inspected, name).toMatchObject({ ok: false, error: { code: 'IMPORT_UNREADABLE', details: { format: '.xlsx' } } });
      const settings = { target: 'customers', mode: 'validRows', headerRow: 1, mapping: { '0': 'name' } } as const;
      const started = await app.dispatch('import.check', { fileToken, settings }, ctx);
      expect(started.ok, JSON.stringify(started)).toBe(true);
      const finished = await jobFinished(events, (started as { ok: true; value: { jobId: string } }).value.jobId);
      expect(finished, name).toMatchObject({ ok: false, error: { code: 'IMPORT_UNREADABLE', details: { format: '.xlsx' } } });
    }
  });
});
