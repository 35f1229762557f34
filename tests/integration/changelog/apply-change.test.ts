import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange, type LoggedChange } from '../../../src-main/changelog/apply/apply-change';
import { runWrite, type ChangeOrigin } from '../../../src-main/changelog/write-tx';
import type { Workspace } from '../../../src-main/db/workspace';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// applyChange is the door for changes made elsewhere (issue 18's bundles): it checks shape and
// references, refuses what does not fit this file, and writes nothing when it refuses.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const remoteSite = uuidv7();
let seq = 0;
const origin = (): ChangeOrigin => ({
  siteId: remoteSite,
  seq: ++seq,
  hlc: Date.now() * 1024,
  at: Date.now(),
  userId: 'u-hq',
  userName: '总部',
  source: null,
  undoOf: null,
});
const change = (c: Partial<LoggedChange>): LoggedChange => ({
  op: 'create',
  entity: 'customer',
  entityId: uuidv7(),
  rootId: null,
  field: null,
  oldValue: null,
  newValue: null,
  effectiveDate: null,
  ...c,
});
const apply = (c: LoggedChange, o: ChangeOrigin = origin()) => runWrite(ws, testUser, (tx) => applyChange(tx, c, o));
const counts = () => [ws.db.prepare('SELECT count(*) FROM customers').pluck().get(), ws.db.prepare('SELECT count(*) FROM change_log').pluck().get()];

describe('applyChange', () => {
  it('applies a remote create with its origin, derives what is derived, and skips it when it comes again', () => {
    const id = uuidv7();
    const o = origin();
    expect(apply(change({ entityId: id, rootId: id, newValue: { name: '南京分店客户', phones: ['13812345678'] } }), o)).toBe(true);
    const row = ws.db.prepare('SELECT site_id AS siteId, sort_key AS sortKey, created_at AS createdAt FROM customers WHERE id = ?').get(id) as Record<
      string,
      string
    >;
    expect(row).toEqual({ siteId: remoteSite, sortKey: expect.stringContaining('nan jing') as string, createdAt: new Date(o.at).toISOString() });
    const entry = ws.db.prepare('SELECT site_id AS site, seq, user_name AS user FROM change_log_entries WHERE entity_id = ?').get(id);
    expect(entry).toEqual({ site: remoteSite, seq: o.seq, user: '总部' });
    const before = counts();
    expect(apply(change({ entityId: id, rootId: id, newValue: { name: '南京分店客户' } }), o)).toBe(false);
    expect(counts()).toEqual(before);
  });

  it('refuses what does not fit this file and writes nothing', () => {
    const id = uuidv7();
    apply(change({ entityId: id, rootId: id, newValue: { name: '已有客户' } }));
    const before = counts();
    const refused: LoggedChange[] = [
      change({ entity: 'nope' as LoggedChange['entity'] }),
      change({ newValue: { name: '甲', notAColumn: 1 } }),
      change({ newValue: { name: '乙', sortKey: 'zzz' } }), // derived: never taken from elsewhere
      change({ newValue: { name: '丙', siteId: 'x' } }), // bookkeeping
      change({ newValue: 'not a record' }),
      change({ op: 'update', entityId: uuidv7(), field: 'name', newValue: '不存在' }), // no such row
      change({ op: 'update', entityId: id, field: 'name"; DROP TABLE customers; --', newValue: 'x' }),
      change({ op: 'update', entityId: id, field: 'cf_0123456789', newValue: 'x' }), // a custom field this file does not have
      change({ op: 'update', entityId: id, field: null, newValue: 'x' }),
    ];
    for (const c of refused) {
      expect(() => apply(c), JSON.stringify(c)).toThrow(expect.objectContaining({ code: expect.stringMatching(/VALIDATION|NOT_FOUND/) as string }));
      expect(counts()).toEqual(before);
    }
  });
});
