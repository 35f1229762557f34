import { eq, getTableColumns, sql } from 'drizzle-orm';
import { CHANGE_OPS, ENTITIES, type ChangeOp, type Entity } from '../../../src-shared/domain/change-log';
import { KecardError } from '../../../src-shared/errors';
import { addColumn } from '../../services/custom-fields/field-definition-service';
import { customEntityOf, writeCustomColumn } from '../../services/custom-fields/custom-values';
import { ENTITY_TABLES, isTableEntity, toDbValue, type TableEntity } from '../../services/shared/entity-tables';
import { noteDerivedInputs, readRow } from '../../services/shared/entity-writes';
import { BOOKKEEPING_FIELDS, isDerived, stampedByWrite } from './entity-registry';
import { isLater, latestFieldStamp } from './field-stamps';
import { logRename, settleCodeClash, type CodeRename } from './code-clash';
import { noteDeleteOfEdited, noteEditOfDeleted, noteFieldContest } from './contests';
import { recomputeSnapshot } from './recompute-snapshot';
import { insertNewRow } from './new-rows';
import { findSiteNumber } from '../site-identity';
import type { ChangeOrigin, WriteTx } from '../write-tx';

/** One change as it travels between files: what a change-log entry says, without its stamp. */
export interface LoggedChange {
  op: ChangeOp;
  entity: Entity;
  entityId: string;
  rootId: string | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  effectiveDate: string | null;
}

/**
 * Applies a change made elsewhere (another site's bundle, a log replayed into another file) to
 * this file's rows through the same row writes the services use, and logs it with its origin.
 * It checks the change's shape and references (unknown entities or fields, a row that is not
 * there, a foreign key SQLite refuses), not this site's business rules: a value another site
 * accepted (a status its workflow allowed, a field it made required later) is applied as it came.
 * Derived values follow before the commit (recompute-derived.ts). Returns false when the entry
 * was here already.
 */
export function applyChange(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin): boolean {
  checkShape(change);
  if (isHeld(tx, origin)) return false;
  const rename = withRowTime(tx, origin, () => writeRows(tx, change, origin, false));
  const logged = logWithOrigin(tx, change, origin);
  // The incoming customer took another code here (code-clash.ts): logged after its own change.
  if (rename) logRename(tx, rename);
  return logged;
}

/**
 * Logs a change without writing its rows: the rows of a customer coming back into this site's
 * scope are rebuilt from the whole log afterwards (`rewriteFromLog`). Returns false when held.
 */
export function logChangeOnly(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin): boolean {
  checkShape(change);
  if (isHeld(tx, origin)) return false;
  return logWithOrigin(tx, change, origin);
}

/**
 * Writes an entry this file logged already to rows that were removed (a customer that left this
 * site's scope and came back: sync/scope). Called for every entry of the card in stamp order, it
 * writes each field from the entry that holds its latest stamp, so the rows end as every site
 * holding the whole log has them. No conflicts are noted: each was noted when the entry arrived.
 */
export function rewriteFromLog(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin): void {
  checkShape(change);
  const rename = withRowTime(tx, origin, () => writeRows(tx, change, origin, true));
  if (rename) logRename(tx, rename);
}

function isHeld(tx: WriteTx, origin: ChangeOrigin): boolean {
  const site = findSiteNumber(tx.ws.db, origin.siteId);
  return site !== null && tx.ws.logWriter.hasEntry.get(site, origin.seq) !== undefined;
}

function withRowTime<T>(tx: WriteTx, origin: ChangeOrigin, write: () => T): T {
  const previousAt = tx.rowAt;
  tx.rowAt = new Date(origin.at).toISOString();
  try {
    return write();
  } finally {
    tx.rowAt = previousAt;
  }
}

function logWithOrigin(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin): boolean {
  return tx.log(
    {
      op: change.op,
      entity: change.entity,
      entityId: change.entityId,
      rootId: change.rootId,
      field: change.field,
      oldValue: change.oldValue,
      newValue: change.newValue,
      effectiveDate: change.effectiveDate,
    },
    origin,
  );
}

