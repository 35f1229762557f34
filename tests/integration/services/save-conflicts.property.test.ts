import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/changelog/call-context';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { getCustomer } from '../../../src-main/services/customers/customer-queries';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Two editors (two connections to one file, two users) open, edit and save one card in random
// interleavings, against a model that numbers every acknowledged write of each field. Property:
// no acknowledged save is lost without a conflict having been reported for it — an editor's save
// writes a field only if nobody wrote it since the editor last read the card (or the value stored
// is the one the editor read, or the one it sends); and a conflict is reported only when someone did.

const FIELDS = ['notes', 'address', 'shortName'] as const;
type Field = (typeof FIELDS)[number];
const VALUES = ['甲', '乙', '丙'] as const;

type Step =
  { editor: 0 | 1; kind: 'open' } | { editor: 0 | 1; kind: 'edit'; field: Field; value: string } | { editor: 0 | 1; kind: 'save'; keepMine: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ editor: fc.constantFrom(0 as const, 1 as const), kind: fc.constant('open' as const) }),
  fc.record({
    editor: fc.constantFrom(0 as const, 1 as const),
    kind: fc.constant('edit' as const),
    field: fc.constantFrom(...FIELDS),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ editor: fc.constantFrom(0 as const, 1 as const), kind: fc.constant('save' as const), keepMine: fc.boolean() }),
);

interface Editor {
  ws: Workspace;
  ctx: CallContext;
  version: number | null;
  seenWrite: Record<Field, number>;
  seenValue: Record<Field, string | null>;
  pending: Partial<Record<Field, string>>;
}

function run(wsA: Workspace, wsB: Workspace, steps: readonly Step[]): void {
  const id = createCustomer(wsA, testUser, { name: '模型客户' }).id;
  const stored: Record<Field, string | null> = { notes: null, address: null, shortName: null };
  const writes: Record<Field, number> = { notes: 0, address: 0, shortName: 0 };
  const editors: Editor[] = [
    {
      ws: wsA,
      ctx: { ...testUser, userId: 'u-a', userName: '甲方' },
      version: null,
      seenWrite: { ...writes },
      seenValue: { ...stored },
      pending: {},
    },
    {
      ws: wsB,
      ctx: { ...testUser, userId: 'u-b', userName: '乙方' },
      version: null,
      seenWrite: { ...writes },
      seenValue: { ...stored },
      pending: {},
    },
  ];
  const read = (e: Editor, c: { version?: number | undefined } & Record<Field, string | null>) => {
    for (const f of FIELDS) expect(c[f], f).toBe(stored[f]);
    e.version = c.version ?? null;
    e.seenWrite = { ...writes };
    e.seenValue = { ...stored };
  };

  for (const s of steps) {
    const e = editors[s.editor] as Editor;
    if (s.kind === 'open') {
      read(e, getCustomer(e.ws, id));
      e.pending = {};
    } else if (s.kind === 'edit') {
      if (e.version !== null) e.pending[s.field] = s.value;
    } else if (e.version !== null && Object.keys(e.pending).length > 0) {
      const saved = updateCustomer(e.ws, e.ctx, id, e.pending, {}, e.version);
      const conflicted = new Set(saved.conflicts.map((c) => c.field));
      for (const [f, mine] of Object.entries(e.pending) as [Field, string][]) {
        const someoneWrote = e.seenWrite[f] !== writes[f];
        if (conflicted.has(f)) {
          // Reported only for a real clash.
          expect(someoneWrote && stored[f] !== mine && stored[f] !== e.seenValue[f] && mine !== e.seenValue[f], `false conflict on ${f}`).toBe(true);
          continue;
        }
        if (someoneWrote && stored[f] !== mine && mine === e.seenValue[f]) {
          // Sent back unchanged by this editor: the other's write stands.
          expect(saved[f], `reverted ${f}`).toBe(stored[f]);
          continue;
        }
        // Written: it may replace only a value this editor saw (or the same value).
        expect(!someoneWrote || stored[f] === mine || stored[f] === e.seenValue[f], `silent overwrite of ${f}`).toBe(true);
        if (stored[f] !== mine) {
          stored[f] = mine;
          writes[f] += 1;
        }
      }
      read(e, saved);
      // The dialog's decision: keep mine (saved with the next save) or take theirs (dropped).
      e.pending = s.keepMine ? Object.fromEntries(Object.entries(e.pending).filter(([f]) => conflicted.has(f))) : {};
    }
  }
  for (const f of FIELDS) expect(getCustomer(wsB, id)[f]).toBe(stored[f]);
}

describe('two editors saving one card (model)', () => {
  it('no acknowledged save is lost without a conflict reported for it, and no conflict without a clash', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 40 }), (steps) => {
        const { ws, path, cleanup } = tempWorkspace();
        const other = openWorkspace(path);
        try {
          run(ws, other, steps);
        } finally {
          other.close();
          cleanup();
        }
      }),
      { numRuns: 60, seed: 20261207 },
    );
  });
});
