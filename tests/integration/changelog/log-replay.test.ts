import Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import { replayLog } from '../../../src-main/changelog/apply/log-entries';
import { forkSite } from '../../../src-main/changelog/site-identity';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { canonicalDump, command, knownIds, perform, type Command } from '../../support/random-operations';
import { testUser } from '../../support/temp-workspace';

// Issue 17's proof that the log is the data: random sequences of what users do (customers,
// contacts, custom fields and their past values, orders with rates and amounts, receipts,
// business records moving through statuses, undo, imports, a classification run, deletes and
// restores) are replayed from one file's log into an empty file through `applyChange`; the two
// files' tables must then be identical. Derived values (totals, sort keys, status times,
// classification snapshots) are recomputed on the receiving side, never copied.

const RUNS = Number(process.env.KECARD_REPLAY_RUNS ?? 300);

let root: string;
let template: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kecard-replay-'));
  template = join(root, 'template.kecard');
  openWorkspace(template, { create: true }).close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
/** A new empty workspace with a site of its own (a copy of one made once: migrations are the slow part of a new file). */
function emptyWorkspace(): Workspace {
  const path = join(root, `w${++files}.kecard`);
  copyFileSync(template, path);
  const db = new Database(path);
  forkSite(db, 'copy');
  db.close();
  return openWorkspace(path);
}

/** Commands that wrote something, per kind, over all runs: the property must not pass by refusing everything. */
const done = new Map<Command['k'], number>();

describe('the change log rebuilds a workspace (issue 17)', () => {
  it(`random sequences of user operations replayed from the log into an empty file give identical tables (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40, size: 'max' }), async (commands) => {
        const a = emptyWorkspace();
        const b = emptyWorkspace();
        try {
          for (const [step, cmd] of commands.entries()) {
            try {
              const before = a.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
              await perform(a, knownIds(a), cmd, step, root);
              if ((a.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number) > before) done.set(cmd.k, (done.get(cmd.k) ?? 0) + 1);
            } catch (err) {
              // A refused command (a rule, a conflict) writes nothing; anything else is a failure.
              if (!(err instanceof KecardError)) throw err;
            }
          }
          replayLog(a, b, testUser);
          expect(canonicalDump(b)).toEqual(canonicalDump(a));
          // Applying the same log again changes nothing (entries are known by site and seq).
          expect(replayLog(a, b, testUser)).toBe(0);
        } finally {
          a.close();
          b.close();
        }
      }),
      { numRuns: RUNS },
    );
    const kinds: Command['k'][] = [
      'customer',
      'editCustomer',
      'deleteCustomer',
      'restoreCustomer',
      'contact',
      'editContact',
      'deleteContact',
      'field',
      'setCustom',
      'pastValue',
      'order',
      'editOrder',
      'deleteOrder',
      'receipt',
      'record',
      'moveRecord',
      'undo',
      'import',
      'classify',
    ];
    expect(kinds.filter((k) => !done.has(k))).toEqual([]);
  }, 600_000);
});
