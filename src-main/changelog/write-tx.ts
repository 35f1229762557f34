import type { ChangeOp, Entity } from '../../src-shared/domain/change-log';
import type { Workspace } from '../db/workspace';
import type { CallContext } from './call-context';
import { encodeId, encodeOptionalId, encodeRecord, OP_CODES } from './log-codec';
import { siteNumber } from './site-identity';
import { DerivedInputs, recomputeDerived } from './apply/recompute-derived';
import type { Contest } from './apply/contests';

/**
 * Where a change was made when it was not made here: the entry's identity and stamp at its
 * origin (a bundle from another site, or a log replayed into another file). `undoOf` names the
 * reverted transaction by its first entry's (site, seq), the only name it has in every file.
 */
export interface ChangeOrigin {
  siteId: string;
  seq: number;
  hlc: number;
  /** Wall-clock ms at the origin. */
  at: number;
  userId: string;
  userName: string;
  source: string | null;
  undoOf: { siteId: string; seq: number } | null;
}

export type { ChangeOp };

export interface ChangeRecord {
  op: ChangeOp;
  entity: Entity;
  entityId: string;
  rootId: string | null;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  effectiveDate?: string | null;
}

/**
 * The one write path. Services do every change to user data inside `runWrite`, which opens a
 * transaction and hands them a `WriteTx`; rows and their change-log entries commit or roll back
 * together. Nothing else may write user tables.
 */
export class WriteTx {
  readonly at: string;
  private readonly atMs: number;
  private readonly user: number;
  private readonly sourceName: number | null;
  /** n of this transaction's first log entry once it has one. */
  private txN: number | null = null;
  /** Rows touched whose derived values are recomputed before the commit. */
  readonly derived = new DerivedInputs();
  /** The time rows get as updatedAt: now, or the origin's time while a remote change is applied. */
  rowAt: string;
  /** Set by the apply of a bundle: concurrent values that lost are collected here (apply/contests.ts). */
  contests: Contest[] | null = null;

  constructor(
    readonly ws: Workspace,
    readonly ctx: CallContext,
    readonly source: string | null,
    readonly undoOf: number | null,
    now: Date,
  ) {
    this.at = now.toISOString();
    this.rowAt = this.at;
    this.atMs = now.getTime();
    const writer = ws.logWriter;
    writer.observeFileClock();
    this.user = writer.names.user(ctx.userId, ctx.userName);
    this.sourceName = source === null ? null : writer.names.name(source);
  }

  /** This transaction's id in the log (null until it logged something). */
  get txId(): number | null {
    return this.txN;
  }

  /**
   * Appends one entry. A local change is stamped here (this site, the next seq, the workspace
   * clock, this transaction's user and time); a change made elsewhere keeps its origin's site, seq,
   * stamp, user and time, and the clock observes its stamp so later local edits sort after it.
   * Returns false when the origin's entry is in the log already (a bundle applied twice).
   */
  log(change: ChangeRecord, origin?: ChangeOrigin): boolean {
    const writer = this.ws.logWriter;
    const value = change.newValue;
    let stamp: { site: number; seq: number | null; hlc: number; at: number; user: number; undoOf: number | null; source: number | null };
    if (origin) {
      const site = siteNumber(this.ws.db, origin.siteId);
      if (writer.hasEntry.get(site, origin.seq) !== undefined) return false;
      writer.clock.observe(origin.hlc);
      stamp = {
        site,
        seq: origin.seq,
        hlc: origin.hlc,
        at: origin.at,
        user: writer.names.user(origin.userId, origin.userName),
        undoOf: origin.undoOf
          ? ((writer.txOfEntry.get(siteNumber(this.ws.db, origin.undoOf.siteId), origin.undoOf.seq) as number | undefined) ?? null)
          : null,
        source: origin.source === null ? null : writer.names.name(origin.source),
      };
    } else {
      stamp = {
        site: writer.localSite,
        seq: null,
        hlc: writer.clock.tick(),
        at: this.atMs,
        user: this.user,
        undoOf: this.undoOf,
        source: this.sourceName,
      };
    }
    const info = writer.insert.run({
      site: stamp.site,
      seq: stamp.seq,
      hlc: stamp.hlc,
      tx: this.txN,
      at: stamp.at,
      user: stamp.user,
      op: OP_CODES[change.op],
      entity: writer.names.name(change.entity),
      entityId: encodeId(change.entityId),
      rootId: encodeOptionalId(change.rootId),
      field: change.field ? writer.names.name(change.field) : null,
      oldValue: encodeValue(change.oldValue),
      newValue:
        change.op === 'create' && isRecord(value) ? encodeRecord(value, (name) => writer.names.name(name), change.rootId) : encodeValue(value),
      undoOf: stamp.undoOf,
      effectiveDate: change.effectiveDate ?? null,
      source: stamp.source,
    });
    if (this.txN === null) this.txN = Number(info.lastInsertRowid);
    return true;
  }

  /** Called by runWrite before the commit. */
  finish(): void {
    if (!this.derived.empty) recomputeDerived(this, this.derived);
    this.ws.logWriter.publishClock();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function encodeValue(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function decodeValue(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export interface WriteOptions {
  source?: string | null;
  /** The transaction (its log `tx`) this write reverts. */
  undoOf?: number | null;
  now?: Date;
}

export function runWrite<T>(ws: Workspace, ctx: CallContext, fn: (tx: WriteTx) => T, options: WriteOptions = {}): T {
  const names = ws.logWriter.names;
  const mark = names.mark();
  const outermost = !ws.db.inTransaction;
  const run = ws.db.transaction(() => {
    const tx = new WriteTx(ws, ctx, options.source ?? null, options.undoOf ?? null, options.now ?? new Date());
    const result = fn(tx);
    tx.finish();
    return result;
  });
  try {
    const result = run.immediate();
    if (outermost) names.commit();
    return result;
  } catch (err) {
    names.rollbackTo(mark);
    throw err;
  }
}

/**
 * `runWrite` for work that must await (streaming a file) inside one transaction. Only for a
 * connection the caller has to itself, such as a job worker's: anything else written on the same
 * connection meanwhile would join this transaction. Service calls made inside nest as savepoints.
 */
export async function runWriteAsync(ws: Workspace, ctx: CallContext, fn: (tx: WriteTx) => Promise<void>, options: WriteOptions = {}): Promise<void> {
  const names = ws.logWriter.names;
  const mark = names.mark();
  ws.db.exec('BEGIN IMMEDIATE');
  try {
    const tx = new WriteTx(ws, ctx, options.source ?? null, options.undoOf ?? null, options.now ?? new Date());
    await fn(tx);
    tx.finish();
    ws.db.exec('COMMIT');
    names.commit();
  } catch (err) {
    if (ws.db.inTransaction) ws.db.exec('ROLLBACK');
    names.rollbackTo(mark);
    throw err;
  }
}
