import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import { readOriginChanges, replayLog, type OriginChange } from '../../../src-main/changelog/apply/log-entries';
import { decodeValue } from '../../../src-main/changelog/write-tx';
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

interface ViewRow {
  n: number;
  siteId: string;
  seq: number;
  hlc: number;
  tx: number;
  atMs: number;
  userId: string;
  userName: string;
  op: OriginChange['change']['op'];
  entity: OriginChange['change']['entity'];
  entityId: string;
  rootId: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  undoSite: string | null;
  undoSeq: number | null;
  effectiveDate: string | null;
  source: string | null;
}

/** The model of readOriginChanges: the entries as the view change_log_entries spells them out (JSON text compared, so key order counts). */
function viewOriginChanges(ws: Workspace): OriginChange[] {
  const rows = ws.db
    .prepare(
      `SELECT e.n, e.site_id AS siteId, e.seq, e.hlc, e.tx, l.at AS atMs, e.user_id AS userId, e.user_name AS userName, e.op, e.entity,
              e.entity_id AS entityId, e.root_id AS rootId, e.field, e.old_value AS oldValue, e.new_value AS newValue,
              us.site_id AS undoSite, u.seq AS undoSeq, e.effective_date AS effectiveDate, e.source
       FROM change_log_entries e JOIN change_log l ON l.n = e.n
       LEFT JOIN change_log u ON u.n = e.undo_of LEFT JOIN log_sites us ON us.n = u.site
       ORDER BY e.n`,
    )
    .all() as ViewRow[];
  return rows.map((r) => ({
    n: r.n,
    tx: r.tx,
    change: {
      op: r.op,
      entity: r.entity,
      entityId: r.entityId,
      rootId: r.rootId,
      field: r.field,
      oldValue: decodeValue(r.oldValue),
      newValue: decodeValue(r.newValue),
      effectiveDate: r.effectiveDate,
    },
    origin: {
      siteId: r.siteId,
      seq: r.seq,
      hlc: r.hlc,
      at: r.atMs,
      userId: r.userId,
      userName: r.userName,
      source: r.source,
      undoOf: r.undoSite !== null && r.undoSeq !== null ? { siteId: r.undoSite, seq: r.undoSeq } : null,
    },
  }));
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
          // What a bundle carries is read from the stored rows; the view spells out the same entries.
          expect(JSON.stringify(readOriginChanges(a, 0, 1_000_000))).toBe(JSON.stringify(viewOriginChanges(a)));
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
