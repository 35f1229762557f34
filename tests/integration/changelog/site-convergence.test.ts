import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import { replayLog } from '../../../src-main/changelog/apply/log-entries';
import { setSiteCode } from '../../../src-main/changelog/site-code';
import { forkSite } from '../../../src-main/changelog/site-identity';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { canonicalDump, command, knownIds, perform, type Command } from '../../support/random-operations';
import { testUser } from '../../support/temp-workspace';

// The merge rule of the change log (applyChange: per field, the latest stamp wins, then the higher
// site id) makes sites converge: three sites (HQ and two stores) do random work, including
// concurrent edits of the same customers, and pull each other's logs at random moments (a pull
// takes everything the other site holds, relayed changes included, so it also delivers entries
// twice and out of step). After a final round of exchanges every site holds the same tables.
// Issue 18 builds bundles, scopes and the conflict inbox on top of this.

const RUNS = Number(process.env.KECARD_CONVERGENCE_RUNS ?? 100);
const CODES = ['HQ', 'NJ01', 'SH02'];

let root: string;
let template: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kecard-converge-'));
  template = join(root, 'template.kecard');
  openWorkspace(template, { create: true }).close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
function site(code: string): Workspace {
  const path = join(root, `s${++files}.kecard`);
  copyFileSync(template, path);
  const db = new Database(path);
  forkSite(db, 'copy');
  setSiteCode(db, code);
  db.close();
  return openWorkspace(path);
}

// A classification run's snapshot is computed from the orders a site holds when the run arrives,
// and undo picks the newest change on a card whatever site made it: both are issue 18's to settle.
const SYNCED: readonly Command['k'][] = ['classify', 'undo'];
type Step = { k: 'op'; at: number; cmd: Command } | { k: 'pull'; to: number; from: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('op' as const), at: fc.nat({ max: 2 }), cmd: command.filter((c) => !SYNCED.includes(c.k)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pull' as const), to: fc.nat({ max: 2 }), from: fc.nat({ max: 2 }) }) },
);

describe('sites converge through their logs (issue 17 → 18)', () => {
  it(`three sites doing random, concurrent work end identical after a round of exchanges (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 45, size: 'max' }), async (steps) => {
        const sites = CODES.map(site);
        try {
          for (const [i, s] of steps.entries()) {
            if (s.k === 'pull') {
              if (s.to !== s.from) replayLog(sites[s.from] as Workspace, sites[s.to] as Workspace, testUser);
              continue;
            }
            const ws = sites[s.at] as Workspace;
            try {
              await perform(ws, knownIds(ws), s.cmd, i, root);
            } catch (err) {
              if (!(err instanceof KecardError)) throw err;
            }
          }
          for (let round = 0; round < 2; round += 1) {
            for (const to of sites) for (const from of sites) if (to !== from) replayLog(from, to, testUser);
          }
          const [first, ...others] = sites.map(canonicalDump);
          for (const other of others) expect(other).toEqual(first);
          // Everything is held everywhere: another exchange applies nothing.
          for (const to of sites) for (const from of sites) if (to !== from) expect(replayLog(from, to, testUser)).toBe(0);
        } finally {
          for (const ws of sites) ws.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 900_000);
});
