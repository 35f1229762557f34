import type { ChangeOp, Entity } from '../../src-shared/domain/change-log';
import type { Workspace } from '../db/workspace';
import type { CallContext } from './call-context';
import { encodeId, encodeOptionalId, encodeRecord, OP_CODES } from './log-codec';

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

  constructor(
    readonly ws: Workspace,
    readonly ctx: CallContext,
    readonly source: string | null,
    readonly undoOf: number | null,
    now: Date,
  ) {
    this.at = now.toISOString();
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

  log(change: ChangeRecord): void {
    const writer = this.ws.logWriter;
    const value = change.newValue;
    const info = writer.insert.run({
      site: writer.localSite,
      hlc: writer.clock.tick(),
      tx: this.txN,
      at: this.atMs,
      user: this.user,
      op: OP_CODES[change.op],
      entity: writer.names.name(change.entity),
      entityId: encodeId(change.entityId),
      rootId: encodeOptionalId(change.rootId),
      field: change.field ? writer.names.name(change.field) : null,
      oldValue: encodeValue(change.oldValue),
      newValue: change.op === 'create' && isRecord(value) ? encodeRecord(value) : encodeValue(value),
      undoOf: this.undoOf,
      effectiveDate: change.effectiveDate ?? null,
      source: this.sourceName,
    });
    if (this.txN === null) {
      this.txN = Number(info.lastInsertRowid);
      this.ws.noteOwnTransaction(this.txN);
    }
  }

  /** Called by runWrite before the commit. */
  finish(): void {
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
