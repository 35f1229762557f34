import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KecardError } from '../../../src-shared/errors';
import type { Workspace } from '../../../src-main/db/workspace';
import { makeBundle, type MadeBundle } from '../../../src-main/sync/exchange/make-bundle';
import { canonicalDump, command, knownIds, perform, type Command } from '../../support/random-operations';
import { deliver, enrolledNetwork } from '../../support/sync-sites';
import { testUser } from '../../support/temp-workspace';
import type { SyncScope } from '../../../src-shared/domain/sync';
import { updateCustomer } from '../../../src-main/services/customers/customer-service';
import { setPartnerScope } from '../../../src-main/sync/scope/scope-rules';

// Sites converge through bundles (issue 18, "Done means"): HQ and up to three stores do random,
// concurrent work; bundles between HQ and each store are made at random moments and then lost,
// duplicated, delayed and delivered out of order. After a final clean round (every store to HQ,
// HQ to every store) every store holds what HQ holds within its scope (its 门店, listed 门店 or
// all; customers move between 门店 and HQ changes scopes as the run goes), HQ holds everything,
// and one more round applies nothing.

const RUNS = Number(process.env.KECARD_SYNC_CONVERGENCE_RUNS ?? 60);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kecard-sync-converge-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A classification run's snapshot is computed from the orders a site holds when the run arrives:
// not settled yet (docs/sync-protocol.md). Undo is in: it reverts only its own site's changes.
const LEFT_OUT: readonly Command['k'][] = ['classify'];

type Step =
  | { k: 'op'; at: number; cmd: Command }
  | { k: 'move'; at: number; c: number; to: number }
  | { k: 'scope'; store: number; scope: number }
  | { k: 'make'; store: number; up: boolean }
  | { k: 'deliver'; pick: number; keep: boolean }
  | { k: 'lose'; pick: number };

const step = (sites: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({ k: fc.constant('op' as const), at: fc.nat({ max: sites - 1 }), cmd: command.filter((c) => !LEFT_OUT.includes(c.k)) }),
    },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('move' as const), at: fc.nat({ max: sites - 1 }), c: fc.nat(), to: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('scope' as const), store: fc.nat({ max: sites - 2 }), scope: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('make' as const), store: fc.nat({ max: sites - 2 }), up: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('deliver' as const), pick: fc.nat(), keep: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('lose' as const), pick: fc.nat() }) },
  );

const scenario = fc
  .integer({ min: 2, max: 4 })
  .chain((sites) =>
    fc.tuple(
      fc.constant(sites),
      fc.array(fc.nat(), { minLength: sites - 1, maxLength: sites - 1 }),
      fc.array(step(sites), { minLength: 1, maxLength: 50, size: 'max' }),
    ),
  );

/** The n-th scope a store can have: its own 门店, all customers, or a list of 门店. */
function scopeNumber(n: number, code: string, codes: readonly string[]): SyncScope {
  const kinds: SyncScope[] = [
    { customers: 'own' },
    { customers: 'all' },
    { customers: 'stores', stores: [code, ...codes.filter((c) => c !== code).slice(0, n % codes.length)] },
  ];
  return kinds[n % kinds.length] as SyncScope;
}

/**
 * HQ's dump cut to what a store with this scope holds — the model, computed from HQ's rows: the
 * customers of the scope's 门店 and every row whose create was logged under one of them as root,
 * plus every row with no root (what HQ shares with all).
 */
function withinScope(hq: Workspace, dump: Record<string, unknown[]>, code: string, scope: SyncScope): Record<string, unknown[]> {
  const stores = hq.db.prepare('SELECT id, store_code AS storeCode FROM customers').all() as { id: string; storeCode: string | null }[];
  const held = new Set(
    stores
      .filter((c) => (scope.customers === 'all' ? true : scope.customers === 'own' ? c.storeCode === code : scope.stores.includes(c.storeCode ?? '')))
      .map((c) => c.id),
  );
  const rootOf = new Map(
    (
      hq.db.prepare("SELECT entity_id AS id, root_id AS root FROM change_log_entries WHERE op = 'create'").all() as {
        id: string;
        root: string | null;
      }[]
    ).map((r) => [r.id, r.root]),
  );
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(dump)) {
    out[table] = rows.filter((row) => {
      const r = row as { id?: string; customer_id?: string };
      if (table === 'search' || table === 'classification_snapshots') return held.has((table === 'search' ? r.id : r.customer_id) as string);
      const root = rootOf.get(r.id as string) ?? null;
      return root === null || held.has(root);
    });
  }
  return out;
}

