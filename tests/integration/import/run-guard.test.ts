import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDirectSource } from '../../../src-main/import/read-rows';
import { READ_LIMITS, type ReadLimits } from '../../../src-main/import/read-limits';
import { RunGuard } from '../../../src-main/import/xlsx-rows';
import { tempDir } from '../../support/temp-workspace';
import { writeXlsx } from '../../support/zip-file';

// The run guard stops a file that goes on for longer than any legal cell or line without a tag or
// a line break. Found by hand (session 11): it measured each chunk alone, so a run spread over
// many chunks (16 KB from the inflater, 1 MB from the file) was never stopped — a 500 MB cell was
// inflated whole (8.5 s, 0.7 GB) and a 50 MB line of commas became millions of fields (51 s, 0.8 GB).

const KB = 1024;

let files: { dir: string; cleanup: () => void };
beforeEach(() => (files = tempDir()));
afterEach(() => files.cleanup());

async function refusal(path: string, limits: ReadLimits): Promise<{ code?: string; details?: { limit?: string } }> {
  try {
    for await (const _ of openDirectSource(path, {}, limits).rows()) void _;
  } catch (err) {
    return err as { code?: string; details?: { limit?: string } };
  }
  return { code: 'read to the end' };
}

describe('RunGuard', () => {
  const fail = () => new Error('run too long');
  const chunk = (bytes: number, fill = 'a') => Buffer.alloc(bytes, fill);

  it('counts a run across chunks', () => {
    const guard = new RunGuard(0x3c, 100, fail);
    expect(guard.check(chunk(60))).toBeNull();
    expect(guard.check(chunk(60))).toBeInstanceOf(Error);
  });

  it('starts counting again after the mark, also in a later chunk', () => {
    const guard = new RunGuard(0x3c, 100, fail);
    expect(guard.check(chunk(90))).toBeNull();
    expect(guard.check(Buffer.concat([chunk(5), Buffer.from('<'), chunk(90)]))).toBeNull();
    expect(guard.check(chunk(5))).toBeNull();
    expect(guard.check(chunk(10))).toBeInstanceOf(Error);
  });

  it('lets ordinary text through, however long', () => {
    const guard = new RunGuard(0x0a, 100, fail);
    for (let i = 0; i < 1000; i += 1) expect(guard.check(Buffer.from('甲乙丙,1,2\n'.repeat(7)))).toBeNull();
  });
});

describe('a long run in a file is refused by the run guard, before the other limits', () => {
  it('xlsx: a cell of 5 MB, inflated piece by piece, is cellChars, not the part size', async () => {
    const path = join(files.dir, 'long-cell.xlsx');
    await writeXlsx(path, {
      columns: 2,
      // Declared small, so the part is inflated (through the counter) rather than refused from the directory.
      stringsDeclaredSize: 10_000,
      strings: function* () {
        yield '<si><t>客户名称</t></si><si><t>';
        for (let i = 0; i < 5 * 64; i += 1) yield 'A'.repeat(16 * KB);
        yield '</t></si>';
      },
    });
    // The guard allows 10 bytes a character (+1 KB): 201 KB here, more than one inflated piece;
    // the part may inflate to 4 MB.
    const limits = { ...READ_LIMITS, cellChars: 20_000, entryBytes: 4 * KB * KB };
    expect(await refusal(path, limits)).toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'cellChars' } });
  });

  it('text: a line of 3 MB of commas is recordChars, not millions of empty fields', async () => {
    const path = join(files.dir, 'commas.csv');
    writeFileSync(path, `客户名称,电话\n${','.repeat(3 * KB * KB)}\n`);
    // The guard allows 4 bytes a character and one a column: 1.3 MB here, more than one 1 MB read.
    const limits = { ...READ_LIMITS, recordChars: 300_000, columns: 100_000 };
    expect(await refusal(path, limits)).toMatchObject({ code: 'IMPORT_LIMIT', details: { limit: 'recordChars' } });
  });
});