/** Writes the change's rows; returns the rename of the incoming customer's code when it clashed. */
function writeRows(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin, rebuilding: boolean): CodeRename | null {
  const { entity, entityId: id } = change;
  if (entity === 'classificationRun') {
    if (change.op === 'create') recomputeSnapshot(tx, id, change.newValue);
    return null;
  }
  // A past value (年收入 2021) lives in the log alone; a purge is this file's own clean-up; an
  // eviction says the sending site stopped holding a customer, which changes nothing here.
  if (change.op === 'record' || change.op === 'purge' || change.op === 'evict') return null;
  if (!isTableEntity(entity)) throw invalid('entity', entity);
  const before = readRow(tx, entity, id);
  // Per field, the latest stamp wins (then the higher site id): whatever order changes arrive in,
  // every file ends with the same value. A change that loses is still logged (history, what this
  // file holds from its site), it just does not move the row.
  const stamp = { hlc: origin.hlc, siteId: origin.siteId };
  const wins = (field: string | null) => {
    const latest = latestFieldStamp(tx, id, field);
    // Rebuilding, the entry itself is in the log: it wins when it holds the field's latest stamp.
    if (rebuilding) return latest === null || !isLater(latest, stamp);
    const remoteWins = latest === null || isLater(stamp, latest);
    // A concurrent value that loses goes to the conflict inbox (contests.ts), whichever side it is on.
    if (change.op === 'update' && field !== null && before) noteFieldContest(tx, entity, change, origin, before, latest, remoteWins);
    // The row's updatedAt is the time of its latest logged change, losers included (they are
    // logged on every site): moved forward here too, or two concurrent deletes leave the sites
    // 1 ms apart.
    if (!remoteWins && before) writeRemoteFields(tx, entity, id, { updatedAt: sql`max(${ENTITY_TABLES[entity].updatedAt}, ${tx.rowAt})` });
    return remoteWins;
  };
  const clash = (code: unknown) => settleCodeClash(tx, id, code, stamp, origin);
  switch (change.op) {
    case 'create': {
      const values = recordOf(change.newValue);
      if (before) {
        // The same row made on both sides (a singleton's name-based id): field by field.
        const winning = Object.fromEntries(Object.entries(values).filter(([field]) => wins(field)));
        writeRemoteFields(tx, entity, id, dbValues(entity, winning));
        afterWrite(tx, entity, id, change, Object.keys(winning));
        return null;
      }
      const settled = entity === 'customer' ? clash(values.code) : { code: values.code, incomingRename: null };
      insertNewRow(tx, entity, id, dbValues(entity, entity === 'customer' ? { ...values, code: settled.code } : values), origin.siteId);
      return settled.incomingRename;
    }
    case 'update': {
      if (!before) throw new KecardError('NOT_FOUND', 'The changed record is not in this workspace.', { entity, id });
      const field = change.field ?? '';
      if (before.deleted === 1 && !rebuilding) noteEditOfDeleted(tx, change, origin, latestFieldStamp(tx, id, null));
      if (field.startsWith('cf_')) {
        const target = customEntityOf(entity);
        if (!target) throw invalid('field', `${entity}.${field}`);
        if (!wins(field)) return null;
        writeCustomColumn(tx, target, id, field, change.newValue);
      } else {
        if (!isDataField(entity, field)) throw invalid('field', `${entity}.${field}`);
        if (!wins(field)) return null;
        const live = entity === 'customer' && field === 'code' && before.deleted !== 1;
        const settled = live ? clash(change.newValue) : { code: change.newValue, incomingRename: null };
        writeRemoteFields(tx, entity, id, { [field]: toDbValue(field, settled.code) });
        if (settled.incomingRename) {
          afterWrite(tx, entity, id, change, [field]);
          return settled.incomingRename;
        }
      }
      afterWrite(tx, entity, id, change, [field]);
      return null;
    }
    case 'delete':
    case 'restore': {
      if (!before) throw new KecardError('NOT_FOUND', 'The changed record is not in this workspace.', { entity, id });
      if (!wins(null)) return null;
      if (change.op === 'delete' && before.deleted !== 1 && !rebuilding) noteDeleteOfEdited(tx, change, origin);
      // A customer back from the bin may find its code taken meanwhile: the same rule as a create,
      // by the stamps of the two codes.
      let rename: CodeRename | null = null;
      if (change.op === 'restore' && entity === 'customer' && before.deleted === 1) {
        const codeStamp = latestFieldStamp(tx, id, 'code') ?? stamp;
        const settled = settleCodeClash(tx, id, before.code, codeStamp, origin);
        if (settled.incomingRename) {
          writeRemoteFields(tx, entity, id, { code: settled.code });
          rename = settled.incomingRename;
        }
      }
      writeRemoteFields(tx, entity, id, { deleted: change.op === 'delete' ? 1 : 0 });
      afterWrite(tx, entity, id, change, ['deleted']);
      return rename;
    }
  }
}

/** A remote write: the row's updatedAt only moves forward (changes may arrive older than what the row shows). */
function writeRemoteFields(tx: WriteTx, entity: TableEntity, id: string, set: Record<string, unknown>): void {
  if (Object.keys(set).length === 0) return;
  const table = ENTITY_TABLES[entity];
  tx.ws.orm
    .update(table)
    .set({ ...set, updatedAt: sql`max(${table.updatedAt}, ${tx.rowAt})` })
    .where(eq(table.id, id))
    .run();
}

/** Derived values and physical columns that follow from an applied change. */
function afterWrite(tx: WriteTx, entity: TableEntity, id: string, change: LoggedChange, fields: readonly string[]): void {
  const row = readRow(tx, entity, id) ?? {};
  noteDerivedInputs(tx, entity, id, row, fields);
  if (entity === 'customer' || entity === 'contact') tx.derived.searchDocuments.add(entity === 'customer' ? id : String(row.customerId));
  const stamped = stampedByWrite(entity, fields, tx.rowAt);
  if (Object.keys(stamped).length > 0) writeRemoteFields(tx, entity, id, stamped);
  if (entity === 'customField' && change.op === 'create' && row.type !== 'computedTotal') {
    addColumn(tx, row.entity as Parameters<typeof addColumn>[1], String(row.columnName));
  }
}

function dbValues(entity: TableEntity, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!isDataField(entity, field)) throw invalid('field', `${entity}.${field}`);
    out[field] = toDbValue(field, value);
  }
  return out;
}

function isDataField(entity: TableEntity, field: string): boolean {
  if ((BOOKKEEPING_FIELDS as readonly string[]).includes(field)) return false;
  const columns = getTableColumns(ENTITY_TABLES[entity]) as Record<string, unknown>;
  return Object.hasOwn(columns, field) && !isDerived(entity, field, {});
}

function recordOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('value', 'create');
  return value as Record<string, unknown>;
}

function checkShape(change: LoggedChange): void {
  if (!(CHANGE_OPS as readonly string[]).includes(change.op)) throw invalid('op', String(change.op));
  if (!(ENTITIES as readonly string[]).includes(change.entity)) throw invalid('entity', String(change.entity));
  if (typeof change.entityId !== 'string' || change.entityId.length === 0) throw invalid('entityId', String(change.entityId));
  if (change.op === 'update' && !change.field) throw invalid('field', 'missing');
}

function invalid(what: string, value: string): KecardError {
  return new KecardError('VALIDATION', 'The change does not fit this workspace.', { fields: { [what]: 'invalid' }, value });
}
