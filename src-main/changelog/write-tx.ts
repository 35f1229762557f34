import type { ChangeOp, Entity } from '../../src-shared/domain/change-log';
import type { Workspace } from '../db/workspace';
import type { CallContext } from './call-context';
import { pooledUuidV7 } from './pooled-uuid';

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
  readonly txId = pooledUuidV7();
  readonly at: string;
  private readonly insertLog;

  constructor(
    readonly ws: Workspace,
    readonly ctx: CallContext,
    readonly source: string | null,
    readonly undoOf: string | null,
    now: Date,
  ) {
    this.at = now.toISOString();
    this.insertLog = ws.db.prepare(
      `INSERT INTO change_log (id, hlc, tx_id, at, site_id, user_id, user_name, op, entity, entity_id, root_id, field, old_value, new_value, undo_of, source, effective_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  log(change: ChangeRecord): void {
    this.insertLog.run(
      pooledUuidV7(),
      this.ws.clock.tick(),
      this.txId,
      this.at,
      this.ws.siteId,
      this.ctx.userId,
      this.ctx.userName,
      change.op,
      change.entity,
      change.entityId,
      change.rootId,
      change.field ?? null,
      encodeValue(change.oldValue),
      encodeValue(change.newValue),
      this.undoOf,
      this.source,
      change.effectiveDate ?? null,
    );
  }
}

export function encodeValue(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function decodeValue(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export interface WriteOptions {
  source?: string | null;
  undoOf?: string | null;
  now?: Date;
}

export function runWrite<T>(ws: Workspace, ctx: CallContext, fn: (tx: WriteTx) => T, options: WriteOptions = {}): T {
  const run = ws.db.transaction(() => fn(new WriteTx(ws, ctx, options.source ?? null, options.undoOf ?? null, options.now ?? new Date())));
  return run.immediate();
}

/**
 * `runWrite` for work that must await (streaming a file) inside one transaction. Only for a
 * connection the caller has to itself, such as a job worker's: anything else written on the same
 * connection meanwhile would join this transaction. Service calls made inside nest as savepoints.
 */
export async function runWriteAsync(ws: Workspace, ctx: CallContext, fn: (tx: WriteTx) => Promise<void>, options: WriteOptions = {}): Promise<void> {
  ws.db.exec('BEGIN IMMEDIATE');
  try {
    await fn(new WriteTx(ws, ctx, options.source ?? null, options.undoOf ?? null, options.now ?? new Date()));
    ws.db.exec('COMMIT');
  } catch (err) {
    if (ws.db.inTransaction) ws.db.exec('ROLLBACK');
    throw err;
  }
}
