import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_CODES, opOfCode } from '../../../src-main/changelog/log-codec';
import { CHANGE_OPS } from '../../../src-shared/domain/change-log';

// ChangeOp is defined once (src-shared/domain/change-log.ts); the log stores each as a number
// (log-codec.ts) and the view change_log_entries spells the numbers out again (its latest migration).
describe('change log ops', () => {
  it('every shared op has its own number, and the numbers read back', () => {
    expect(Object.keys(OP_CODES).sort()).toEqual([...CHANGE_OPS].sort());
    expect(new Set(Object.values(OP_CODES)).size).toBe(CHANGE_OPS.length);
    for (const op of CHANGE_OPS) expect(opOfCode(OP_CODES[op])).toBe(op);
  });

  it('the view spells each number as the codec does', () => {
    // The view as the latest migration that makes it defines it (0013, remade by 0014 and 0016).
    const dir = join(import.meta.dirname, '..', '..', '..', 'migrations');
    const making = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .filter((text) => text.includes('CREATE VIEW `change_log_entries`'));
    const sql = making.at(-1) ?? '';
    const spelled: Record<string, number> = Object.fromEntries(
      [...sql.matchAll(/WHEN (\d+) THEN '(\w+)'/g)].map((m): [string, number] => [m[2] ?? '', Number(m[1])]),
    );
    expect(spelled).toEqual(OP_CODES);
  });
});
