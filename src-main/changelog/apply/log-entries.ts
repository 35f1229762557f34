import type { ChangeOp, Entity } from '../../../src-shared/domain/change-log';
import type { CallContext } from '../call-context';
import type { Workspace } from '../../db/workspace';
import { decodeValue, runWrite, type ChangeOrigin } from '../write-tx';
import { applyChange, type LoggedChange } from './apply-change';
import { encodeId } from '../log-codec';

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
  siteId: string;
  seq: number;
  hlc: number;
  tx: number;
  atMs: number;
  userId: string;
  userName: string;
  op: ChangeOp;
  entity: Entity;
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

/**
 * The log's entries after `afterN` in the order this file received them, with their origins
 * (what a bundle carries). An undo names the transaction it reverts by that transaction's first
 * entry, (site, seq), since local transaction numbers mean nothing in another file.
 */
export function readOriginChanges(ws: Workspace, afterN = 0, limit = 10_000): OriginChange[] {
  const rows = ws.db.prepare(`${ORIGIN_SELECT} WHERE e.n > ? ORDER BY e.n LIMIT ?`).all(afterN, limit) as EntryRow[];
  return rows.map(toOriginChange);
}

/** Every entry of one customer's card (its root), in this file's order: a customer entering a store's scope. */
export function readRootChanges(ws: Workspace, rootId: string): OriginChange[] {
  const rows = ws.db
    .prepare(`${ORIGIN_SELECT} WHERE e.n IN (SELECT n FROM change_log WHERE root_id = ?) ORDER BY e.n`)
    .all(encodeId(rootId)) as EntryRow[];
  return rows.map(toOriginChange);
}

const ORIGIN_SELECT = `SELECT e.n, e.site_id AS siteId, e.seq, e.hlc, e.tx, l.at AS atMs, e.user_id AS userId, e.user_name AS userName, e.op, e.entity,
         e.entity_id AS entityId, e.root_id AS rootId, e.field, e.old_value AS oldValue, e.new_value AS newValue,
         us.site_id AS undoSite, u.seq AS undoSeq, e.effective_date AS effectiveDate, e.source
  FROM change_log_entries e
  JOIN change_log l ON l.n = e.n
  LEFT JOIN change_log u ON u.n = e.undo_of
  LEFT JOIN log_sites us ON us.n = u.site`;

function toOriginChange(r: EntryRow): OriginChange {
  return {
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
  };
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
