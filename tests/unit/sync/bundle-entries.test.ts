import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_OPS, ENTITIES } from '../../../src-shared/domain/change-log';
import { KecardError } from '../../../src-shared/errors';
import type { OriginChange } from '../../../src-main/changelog/apply/log-entries';
import { decodeEntries, encodeEntries } from '../../../src-main/sync/exchange/bundle-entries';

// A bundle's payload in its compact form (numbered users and created records' field names, the
// root left out when it is the entity): what is decoded is what was encoded, field order
// included, and a line that does not add up is refused, never half-read.

const uuid = fc.uuid();
const jsonValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
// Field names as the log has them, and a few that look like numbers (order must survive those too).
const fieldName = fc.oneof(
  fc.constantFrom('name', 'customerId', 'phones', 'cf_0a1b2c3d4e', '名称', 'notes', '1', '20'),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const entry: fc.Arbitrary<OriginChange> = fc
  .record({
    op: fc.constantFrom(...CHANGE_OPS),
    entity: fc.constantFrom(...ENTITIES),
    entityId: uuid,
    root: fc.oneof(fc.constant('self' as const), fc.constant(null), uuid),
    field: fc.option(fieldName, { nil: null }),
    oldValue: jsonValue,
    record: fc.dictionary(
      fieldName.filter((f) => f !== '__proto__'),
      jsonValue,
      { maxKeys: 6 },
    ),
    plain: jsonValue,
    site: fc.constantFrom('site-a', 'site-b', 'site-c'),
    seq: fc.integer({ min: 1, max: 1e9 }),
    hlc: fc.integer({ min: 0, max: 2 ** 52 }),
    at: fc.integer({ min: 0, max: 2 ** 45 }),
    user: fc.constantFrom(['local:root', 'root'], ['u1', '张伟'], ['u1', '张伟伟']),
    source: fc.option(fc.constantFrom('import:a.csv', 'demo'), { nil: null }),
    undo: fc.option(fc.record({ siteId: fc.constantFrom('site-a', 'site-d'), seq: fc.integer({ min: 1, max: 99 }) }), { nil: null }),
    effectiveDate: fc.option(fc.constant('2026-01-01'), { nil: null }),
  })
  .map((r) => ({
    n: 0,
    tx: 0,
    change: {
      op: r.op,
      entity: r.entity,
      entityId: r.entityId,
      rootId: r.root === 'self' ? r.entityId : r.root,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.op === 'create' ? r.record : r.plain,
      effectiveDate: r.effectiveDate,
    },
    origin: {
      siteId: r.site,
      seq: r.seq,
      hlc: r.hlc,
      at: r.at,
      userId: r.user[0],
      userName: r.user[1],
      source: r.source,
      undoOf: r.undo,
    },
  }));

const shown = (entries: readonly { change: unknown; origin: unknown }[]) => JSON.stringify(entries.map((e) => [e.change, e.origin]));
const refusal = (payload: string) => {
  try {
    decodeEntries(Buffer.from(payload));
  } catch (err) {
    return err instanceof KecardError ? err.details?.reason : err;
  }
  return 'accepted';
};

describe('bundle payload lines', () => {
  it('decode to exactly what was encoded, record field order included', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const decoded = decodeEntries(encodeEntries(entries));
        expect(shown(decoded)).toBe(shown(entries));
      }),
      { numRuns: 300 },
    );
  });

  it('are smaller than spelled out: field names and users once per bundle', () => {
    const record = {
      name: '温州利能电气有限公司',
      shortName: '温州利能',
      kind: 'company',
      phones: ['0577-45796687'],
      customerClass: 'D',
      storeCode: 'NJ01',
    };
    const entries = Array.from({ length: 100 }, (_, i): OriginChange => ({
      n: i,
      tx: 1,
      change: {
        op: 'create',
        entity: 'customer',
        entityId: `id-${i}`,
        rootId: `id-${i}`,
        field: null,
        oldValue: null,
        newValue: record,
        effectiveDate: null,
      },
      origin: { siteId: 's', seq: i + 1, hlc: i, at: 0, userId: 'local:root', userName: 'root', source: null, undoOf: null },
    }));
    const bytes = encodeEntries(entries).length;
    const spelled = entries
      .map((e) =>
        JSON.stringify([
          0,
          e.origin.seq,
          e.origin.hlc,
          0,
          'local:root',
          'root',
          null,
          null,
          'create',
          'customer',
          e.change.entityId,
          e.change.rootId,
          null,
          null,
          record,
          null,
        ]),
      )
      .join('\n');
    expect(bytes).toBeLessThan(Buffer.byteLength(spelled) * 0.75);
  });

  it('still read the spelled-out form (16 elements, names in place)', () => {
    const line = [0, 3, 10, 20, 'u1', '张伟', null, null, 'create', 'customer', 'c1', 'c1', null, null, { name: '甲', '2': 1, code: 'K1' }, null];
    const [decoded] = decodeEntries(Buffer.from(`${JSON.stringify({ sites: ['s'] })}\n${JSON.stringify(line)}`));
    expect(decoded?.origin).toMatchObject({ siteId: 's', seq: 3, userId: 'u1', userName: '张伟' });
    expect(decoded?.change).toMatchObject({ rootId: 'c1', newValue: { name: '甲', '2': 1, code: 'K1' } });
  });

  it('refuse a compact line that does not add up', () => {
    const head = JSON.stringify({ sites: ['s'], users: [['u1', '张伟']], fields: ['name', 'code'] });
    const line = (over: Record<number, unknown>) => {
      const base: unknown[] = [0, 1, 1, 1, 0, null, null, null, 'create', 'customer', 'c1', null, null, null, [0, '甲', 1, 'K1'], null, 7];
      for (const [i, v] of Object.entries(over)) base[Number(i)] = v;
      return `${head}\n${JSON.stringify(base)}`;
    };
    expect(refusal(line({}))).toBe('accepted');
    expect(refusal(line({ 14: [0, '甲', 2, 'K1'] }))).toBe('badEntries'); // no field 2
    expect(refusal(line({ 14: [0, '甲', 0, 'K1'] }))).toBe('badEntries'); // a field twice
    expect(refusal(line({ 14: [0, '甲', 1] }))).toBe('badEntries'); // odd length
    expect(refusal(line({ 8: 'update', 12: 'name' }))).toBe('badEntries'); // packed, not a create
    expect(refusal(line({ 4: 5 }))).toBe('badEntries'); // no user 5
    expect(refusal(line({ 4: 'u1' }))).toBe('badEntries'); // flag 4 with a user id
    expect(refusal(line({ 11: 'c2' }))).toBe('badEntries'); // root given and flag 2
    expect(refusal(line({ 16: 8 }))).toBe('badEntries'); // unknown flag
    expect(
      refusal(
        `${JSON.stringify({ sites: ['s'], fields: ['__proto__'] })}\n${JSON.stringify([0, 1, 1, 1, 'u', 'n', null, null, 'create', 'customer', 'c1', 'c1', null, null, [0, {}], null, 1])}`,
      ),
    ).toBe('badEntries');
  });
});