describe('sites converge through bundles', () => {
  it(`HQ and 1–3 stores with scopes, customers moving between 门店, bundles lost, duplicated and reordered: each store ends with HQ's data within its scope (${RUNS} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ([count, initialScopes, steps]) => {
        const dir = mkdtempSync(join(root, `run${++run}-`));
        const storeCodes = ['NJ01', 'SH02', 'GZ03'].slice(0, count - 1);
        const codes = ['HQ', ...storeCodes];
        const scopes = new Map(storeCodes.map((code, i) => [code, scopeNumber(initialScopes[i] as number, code, codes)]));
        const { hq, stores } = enrolledNetwork(
          dir,
          storeCodes,
          () => {},
          (code) => scopes.get(code) as SyncScope,
        );
        const sites = [hq, ...stores];
        const codeOf = (ws: Workspace) => (ws === hq ? 'HQ' : (storeCodes[stores.indexOf(ws)] as string));
        const inFlight: { bundle: MadeBundle; to: Workspace }[] = [];
        try {
          for (const [i, s] of steps.entries()) {
            if (s.k === 'op') {
              const ws = sites[s.at] as Workspace;
              try {
                await perform(ws, knownIds(ws), s.cmd, i, dir);
              } catch (err) {
                if (!(err instanceof KecardError)) throw err;
              }
            } else if (s.k === 'move') {
              // A customer given to another 门店 (or none): a store may only name HQ or itself.
              const ws = sites[s.at] as Workspace;
              const customers = knownIds(ws).customers;
              const target = [...codes, null][s.to % (codes.length + 1)] ?? null;
              try {
                if (customers.length > 0) updateCustomer(ws, testUser, customers[s.c % customers.length] as string, { storeCode: target });
              } catch (err) {
                if (!(err instanceof KecardError)) throw err;
              }
            } else if (s.k === 'scope') {
              const code = storeCodes[s.store] as string;
              scopes.set(code, scopeNumber(s.scope, code, codes));
              setPartnerScope(hq.db, code, scopes.get(code) as SyncScope);
            } else if (s.k === 'make') {
              const store = stores[s.store] as Workspace;
              const [from, to] = s.up ? [store, hq] : [hq, store];
              inFlight.push({ bundle: makeBundle(from, codeOf(to)), to });
            } else if (inFlight.length > 0) {
              const index = s.pick % inFlight.length;
              const item = inFlight[index] as { bundle: MadeBundle; to: Workspace };
              if (s.k === 'lose' || !s.keep) inFlight.splice(index, 1);
              if (s.k === 'deliver') deliver(item.bundle, item.to);
            }
          }
          for (let round = 0; round < 2; round += 1) {
            for (const store of stores) deliver(makeBundle(store, 'HQ'), hq);
            for (const store of stores) deliver(makeBundle(hq, codeOf(store)), store);
          }
          const full = canonicalDump(hq);
          stores.forEach((store, i) => {
            const code = storeCodes[i] as string;
            expect(canonicalDump(store), `${code} (${JSON.stringify(scopes.get(code))})`).toEqual(
              withinScope(hq, full, code, scopes.get(code) as SyncScope),
            );
          });
          for (const store of stores) expect(deliver(makeBundle(store, 'HQ'), hq).applied).toBe(0);
          for (const store of stores) expect(deliver(makeBundle(hq, codeOf(store)), store).applied).toBe(0);
        } finally {
          for (const ws of sites) ws.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
  }, 900_000);
});
