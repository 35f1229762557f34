import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOriginChanges } from '../../../src-main/changelog/apply/log-entries';
import { runWrite } from '../../../src-main/changelog/write-tx';
import type { Workspace } from '../../../src-main/db/workspace';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Creates are stored with numbered field names and the root as "0" (log-codec.ts); the view
// change_log_entries must give back exactly the record that was logged, whatever it holds.

let ws: Workspace;
let cleanup: () => void;
beforeAll(() => ({ ws, cleanup } = tempWorkspace()));
afterAll(() => cleanup());

const FIELDS = ['name', 'customerId', 'phones', 'tags', 'quantityMilli', 'active', 'definition', 'cf_0a1b2c3d4e', '名称', 'notes'];
const value = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer())), { maxKeys: 3 }),
);

describe('compact creates in the change log', () => {
  it('read back through change_log_entries exactly as logged (empty fields left out, the root restored)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), value), fc.boolean(), (record, rootIsCustomer) => {
        const root = uuidv7();
        const id = uuidv7();
        const logged = { ...record, ...(rootIsCustomer && 'customerId' in record ? { customerId: root } : {}) };
        runWrite(ws, testUser, (tx) => tx.log({ op: 'create', entity: 'contact', entityId: id, rootId: root, newValue: logged }));
        const text = ws.db.prepare("SELECT new_value FROM change_log_entries WHERE entity_id = ? AND op = 'create'").pluck().get(id) as string;
        const expected = Object.fromEntries(Object.entries(logged).filter(([, v]) => v !== null && v !== undefined));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(expected)));
        // The field order of the record survives (history shows the first fields first).
        expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(expected));
        // What a bundle carries (read from the stored row, not the view): the same record, in the same order.
        const n = ws.db.prepare('SELECT max(n) FROM change_log').pluck().get() as number;
        expect(JSON.stringify(readOriginChanges(ws, n - 1, 1)[0]?.change.newValue)).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });
});
