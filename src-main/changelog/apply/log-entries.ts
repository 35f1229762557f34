import type Database from 'better-sqlite3-multiple-ciphers';
import type { Entity } from '../../../src-shared/domain/change-log';
import type { CallContext } from '../call-context';
import type { Workspace } from '../../db/workspace';
import { decodeValue, runWrite, type ChangeOrigin } from '../write-tx';
import { decodeId, encodeId, OP_CODES, opOfCode } from '../log-codec';
import { applyChange, type LoggedChange } from './apply-change';

/** A logged change with its origin, as another file receives it. */
export interface OriginChange {
  change: LoggedChange;
  origin: ChangeOrigin;
  /** Its place in the file it was read from, and that file's transaction (applied together). */
  n: number;
  tx: number;
}

interface EntryRow {
  n: number;
  site: number;
  seq: number;
  hlc: number;
  tx: number;
  at: number;
  user: number;
  op: number;
  entity: number;
  entityId: Buffer | string;
  rootId: Buffer | string | null;
  field: number | null;
  oldValue: string | null;
  newValue: string | null;
  undoSite: number | null;
  undoSeq: number | null;
  effectiveDate: string | null;
  source: number | null;
}

/**
 * The log's entries after `afterN` in the order this file received them, with their origins
 * (what a bundle carries). An undo names the transaction it reverts by that transaction's first
 * entry, (site, seq), since local transaction numbers mean nothing in another file.
 *
 * Read from the stored rows and spelled out here rather than through the view
 * `change_log_entries`: the view rebuilt every create's record with SQLite's JSON functions,
 * which was most of the time of exporting a large bundle. Same result as the view (the replay
 * test compares them).
 */
export function readOriginChanges(ws: Workspace, afterN = 0, limit = 10_000): OriginChange[] {
  return readEntries(ws, 'l.n > ? ORDER BY l.n LIMIT ?', [afterN, limit]);
}

/** Every entry of one customer's card (its root), in this file's order: a customer entering a store's scope. */
export function readRootChanges(ws: Workspace, rootId: string): OriginChange[] {
  return readEntries(ws, 'l.root_id = ? ORDER BY l.n', [encodeId(rootId)]);
}

function readEntries(ws: Workspace, where: string, params: unknown[]): OriginChange[] {
  const db = ws.db;
  const rows = db
    .prepare(
      `SELECT l.n, l.site, l.seq, l.hlc, l.tx, l.at, l.user, l.op, l.entity, l.entity_id AS entityId, l.root_id AS rootId, l.field,
              l.old_value AS oldValue, l.new_value AS newValue, u.site AS undoSite, u.seq AS undoSeq, l.effective_date AS effectiveDate, l.source
       FROM change_log l LEFT JOIN change_log u ON u.n = l.undo_of
       WHERE ${where}`,
    )
    .all(...params) as EntryRow[];
  const names = dictionary(db.prepare('SELECT name FROM log_names WHERE n = ?').pluck(), (v) => v as string | undefined);
  const sites = dictionary(db.prepare('SELECT site_id FROM log_sites WHERE n = ?').pluck(), (v) => v as string | undefined);
  const users = dictionary(db.prepare('SELECT user_id AS userId, user_name AS userName FROM log_users WHERE n = ?'), (v) => v as LogUser | undefined);
  return rows.map((r) => {
    const user = users(r.user);
    const rootId = r.rootId === null ? null : decodeId(r.rootId);
    return {
      n: r.n,
      tx: r.tx,
      change: {
        op: opOfCode(r.op),
        entity: names(r.entity) as Entity,
        entityId: decodeId(r.entityId),
        rootId,
        field: r.field === null ? null : names(r.field),
        oldValue: decodeValue(r.oldValue),
        newValue: r.op === OP_CODES.create ? expandRecord(r.newValue, names, rootId) : decodeValue(r.newValue),
        effectiveDate: r.effectiveDate,
      },
      origin: {
        siteId: sites(r.site),
        seq: r.seq,
        hlc: r.hlc,
        at: r.at,
        userId: user.userId,
        userName: user.userName,
        source: r.source === null ? null : names(r.source),
        undoOf: r.undoSite !== null && r.undoSeq !== null ? { siteId: sites(r.undoSite), seq: r.undoSeq } : null,
      },
    };
  });
}

interface LogUser {
  userId: string;
  userName: string;
}

/**
 * One of the log's small tables (names, sites, users) by number, cached for one read only: a
 * number handed out by a transaction that rolled back may be given again to another name.
 */
function dictionary<T>(statement: Database.Statement, cast: (value: unknown) => T | undefined): Dictionary<T> {
  const known = new Map<number, T>();
  return ((n: number, missing?: null) => {
    let value = known.get(n);
    if (value === undefined) {
      value = cast(statement.get(n));
      if (value === undefined) {
        if (missing === null) return null;
        throw new Error(`The change log names ${n}, which its tables do not hold`);
      }
      known.set(n, value);
    }
    return value;
  }) as Dictionary<T>;
}

/** A number's entry; with `null` as second argument, null for a number the table does not hold. */
interface Dictionary<T> {
  (n: number): T;
  (n: number, missing: null): T | null;
}

/**
 * A create's stored record (log-codec.ts `encodeRecord`) with its field names spelled out, in
 * its stored order: JSON.parse alone would put the numbered keys in numeric order. The key "0"
 * is the customerId equal to the entry's root id; keys that are not numbers (records logged
 * before names were numbered) stay as they are.
 */
function expandRecord(text: string | null, names: Dictionary<string>, rootId: string | null): unknown {
  const value = decodeValue(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const stored = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of topLevelKeys(text as string)) {
    if (key === '0') out.customerId = rootId;
    else out[/^[1-9][0-9]*$/.test(key) ? (names(Number(key), null) ?? key) : key] = stored[key];
  }
  return out;
}

/** The keys of a JSON object's text, in the order written. */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its end (past escapes); at depth 1 right after '{' or ',' it is a key.
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      expectKey = false;
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      expectKey = depth === 1;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x2c) expectKey = depth === 1;
  }
  return keys;
}

/**
 * Applies another file's log to this one, transaction by transaction, through `applyChange`.
 * What the replay test uses to show that the log alone rebuilds a workspace's tables; entries
 * this file holds already are skipped, so it can be run again.
 */
export function replayLog(from: Workspace, to: Workspace, ctx: CallContext, batchSize = 10_000): number {
  let applied = 0;
  let after = 0;
  for (;;) {
    const batch = readOriginChanges(from, after, batchSize);
    if (batch.length === 0) return applied;
    // A full batch may end inside a transaction: its last transaction waits for the next batch.
    const lastTx = batch.at(-1)?.tx;
    const whole = batch.length === batchSize && batch[0]?.tx !== lastTx ? batch.filter((e) => e.tx !== lastTx) : batch;
    for (const group of byTransaction(whole)) {
      runWrite(to, ctx, (tx) => {
        for (const entry of group) if (applyChange(tx, entry.change, entry.origin)) applied += 1;
      });
    }
    after = whole.at(-1)?.n ?? after;
  }
}

function byTransaction(entries: readonly OriginChange[]): OriginChange[][] {
  const groups: OriginChange[][] = [];
  for (const entry of entries) {
    const current = groups.at(-1);
    if (current && current[0]?.tx === entry.tx) current.push(entry);
    else groups.push([entry]);
  }
  return groups;
}
